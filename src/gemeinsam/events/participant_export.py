"""An event's participants as CSV or XLSX, one column per question of the event.

Uses the directory export's rules: CSV in UTF-8 with a BOM and `;`, and every text cell that a
spreadsheet would run as a formula gets a leading quote (`neutralise`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from gemeinsam.organizations.interchange.export import CONTENT_TYPES, neutralise

from .models import Question, Registration

__all__ = ["CONTENT_TYPES", "WRITERS", "rows"]


def _local(value):
    return timezone.localtime(value).replace(tzinfo=None, microsecond=0) if value else None


def _yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return _("yes") if value else _("no")


def rows(registrations: Iterable[Registration], questions: list[Question]) -> Iterator[list[Any]]:
    """The header, then one row per registration, every value neutralised."""
    header = [
        _("Name"),
        _("Email"),
        _("Organization"),
        _("Status"),
        _("Group booked by"),
        _("Language"),
        _("Registered"),
        _("Checked in"),
        _("Attended"),
        *[question.label for question in questions],
    ]
    yield [neutralise(str(title)) for title in header]
    for r in registrations:
        answers = {answer.question_id: answer.display for answer in r.answers.all()}
        row = [
            r.name,
            r.email,
            r.organization_label,
            r.get_status_display(),
            r.group.contact_email if r.group_id else "",
            r.get_language_display(),
            _local(r.created_at),
            _local(r.checked_in_at),
            _yes_no(r.attended),
            *[answers.get(question.pk, "") for question in questions],
        ]
        yield [neutralise(value) for value in row]


def as_csv(registrations, questions) -> bytes:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in rows(registrations, questions):
        writer.writerow(["" if value is None else str(value) for value in row])
    return buffer.getvalue().encode("utf-8")


def as_xlsx(registrations, questions) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Participants")[:31])
    all_rows = rows(registrations, questions)
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
