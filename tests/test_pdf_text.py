"""The tests' PDF reader takes a stream by its length, whatever bytes it ends in."""

from __future__ import annotations

import zlib

import pytest

from tests.pdf_text import _stream


def _compressed_ending_in(last: bytes) -> bytes:
    for i in range(100_000):
        data = zlib.compress(b"BT (x%d) Tj ET" % i)
        if data.endswith(last):
            return data
    raise AssertionError("no such stream")  # pragma: no cover


@pytest.mark.parametrize("last", [b"\r", b"\n", b"x"])
def test_a_compressed_stream_reads_back_whatever_its_last_byte(last):
    data = _compressed_ending_in(last)
    body = b"\n<<\n/Filter /FlateDecode\n/Length %d\n>>\nstream\n%s\nendstream\n" % (
        len(data),
        data,
    )

    assert _stream(body).startswith(b"BT (x") and _stream(body).endswith(b") Tj ET")


def test_a_plain_stream_is_taken_as_it_stands():
    body = b"<< /Length 11 >>\nstream\nBT (a) Tj E\nendstream\n"

    assert _stream(body) == b"BT (a) Tj E"
