"""Reading the spreadsheets people upload (CSV and XLSX) into a plain table; `tabular` writes them.

Every spreadsheet the platform reads goes through `read_table()`, which bounds what a file can
cost before and while it is parsed:

- An XLSX is a zip archive. The sizes its parts declare are checked before anything is
  unpacked: too large in total, or a large part that unpacks to more than `Limits.ratio` times
  its packed size (a "zip bomb": a few hundred kilobytes that unpack to gigabytes of XML).
  Python's zipfile refuses a part that inflates to more than it declares (its CRC no longer
  matches), so the declared sizes are the real ones.
- Before openpyxl parses anything (it walks a whole sheet when opening it, keeping an object
  per row), the unpacked XML is streamed once and its rows, cells and shared strings are
  counted: a sheet of millions of tiny elements is refused as soon as it passes `Limits.cells`
  or `SHEET_ROWS`, after a few megabytes, at any packing ratio.
- Rows are read one at a time, and reading stops at the first row past the limit instead of
  parsing the rest of the file first.
- A CSV file is read up to `Limits.bytes`, never more.

CSV arrives the way German offices save it: UTF-8 (with or without BOM) or Windows-1252,
separated by `;` (Excel with German settings) or `,`. XLSX is read with openpyxl in read-only
mode without evaluating anything; cells that hold a formula are remembered so the caller can
reject them.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import re
import zipfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import IO, Any

import openpyxl
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

CSV_DELIMITERS = (";", ",", "\t")
XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0"
# The most rows a worksheet can have (Excel's limit). openpyxl fills gaps in the row numbers
# with empty rows, so a single row numbered in the billions would otherwise never end.
SHEET_ROWS = 1_048_576
# The start tags counted before parsing: rows, cells and shared strings, with or without a
# namespace prefix (`<row>`, `<x:c r="A1">`, `<si/>`). No tag contains a `<`, so matches never
# overlap and a chunk's matches can be counted apart from the next chunk's.
_COUNTED_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,15}:)?(row|c|si)[\s/>]")
_TAG_SPAN = 24  # longer than any match: what one chunk carries over into the next
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    rows: int = 100_000  # rows below the header, empty ones not counted
    columns: int = 200
    # Unpacked bytes: a CSV file, or all parts of an XLSX together. A 100,000-row sheet of
    # twenty columns is about 60 MB of XML.
    bytes: int = 256 * 1024 * 1024
    # Spreadsheet XML packs about ten to one; a part that unpacks to more than this many times
    # its packed size, beyond `small_part` bytes, is a zip bomb.
    ratio: int = 100
    small_part: int = 8 * 1024 * 1024
    parts: int = 1_000  # files in an XLSX archive
    # Cells (and shared strings) in an XLSX; openpyxl takes about ten microseconds for each.
    cells: int = 4_000_000


class SpreadsheetError(Exception):
    """The file as a whole cannot be read; the message says why, in the user's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class EmptyHeader(SpreadsheetError):
    """The first row, which must name the columns, is empty."""


@dataclass
class SourceRow:
    number: int  # as the spreadsheet shows it: the header is row 1
    cells: list[Any]
    formulas: frozenset[int] = frozenset()  # indexes of cells that hold a formula

    def cell(self, index: int) -> Any:
        return self.cells[index] if index < len(self.cells) else ""


@dataclass
class Table:
    headers: list[str]
    rows: list[SourceRow] = field(default_factory=list)

    def sample(self, index: int) -> str:
        """The first non-empty value of a column, to help people recognise it."""
        for row in self.rows:
            value = row.cell(index)
            if value not in ("", None):
                return str(value)[:80]
        return ""


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _plain(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, datetime.datetime):
        # Spreadsheets store dates as midnight datetimes; the time carries no meaning here.
        return value.date() if value.time() == datetime.time() else value
    return value


def _too_many_rows(limits: Limits) -> SpreadsheetError:
    return SpreadsheetError(
        _("The file has more than %(limit)s rows. Please split it into smaller files.")
        % {"limit": f"{limits.rows:,}"}
    )


