"""Writing organizations to CSV and XLSX, the formats agencies open in Excel.

CSV is UTF-8 with a BOM and `;` between cells, so German Excel opens it with umlauts and in
columns. Every text cell that a spreadsheet would run as a formula (it starts with = + - @, a
tab or a carriage return) gets a leading single quote (OWASP, "CSV injection").
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from ..models import Organization
from . import fields as f

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


def _labels(items) -> str:
    return ", ".join(item.label for item in items)


def _yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return _("yes") if value else _("no")


def _columns() -> list[tuple[str, Callable[[Organization], Any]]]:
    """(header, value) per column; headers are the import's field labels, so files round-trip."""

    def label(name: str) -> str:
        text = str(f.TARGETS_BY_NAME[name].label)
        return text[:1].upper() + text[1:]

    def plain(name: str) -> tuple[str, Callable[[Organization], Any]]:
        return label(name), lambda org: getattr(org, name)

    def german(org: Organization) -> str:
        return next((d.text for d in org.descriptions.all() if d.language == "de"), "")

    return [
        plain("name"),
        plain("short_name"),
        (label("kind"), lambda org: org.get_kind_display()),
        (label("legal_form"), lambda org: org.legal_form.label if org.legal_form else ""),
        plain("register_court"),
        plain("register_number"),
        plain("founded_on"),
        plain("youth_welfare_since"),
        plain("street"),
        plain("postcode"),
        plain("city"),
        plain("district"),
        plain("municipality"),
        (label("federal_state"), lambda org: org.get_federal_state_display()),
        plain("website"),
        plain("email"),
        plain("phone"),
        plain("contact_name"),
        (label("fields"), lambda org: _labels(org.fields.all())),
        (label("target_groups"), lambda org: _labels(org.target_groups.all())),
        (label("languages"), lambda org: _labels(org.languages.all())),
        plain("members_count"),
        plain("volunteers_count"),
        plain("paid_staff_fte"),
        (label("income_band"), lambda org: org.get_income_band_display()),
        (label("board_migration_majority"), lambda org: _yes_no(org.board_migration_majority)),
        (_("Recognitions"), lambda org: _labels(r.type for r in org.recognitions.all())),
        (label("is_public"), lambda org: _yes_no(org.is_public)),
        (_("Last confirmed"), lambda org: org.last_confirmed_on),
        (label("description_de"), german),
    ]


def rows(organizations: Iterable[Organization]) -> Iterator[list[Any]]:
    """The header, then one row per organization, every value neutralised."""
    columns = _columns()
    yield [header for header, _value in columns]
    for org in organizations:
        yield [neutralise(value(org)) for _header, value in columns]


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    return str(value)


def as_csv(organizations: Iterable[Organization]) -> bytes:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in rows(organizations):
        writer.writerow([_csv_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8")


def as_xlsx(organizations: Iterable[Organization]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Organizations")[:31])
    bold = Font(bold=True)
    all_rows = rows(organizations)
    header = []
    for title in next(all_rows):
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in all_rows:
        # A string cell is never a formula once neutralised; numbers and dates stay typed.
        sheet.append(["" if value is None else value for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


WRITERS = {"csv": as_csv, "xlsx": as_xlsx}
