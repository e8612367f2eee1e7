"""The rows of a directory page: each organization with its legal form, fields and languages,
from one query and this process's copy of the small reference tables."""

from __future__ import annotations

import time

from django.db import connection

from . import sql
from .models import LegalForm, Organization
from .search import ids_of

REFERENCE_CACHE_SECONDS = 60
_reference: dict = {}


def _reference_rows(model, *, fresh: bool = False) -> dict[int, object]:
    """pk → row of a small reference table (legal forms, fields, languages), in its order, kept
    per process for a minute: a page's tags then cost one query on the link table, not a join
    whose every row is turned into a new object with its labels decoded again."""
    at, rows = _reference.get(model, (0.0, {}))
    if fresh or time.monotonic() - at > REFERENCE_CACHE_SECONDS:
        rows = {row.pk: row for row in model.objects.all()}
        _reference[model] = (time.monotonic(), rows)
    return rows


def _rows_for(model, wanted) -> dict[int, object]:
    """The reference rows, read again when one of the wanted ones is newer than the copy."""
    rows = _reference_rows(model)
    if any(pk not in rows for pk in wanted):
        rows = _reference_rows(model, fresh=True)
    return rows


def forget_reference_rows(**_signal) -> None:
    """Drop this process's copy of the reference rows (one of them was changed)."""
    _reference.clear()


def listed(organizations) -> list[Organization]:
    """The rows of `Organization.objects.for_listing()` with their legal form (as
    `select_related` gives it) and their fields and languages (`org.fields_shown()`,
    `org.languages_shown()`), from the one query and this process's copy of the reference rows:
    a page needs no related manager per row and relation."""
    organizations = list(organizations)
    legal_form = Organization._meta.get_field("legal_form")
    forms = _rows_for(LegalForm, {o.legal_form_id for o in organizations} - {None})
    for org in organizations:
        legal_form.set_cached_value(org, forms.get(org.legal_form_id))
    for name in ("fields", "languages"):
        model = Organization._meta.get_field(name).related_model
        linked = {
            org.pk: [int(pk) for pk in (getattr(org, f"listed_{name}") or "").split(",") if pk]
            for org in organizations
        }
        rows = _rows_for(model, {pk for pks in linked.values() for pk in pks})
        order = {pk: position for position, pk in enumerate(rows)}
        for org in organizations:
            # In each table's own order, as `prefetch_related` would give them.
            org.__dict__[f"_listed_{name}"] = [
                rows[pk] for pk in sorted(linked[org.pk], key=order.__getitem__) if pk in rows
            ]
    return organizations


def listed_in_order(ids: list[int]) -> list[Organization]:
    """`listed()` rows of these organizations, in this order."""
    select = sql.listing_sql(
        Organization, Organization.objects.for_listing, ", ".join(["%s"] * len(ids)) or "NULL"
    )
    position = {pk: i for i, pk in enumerate(ids)}
    return sorted(listed(Organization.objects.raw(select, ids)), key=lambda o: position[o.pk])


# Up to this many matches, a page by name is one query over their ids; beyond, the matches are
# dense enough to be met soon along the index of names.
BY_IDS = 5_000


def ids_by_name(match: int, *, offset: int, limit: int, population: int) -> list[int]:
    """The ids of `match` (a bitmap) from the `offset`-th on by name, as the table orders them;
    `population`, the number of organizations, says how far along the names to read at first."""
    if limit <= 0:
        return []
    matches = match.bit_count()
    with connection.cursor() as cursor:
        if matches <= BY_IDS:
            ids = ids_of(match)
            marks = ", ".join(["%s"] * len(ids))
            cursor.execute(
                f"SELECT id FROM organizations_organization WHERE id IN ({marks}) "  # noqa: S608
                "ORDER BY name, id LIMIT %s OFFSET %s",
                [*ids, limit, offset],
            )
            return [pk for (pk,) in cursor.fetchall()]
        flags = match.to_bytes((match.bit_length() + 7) // 8, "little")
        found: list[int] = []
        # Twice the names that hold the page's matches if they are spread evenly.
        start, chunk = 0, max(100, 2 * (offset + limit) * population // matches)
        while len(found) < offset + limit:
            cursor.execute(
                "SELECT id FROM organizations_organization ORDER BY name, id LIMIT %s OFFSET %s",
                [chunk, start],
            )
            rows = cursor.fetchall()
            found += [
                pk for (pk,) in rows if pk >> 3 < len(flags) and flags[pk >> 3] >> (pk & 7) & 1
            ]
            if len(rows) < chunk:
                break
            start, chunk = start + chunk, chunk * 2
    return found[offset : offset + limit]