def _table(
    raw_rows: Iterable[list[Any]], limits: Limits, formulas: dict[int, frozenset[int]]
) -> Table:
    """The header and the non-empty rows; `raw_rows` is consumed only up to the row limit."""
    header: list[Any] | None = None
    rows: list[SourceRow] = []
    for number, cells in enumerate(raw_rows, start=1):
        if header is None:
            header = [_plain(c) for c in cells]
            continue
        values = [_plain(c) for c in cells]
        if all(_is_empty(v) for v in values) and not formulas.get(number):
            continue
        if len(rows) >= limits.rows:
            raise _too_many_rows(limits)
        rows.append(SourceRow(number, values, formulas.get(number, frozenset())))
    if header is None or all(_is_empty(h) for h in header):
        raise EmptyHeader(_("The first row must hold the column names, but it is empty."))
    while header and _is_empty(header[-1]):
        header.pop()
    if len(header) > limits.columns:
        raise SpreadsheetError(
            _("The file has more than %(limit)s columns.") % {"limit": limits.columns}
        )
    headers = [
        str(h) if not _is_empty(h) else _("Column %(number)s") % {"number": i}
        for i, h in enumerate(header, start=1)
    ]
    return Table(headers, rows)


# --- CSV -----------------------------------------------------------------------------------------


