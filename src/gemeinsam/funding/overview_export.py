"""The staff overview's rows as CSV or XLSX, with the directory export's rules: CSV in UTF-8
with a BOM and `;`, and every text cell a spreadsheet would run as a formula neutralised."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from gemeinsam.organizations.interchange.export import CONTENT_TYPES, neutralise

from .overview import cells

__all__ = ["CONTENT_TYPES", "WRITERS", "rows"]


def rows(organizations: Iterable, checks: list) -> Iterator[list[Any]]:
    """The header, then one row per organization: per check the status shown and, when a
    result was saved, its date."""
    header = [_("Organization"), _("Kind"), _("Federal state"), _("City"), _("Fields of activity")]
    for check in checks:
        header += [
            check.label,
            _("%(check)s: saved on") % {"check": check.label},
            _("%(check)s: from the profile") % {"check": check.label},
        ]
    yield [neutralise(str(title)) for title in header]
    for organization in organizations:
        row = [
            organization.name,
            organization.get_kind_display(),
            organization.get_federal_state_display(),
            organization.city,
            ", ".join(f.label for f in organization.fields.all()),
        ]
        for cell in cells(organization, checks):
            row += [cell.label, cell.saved_on, str(cell.profile_label)]
        yield [neutralise(value) for value in row]


def as_csv(organizations, checks) -> bytes:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in rows(organizations, checks):
        writer.writerow(["" if value is None else str(value) for value in row])
    return buffer.getvalue().encode("utf-8")


def as_xlsx(organizations, checks) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Readiness")[:31])
    all_rows = rows(organizations, checks)
    header = []
    for title in next(all_rows):
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in all_rows:
        sheet.append(["" if value is None else value for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


WRITERS = {"csv": as_csv, "xlsx": as_xlsx}
