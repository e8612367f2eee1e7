"""The text of a PDF written by fpdf2, line by line, as a reader's copy and paste would give it.

fpdf2 embeds subsets of TrueType fonts: a text is a string of glyph numbers, and each font's
ToUnicode map turns them back into characters. Each line of a cell is one text object (BT … ET),
whether shaped (one glyph at a time, `Tj` after `Tm`) or not, so a line here is one text object.
Right-to-left lines come out in the order the glyphs are drawn, from left to right.
"""

from __future__ import annotations

import re
import zlib

_OBJECT = re.compile(rb"(\d+) 0 obj(.*?)endobj", re.S)
_STREAM = re.compile(rb"stream\r?\n", re.S)
_LENGTH = re.compile(rb"/Length (\d+)\b")
_TOKEN = re.compile(
    rb"\((?P<literal>(?:[^()\\]|\\.|\\\n)*)\)|<(?P<hex>[0-9A-Fa-f\s]*)>"
    rb"|/(?P<name>[^\s/\[\]()<>]+)|(?P<op>BT|ET|Tf)\b"
)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _objects(pdf: bytes) -> dict[int, bytes]:
    return {int(number): body for number, body in _OBJECT.findall(pdf)}


def _stream(body: bytes) -> bytes:
    # The length in the dictionary, not the "endstream" after it: compressed data may end in
    # a carriage return, which a pattern for the line break before "endstream" would swallow.
    found = _STREAM.search(body)
    length = _LENGTH.search(body, 0, found.start()) if found else None
    if found is None or length is None:
        return b""
    data = body[found.end() : found.end() + int(length.group(1))]
    if b"/FlateDecode" in body[: found.start()]:
        return zlib.decompress(data)
    return data


def _unicode_map(cmap: bytes) -> dict[int, str]:
    mapping = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, target in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            mapping[int(code, 16)] = bytes.fromhex(target.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, start in re.findall(
            rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
        ):
            for offset in range(int(high, 16) - int(low, 16) + 1):
                mapping[int(low, 16) + offset] = chr(int(start, 16) + offset)
    return mapping


def _literal(raw: bytes) -> bytes:
    def unescape(match: re.Match) -> bytes:
        escaped = match.group(1)
        if escaped[:1].isdigit():
            return bytes([int(escaped, 8)])
        if escaped == b"\n":
            return b""
        return _ESCAPES.get(escaped, escaped)

    return re.sub(rb"\\([0-7]{1,3}|.|\n)", unescape, raw, flags=re.S)


def page_content(pdf: bytes) -> bytes:
    """The drawing operators of every page, decompressed, one page after another."""
    objects = _objects(pdf)
    return b"\n".join(_stream(objects[int(n)]) for n in re.findall(rb"/Contents (\d+) 0 R", pdf))


def lines(pdf: bytes) -> list[str]:
    """Every text object's text, page after page, in the order it is drawn."""
    objects = _objects(pdf)
    fonts: dict[bytes, dict[int, str]] = {}
    for body in objects.values():
        for name, number in re.findall(rb"/(F\d+) (\d+) 0 R", body):
            font = objects.get(int(number), b"")
            to_unicode = re.search(rb"/ToUnicode (\d+) 0 R", font)
            if to_unicode:
                fonts[name] = _unicode_map(_stream(objects[int(to_unicode.group(1))]))
    pages = [int(n) for n in re.findall(rb"/Contents (\d+) 0 R", pdf)]
    found: list[str] = []
    for page in pages:
        font: dict[int, str] = {}
        current: list[str] | None = None
        last_name = b""
        for token in _TOKEN.finditer(_stream(objects[page])):
            if token.group("name") is not None:
                last_name = token.group("name")
            elif token.group("op") == b"Tf":
                font = fonts.get(last_name, {})
            elif token.group("op") == b"BT":
                current = []
            elif token.group("op") == b"ET":
                if current:
                    found.append("".join(current))
                current = None
            elif current is not None:
                if token.group("hex") is not None:
                    raw = bytes.fromhex(re.sub(rb"\s", b"", token.group("hex")).decode())
                else:
                    raw = _literal(token.group("literal"))
                codes = [int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw), 2)]
                current.append("".join(font.get(code, "") for code in codes))
    return found
