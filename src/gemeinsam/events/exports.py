"""An event's participants as CSV or XLSX, one column per question of the event.

Uses the directory export's rules: CSV in UTF-8 with a BOM and `;`, and every text cell that a
spreadsheet would run as a formula gets a leading quote (`neutralise`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from gemeinsam.core import tabular
from gemeinsam.core.tabular import CONTENT_TYPES, neutralise

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
    return tabular.to_csv(rows(registrations, questions))


def as_xlsx(registrations, questions) -> bytes:
    return tabular.to_xlsx([(_("Participants"), rows(registrations, questions))])


WRITERS = {"csv": as_csv, "xlsx": as_xlsx}
