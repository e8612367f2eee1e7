"""Reading a spreadsheet into a plain table: headers, then rows numbered as the spreadsheet shows.

CSV arrives the way German offices save it: UTF-8 (with or without BOM) or Windows-1252,
separated by `;` (Excel with German settings) or `,`. XLSX is read with openpyxl in read-only
mode without evaluating anything; cells that hold a formula are remembered so validation can
reject them.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import IO, Any

import openpyxl
from django.utils.translation import gettext as _

MAX_ROWS = 100_000
MAX_COLUMNS = 200
CSV_DELIMITERS = (";", ",", "\t")
XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0"


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message says why, in the user's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


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


def _table(raw_rows, *, formulas: dict[int, frozenset[int]] | None = None) -> Table:
    formulas = formulas or {}
    header: list[Any] | None = None
    rows: list[SourceRow] = []
    for number, cells in enumerate(raw_rows, start=1):
        if header is None:
            header = [_plain(c) for c in cells]
            continue
        values = [_plain(c) for c in cells]
        if all(_is_empty(v) for v in values) and not formulas.get(number):
            continue
        if len(rows) >= MAX_ROWS:
            raise ImportFileError(
                _("The file has more than %(limit)s rows. Please split it into smaller files.")
                % {"limit": f"{MAX_ROWS:,}"}
            )
        rows.append(SourceRow(number, values, formulas.get(number, frozenset())))
    if header is None or all(_is_empty(h) for h in header):
        raise ImportFileError(_("The first row must hold the column names, but it is empty."))
    while header and _is_empty(header[-1]):
        header.pop()
    if len(header) > MAX_COLUMNS:
        raise ImportFileError(
            _("The file has more than %(limit)s columns.") % {"limit": MAX_COLUMNS}
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
    raise ImportFileError(
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


def read_csv(data: bytes) -> Table:
    text = decode(data)
    if "\x00" in text:
        raise ImportFileError(_("This does not look like a CSV file."))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        return _table(reader)
    except csv.Error as error:
        raise ImportFileError(
            _("The CSV file is malformed near line %(line)s.") % {"line": reader.line_num}
        ) from error


# --- XLSX ----------------------------------------------------------------------------------------


def _xlsx_rows(sheet, formulas: dict[int, frozenset[int]]):
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        found = frozenset(i for i, c in enumerate(cells) if getattr(c, "data_type", None) == "f")
        if found:
            formulas[number] = found
        yield [c.value for c in cells]


def read_xlsx(stream: IO[bytes]) -> Table:
    # data_only=False keeps formulas as written, so they are detected instead of trusted.
    try:
        workbook = openpyxl.load_workbook(stream, read_only=True, data_only=False)
    except Exception as error:
        # openpyxl raises many kinds of errors for broken files; all mean "cannot read it".
        raise ImportFileError(
            _("This file cannot be read as an Excel workbook (.xlsx).")
        ) from error
    try:
        sheet = workbook.active or workbook.worksheets[0]
        # Workbooks written by other programs often declare wrong dimensions; read every row.
        sheet.reset_dimensions()
        formulas: dict[int, frozenset[int]] = {}
        rows = list(_xlsx_rows(sheet, formulas))
        return _table(rows, formulas=formulas)
    except ImportFileError:
        raise
    except Exception as error:
        raise ImportFileError(
            _("This file cannot be read as an Excel workbook (.xlsx).")
        ) from error
    finally:
        workbook.close()


def read_table(stream: IO[bytes], filename: str) -> Table:
    """The table in an uploaded or local file; ImportFileError if it cannot be read."""
    suffix = PurePath(filename or "").suffix.lower()
    head = stream.read(8)
    stream.seek(0)
    if suffix == ".xls" or head.startswith(XLS_MAGIC):
        raise ImportFileError(
            _("Old Excel files (.xls) cannot be read. Please save the sheet as .xlsx or CSV.")
        )
    if suffix in {".xlsx", ".xlsm"} or head.startswith(XLSX_MAGIC):
        if not head.startswith(XLSX_MAGIC):
            raise ImportFileError(_("This file cannot be read as an Excel workbook (.xlsx)."))
        return read_xlsx(stream)
    if suffix in {".ods", ".numbers"}:
        raise ImportFileError(_("Please save the sheet as .xlsx or CSV."))
    return read_csv(stream.read())
