"""Tables as CSV or XLSX downloads, the one writer every export uses: CSV in UTF-8 with a BOM and
`;` (what German spreadsheet programs open with umlauts and in columns, without asking), and
every text cell that a spreadsheet would run as a formula (it starts with = + - @, a tab or a
carriage return) gets a leading single quote (OWASP, "CSV injection"). Numbers and dates stay
typed. A table is an iterable of rows, the header first."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

Table = Iterable[list[Any]]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def neutralise(value: Any) -> Any:
    """A cell value a spreadsheet shows as text instead of running it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def to_csv(table: Table) -> bytes:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in table:
        writer.writerow(["" if value is None else str(neutralise(value)) for value in row])
    return buffer.getvalue().encode("utf-8")


def to_xlsx(sheets: Iterable[tuple[str, Table]]) -> bytes:
    """One sheet per (title, table); the header row in bold."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, table in sheets:
        sheet = workbook.create_sheet(str(title)[:31])
        rows = iter(table)
        header = []
        for text in next(rows, []):
            cell = WriteOnlyCell(sheet, value=text)
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        for row in rows:
            sheet.append(["" if value is None else neutralise(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