def decode(data: bytes) -> str:
    """Text from the bytes of a CSV file: UTF-8 (BOM or not), UTF-16 with BOM, Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        # Strict UTF-8 rarely decodes Windows-1252 text by accident, so it goes first.
        candidates = ["utf-8", "cp1252"]
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SpreadsheetError(
        _("The file's characters cannot be read. Please save it as CSV in UTF-8.")
    )


def sniff_delimiter(text: str) -> str:
    """`;` as Excel writes it with German settings, `,` elsewhere, tab from "Unicode text".

    The header line decides: column names rarely contain a separator, cell values often do.
    """
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first_line.count(d) for d in CSV_DELIMITERS}
    best = max(CSV_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _too_big(limits: Limits) -> SpreadsheetError:
    return SpreadsheetError(
        _(
            "The file holds more than %(limit)s of data, more than can be read at once. "
            "Please split it into smaller files."
        )
        % {"limit": filesizeformat(limits.bytes)}
    )


def read_csv(stream: IO[bytes], limits: Limits | None = None) -> Table:
    limits = limits or Limits()
    data = stream.read(limits.bytes + 1)
    if len(data) > limits.bytes:
        raise _too_big(limits)
    text = decode(data)
    if "\x00" in text:
        raise SpreadsheetError(_("This does not look like a CSV file."))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        return _table(reader, limits, {})
    except csv.Error as error:
        raise SpreadsheetError(
            _("The CSV file is malformed near line %(line)s.") % {"line": reader.line_num}
        ) from error


# --- XLSX ----------------------------------------------------------------------------------------


def _unreadable_workbook() -> SpreadsheetError:
    return SpreadsheetError(_("This file cannot be read as an Excel workbook (.xlsx)."))


def _too_large_sheet(limits: Limits) -> SpreadsheetError:
    return SpreadsheetError(
        _(
            "The workbook is larger than can be read at once (more than %(rows)s rows or "
            "%(cells)s cells). Please split it into smaller files."
        )
        % {"rows": f"{SHEET_ROWS:,}", "cells": f"{limits.cells:,}"}
    )


def _count_elements(archive: zipfile.ZipFile, parts: list[zipfile.ZipInfo], limits: Limits):
    """Stream every XML part and refuse once it holds too many rows, cells or shared strings.

    Counting by pattern costs a fraction of what parsing does, and it stops at the limit.
    """
    counts: Counter = Counter()
    for part in parts:
        if not part.filename.endswith(".xml"):
            continue
        with archive.open(part) as stream:
            carry = b""
            while chunk := stream.read(_CHUNK):
                data = carry + chunk
                counts.update(_COUNTED_TAG.findall(data))
                # The carried bytes were searched with the previous chunk already.
                counts.subtract(_COUNTED_TAG.findall(carry))
                carry = data[-_TAG_SPAN:]
                if counts[b"row"] > SHEET_ROWS or max(counts[b"c"], counts[b"si"]) > limits.cells:
                    raise _too_large_sheet(limits)


def _check_sizes(parts: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(parts) > limits.parts:
        raise _unreadable_workbook()
    total = sum(part.file_size for part in parts)
    if total > limits.bytes:
        raise _too_big(limits)
    for part in parts:
        packed = max(part.compress_size, 1)
        if part.file_size > limits.small_part and part.file_size > packed * limits.ratio:
            raise SpreadsheetError(
                _(
                    "This workbook is packed unusually tightly: it would unpack to %(size)s, "
                    "%(ratio)s times its own size. It is not read, to protect the server. "
                    "Please save the sheet again as .xlsx or CSV."
                )
                % {"size": filesizeformat(part.file_size), "ratio": part.file_size // packed}
            )


def check_archive(stream: IO[bytes], limits: Limits) -> None:
    """Refuse an XLSX whose parts would unpack to too much, before openpyxl opens it."""
    try:
        with zipfile.ZipFile(stream) as archive:
            parts = archive.infolist()
            _check_sizes(parts, limits)
            _count_elements(archive, parts, limits)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        # A damaged archive, or a part that unpacks to other sizes than it declares.
        raise _unreadable_workbook() from error
    finally:
        stream.seek(0)


def _xlsx_rows(sheet, formulas: dict[int, frozenset[int]]):
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        if number > SHEET_ROWS:
            raise _unreadable_workbook()
        found = frozenset(i for i, c in enumerate(cells) if getattr(c, "data_type", None) == "f")
        if found:
            formulas[number] = found
        yield [c.value for c in cells]


def read_xlsx(stream: IO[bytes], limits: Limits | None = None) -> Table:
    limits = limits or Limits()
    check_archive(stream, limits)
    # data_only=False keeps formulas as written, so they are detected instead of trusted.
    try:
        workbook = openpyxl.load_workbook(stream, read_only=True, data_only=False)
    except Exception as error:
        # openpyxl raises many kinds of errors for broken files; all mean "cannot read it".
        raise _unreadable_workbook() from error
    try:
        sheet = workbook.active or workbook.worksheets[0]
        # Workbooks written by other programs often declare wrong dimensions; read every row.
        sheet.reset_dimensions()
        formulas: dict[int, frozenset[int]] = {}
        return _table(_xlsx_rows(sheet, formulas), limits, formulas)
    except SpreadsheetError:
        raise
    except Exception as error:
        raise _unreadable_workbook() from error
    finally:
        workbook.close()


def read_xlsx_sheets(stream: IO[bytes], limits: Limits | None = None) -> dict[str, Table]:
    """Every sheet of a workbook by its title (an XLSForm's survey, choices and settings), with
    the same bounds as `read_xlsx`; a sheet whose first row is empty is left out."""
    limits = limits or Limits()
    check_archive(stream, limits)
    try:
        workbook = openpyxl.load_workbook(stream, read_only=True, data_only=False)
    except Exception as error:
        raise _unreadable_workbook() from error
    sheets: dict[str, Table] = {}
    try:
        for sheet in workbook.worksheets:
            sheet.reset_dimensions()
            formulas: dict[int, frozenset[int]] = {}
            try:
                sheets[sheet.title] = _table(_xlsx_rows(sheet, formulas), limits, formulas)
            except EmptyHeader:
                continue
        return sheets
    except SpreadsheetError:
        raise
    except Exception as error:
        raise _unreadable_workbook() from error
    finally:
        workbook.close()


def read_table(stream: IO[bytes], filename: str, limits: Limits | None = None) -> Table:
    """The table in an uploaded or local file; SpreadsheetError if it cannot be read."""
    limits = limits or Limits()
    suffix = PurePath(filename or "").suffix.lower()
    head = stream.read(8)
    stream.seek(0)
    if suffix == ".xls" or head.startswith(XLS_MAGIC):
        raise SpreadsheetError(
            _("Old Excel files (.xls) cannot be read. Please save the sheet as .xlsx or CSV.")
        )
    if suffix in {".xlsx", ".xlsm"} or head.startswith(XLSX_MAGIC):
        if not head.startswith(XLSX_MAGIC):
            raise _unreadable_workbook()
        return read_xlsx(stream, limits)
    if suffix in {".ods", ".numbers"}:
        raise SpreadsheetError(_("Please save the sheet as .xlsx or CSV."))
    return read_csv(stream, limits)
