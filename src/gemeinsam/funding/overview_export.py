"""The staff overview's rows as CSV or XLSX, with the directory export's rules: CSV in UTF-8
with a BOM and `;`, and every text cell a spreadsheet would run as a formula neutralised."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.utils.translation import gettext as _

from gemeinsam.core import tabular
from gemeinsam.core.tabular import CONTENT_TYPES, neutralise

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
    return tabular.to_csv(rows(organizations, checks))


def as_xlsx(organizations, checks) -> bytes:
    return tabular.to_xlsx([(_("Readiness"), rows(organizations, checks))])


WRITERS = {"csv": as_csv, "xlsx": as_xlsx}
