"""Tables as CSV or XLSX downloads, with the directory export's rules: CSV in UTF-8 with a BOM
and `;` (what German spreadsheet programs open without asking), and every text cell that a
spreadsheet would run as a formula neutralised. A table is an iterable of rows, the header
first."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from gemeinsam.organizations.interchange.export import neutralise

Table = Iterable[list[Any]]


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
