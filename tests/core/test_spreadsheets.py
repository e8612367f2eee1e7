"""Reading uploaded spreadsheets safely: packed workbooks, millions of rows, oversized files.

The workbooks are written by hand (tests/xlsx_support.py), as an attacker would write them: a
few hundred kilobytes on disk that unpack to hundreds of megabytes of XML.
"""

import io
import tracemalloc

import pytest
from django.utils import translation

from gemeinsam.core.spreadsheets import SHEET_ROWS, Limits, SpreadsheetError, read_table
from tests.xlsx_support import cell, workbook


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def refusal(
    data: bytes | io.BytesIO, name: str = "liste.xlsx", limits: Limits | None = None
) -> str:
    stream = data if isinstance(data, io.BytesIO) else io.BytesIO(data)
    with pytest.raises(SpreadsheetError) as error:
        read_table(stream, name, limits)
    return error.value.message


def refusal_and_peak(data, **options) -> tuple[str, int]:
    """The refusal and the most memory it took to reach it (what a bomb would exhaust; counted,
    not timed, so a busy machine cannot make it fail)."""
    tracemalloc.start()
    try:
        message = refusal(data, **options)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return message, peak


MB = 1024 * 1024


def test_a_workbook_of_three_million_rows_packed_into_half_a_megabyte_is_refused_at_once():
    bomb = workbook(rows=3_000_000)
    assert len(bomb) < 600_000
    message, peak = refusal_and_peak(bomb)
    assert peak < 5 * MB  # refused by its packing ratio, before unpacking
    assert message.startswith("This workbook is packed unusually tightly: it would unpack to ")
    assert "343 times its own size. It is not read, to protect the server." in message


def test_millions_of_tiny_rows_packed_loosely_enough_to_pass_are_refused_after_counting():
    # Row elements with differing attributes pack about twenty to one: no bomb by its ratio,
    # but openpyxl would keep an object for each of them when opening the workbook.
    rows = "".join(f'<row spans="{i}"/>' for i in range(2_000))
    data = workbook(rows=700, row=rows)
    message, peak = refusal_and_peak(data)
    assert peak < 30 * MB  # counted while streaming: no object per row
    assert message == (
        "The workbook is larger than can be read at once (more than 1,048,576 rows or "
        "4,000,000 cells). Please split it into smaller files."
    )


def test_more_cells_than_the_limit_are_refused_before_parsing():
    data = workbook(rows=30, row="<row>" + cell("x") * 10 + "</row>")
    message = refusal(data, limits=Limits(cells=300))
    assert message == (
        "The workbook is larger than can be read at once (more than 1,048,576 rows or "
        "300 cells). Please split it into smaller files."
    )
    assert len(read_table(io.BytesIO(data), "liste.xlsx", Limits(cells=400)).rows) == 30


def test_reading_stops_at_the_first_row_past_the_limit():
    # The sheet breaks off after 20,000 rows. Reading it all would meet the broken XML and
    # call the file unreadable; stopping at the limit never gets there.
    broken = workbook(rows=20_000, head='<dimension ref="A1"/>', tail="<row><c><broken")
    assert refusal(broken, limits=Limits(rows=3)) == (
        "The file has more than 3 rows. Please split it into smaller files."
    )
    assert refusal(broken, limits=Limits(rows=30_000)) == (
        "This file cannot be read as an Excel workbook (.xlsx)."
    )


def test_a_row_numbered_beyond_what_a_sheet_can_hold_is_refused():
    far = f'<row r="2">{cell("Verein A")}</row><row r="{SHEET_ROWS * 1000}">{cell("B")}</row>'
    message, peak = refusal_and_peak(workbook(rows=1, row=far))
    assert message == "This file cannot be read as an Excel workbook (.xlsx)."
    assert peak < 5 * MB  # refused before a row list a billion rows long is built


def test_a_workbook_that_unpacks_to_more_than_the_limit_is_refused_by_its_declared_size():
    data = workbook(rows=2_000)
    assert refusal(data, limits=Limits(bytes=50_000)) == (
        "The file holds more than 48.8\xa0KB of data, more than can be read at once. "
        "Please split it into smaller files."
    )


def test_a_csv_file_larger_than_the_limit_is_refused_without_reading_it_all():
    data = b"Name;Ort\r\n" + b"Kulturverein;Bochum\r\n" * 1_000

    class Endless(io.BytesIO):
        # Refuses to be read whole: the reader must ask for no more than it may keep.
        def read(self, size=-1):
            assert 0 <= size <= 2_001
            return super().read(size)

    assert refusal(Endless(data), "liste.csv", Limits(bytes=2_000)) == (
        "The file holds more than 2.0\xa0KB of data, more than can be read at once. "
        "Please split it into smaller files."
    )


def test_a_csv_file_stops_at_the_row_limit():
    data = b"Name;Ort\r\n" + b"Kulturverein;Bochum\r\n" * 11
    assert refusal(data, "liste.csv", Limits(rows=10)) == (
        "The file has more than 10 rows. Please split it into smaller files."
    )
    assert len(read_table(io.BytesIO(data), "liste.csv", Limits(rows=11)).rows) == 11
