"""Funding's tables as CSV or XLSX, with the directory export's rules: CSV in UTF-8 with a BOM
and `;`, and every text cell a spreadsheet would run as a formula neutralised. The staff
overview's rows, and the gap dashboard's figures (its two tables)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.utils.translation import gettext as _

from gemeinsam.core import tabular
from gemeinsam.core.tabular import CONTENT_TYPES, neutralise

from .queries.overview import cells

__all__ = ["CONTENT_TYPES", "GAP_WRITERS", "OVERVIEW_WRITERS", "rows"]


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


def _overview_csv(organizations, checks) -> bytes:
    return tabular.to_csv(rows(organizations, checks))


def _overview_xlsx(organizations, checks) -> bytes:
    return tabular.to_xlsx([(_("Readiness"), rows(organizations, checks))])


OVERVIEW_WRITERS = {"csv": _overview_csv, "xlsx": _overview_xlsx}

Tables = list[tuple[str, list[list]]]


def _gap_csv(tables: Tables, which: int) -> bytes:
    """CSV holds one table: `which` of the (title, rows) pairs."""
    return tabular.to_csv(tables[which][1])


def _gap_xlsx(tables: Tables, which: int) -> bytes:
    """XLSX holds every table, one sheet each."""
    return tabular.to_xlsx(tables)


GAP_WRITERS = {"csv": _gap_csv, "xlsx": _gap_xlsx}
