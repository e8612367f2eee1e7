"""Writing organizations to CSV and XLSX, the formats agencies open in Excel, through the one
table writer (`core.tabular`: BOM and `;`, formulas neutralised)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.utils.translation import gettext as _

from gemeinsam.core.tabular import CONTENT_TYPES, neutralise, to_csv, to_xlsx

from ..models import Organization
from . import fields as f

__all__ = ["CONTENT_TYPES", "WRITERS", "as_csv", "as_xlsx", "rows"]


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
        (label("description_de"), lambda org: org.description),
    ]


def rows(organizations: Iterable[Organization]) -> Iterator[list[Any]]:
    """The header, then one row per organization, every value neutralised."""
    columns = _columns()
    yield [header for header, _value in columns]
    for org in organizations:
        yield [neutralise(value(org)) for _header, value in columns]


def as_csv(organizations: Iterable[Organization]) -> bytes:
    return to_csv(rows(organizations))


def as_xlsx(organizations: Iterable[Organization]) -> bytes:
    return to_xlsx([(_("Organizations"), rows(organizations))])


WRITERS = {"csv": as_csv, "xlsx": as_xlsx}
