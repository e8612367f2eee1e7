"""Applying a checked file in three steps: `prepare()` does all the work that needs no lock,
`staged()` writes its rows into temporary tables, and `write()` copies them into the real
tables with one statement per table.

On SQLite the write transaction holds the database's only write lock, so whatever happens
inside it makes every registration, booking and mail job wait. Hence everything that can be
done before is: organizations are built, validated and given slugs (against the slugs read
once), their audit entries and related rows made ready and converted for the database (`_Rows`);
then their ids are reserved and every row is written into a temporary table that only this
connection sees (`organizations.sql`). Inside, only the slugs taken since are looked up again,
and each table is one `INSERT … SELECT`. For 50,000 organizations the write lock is held about
one second, where `executemany` from Python held it for four and `bulk_create()` for twelve.

Merges into existing organizations stay row by row inside the transaction: they read and
change rows that other people may be editing at the same moment, and files rarely hold many.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, models
from django.utils.translation import gettext as _

from gemeinsam.core import audit
from gemeinsam.core.enums import AuditAction
from gemeinsam.core.models import AuditLogEntry
from gemeinsam.core.slugs import SlugPicker

from .. import sql
from ..models import Organization
from ..services import AUDITED_FIELDS, AUDITED_M2M, RESERVED_SLUGS
from . import fields as f
from .enums import Decision
from .validation import CheckedRow, Preview, build_organization

SLUG_OPTIONS = {"fallback": "organisation", "max_length": 100, "reserved": RESERVED_SLUGS}

Progress = Callable[[int], None]  # called with the number of rows done so far


@dataclass
class NewOrganization:
    row: int
    org: Organization
    m2m: dict[str, list]
    description: str
    state: dict  # the audit entry's changes


class _Rows:
    """Rows for one table, converted for the database before the transaction starts.

    Each row belongs to one of the new organizations (`owners`, an index into the plan's list);
    the column `owner_column` receives that organization's id once its id is reserved (the
    organizations' own id column, or the column pointing to it).
    """

    def __init__(self, model: type[models.Model], owner_column: str):
        self.model = model
        self.fields = [
            f for f in model._meta.concrete_fields if not f.primary_key or f.attname == owner_column
        ]
        self.owner = next(i for i, f in enumerate(self.fields) if f.attname == owner_column)
        # The audit log names its object by a text id.
        text = ("CharField", "TextField")
        self.owner_is_text = self.fields[self.owner].get_internal_type() in text
        self.stage = f"import_stage_{model._meta.db_table}"
        self.values: list[list] = []
        self.owners: list[int] = []

    @property
    def columns(self) -> list[str]:
        return [f.column for f in self.fields]

    def add(self, owner: int, instance: models.Model) -> None:
        self.values.append(
            [f.get_db_prep_save(f.pre_save(instance, True), connection) for f in self.fields]
        )
        self.owners.append(owner)

    def add_link(self, owner: int, other: int) -> None:
        """A through table's row: the owner's id and the other side's, nothing to convert."""
        row = [other, other]  # the owner's place is filled when its id is reserved
        self.values.append(row)
        self.owners.append(owner)

    def stage_rows(self, ids: list[int]) -> None:
        for row, owner in zip(self.values, self.owners, strict=True):
            row[self.owner] = str(ids[owner]) if self.owner_is_text else ids[owner]
        sql.create_stage(self.stage, self.model._meta.db_table, self.columns)
        sql.fill_stage(self.stage, self.columns, self.values)


def _through_rows(name: str) -> _Rows:
    relation = Organization._meta.get_field(name)
    return _Rows(relation.remote_field.through, f"{relation.m2m_field_name()}_id")


@dataclass
class Plan:
    new: list[NewOrganization] = field(default_factory=list)
    merges: list[tuple[CheckedRow, bool]] = field(default_factory=list)  # (row, overwrite)
    skipped: list[int] = field(default_factory=list)
    # Ready to stage: organizations (their ids reserved at the last moment), related rows.
    organizations: _Rows = field(default_factory=lambda: _Rows(Organization, "id"))
    related: list[_Rows] = field(default_factory=list)

    def add_related(self, by) -> None:
        """Through rows and audit entries of the new organizations (their German description
        is a column of their own row; a new organization has no translations yet)."""
        links = {name: _through_rows(name) for name in AUDITED_M2M}
        entries = _Rows(AuditLogEntry, "object_id")
        for index, item in enumerate(self.new):
            self.organizations.add(index, item.org)
            for name, rows in links.items():
                for ref in item.m2m[name]:
                    rows.add_link(index, ref.pk)
            entries.add(index, _audit_entry(by, item.org, item.state))
        self.related = [*links.values(), entries]


@dataclass
class Written:
    created: list[Organization] = field(default_factory=list)
    updated: list[Organization] = field(default_factory=list)
    unchanged: list[Organization] = field(default_factory=list)


def _row_error(row: int, error: ValidationError) -> ValidationError:
    return ValidationError(
        _("Row %(row)s: %(messages)s") % {"row": row, "messages": " ".join(error.messages)}
    )


def _state(org: Organization, m2m: dict[str, list], description: str) -> dict:
    state = audit.snapshot(org, AUDITED_FIELDS)
    for name in AUDITED_M2M:
        state[name] = sorted(item.code for item in m2m[name])
    state["descriptions"] = {"de": description} if description else {}
    return state


def prepare(
    by, preview: Preview, decisions: dict[int, Decision], *, progress: Progress | None = None
) -> Plan:
    """Everything the write needs, with one query (the slugs taken). Raises ValidationError
    for a decision the row does not allow or a row the model refuses."""
    plan = Plan()
    picker = SlugPicker(set(Organization.objects.values_list("slug", flat=True)), **SLUG_OPTIONS)
    for done, row in enumerate(preview.rows, start=1):
        decision = decisions.get(row.number, Decision.SKIP) if row.is_duplicate else None
        if decision is not None and decision not in row.decisions:
            raise ValidationError(
                _("Row %(row)s cannot be merged: there is nothing to merge it into.")
                % {"row": row.number}
            )
        if decision == Decision.SKIP:
            plan.skipped.append(row.number)
        elif decision in (Decision.FILL, Decision.UPDATE):
            plan.merges.append((row, decision == Decision.UPDATE))
        else:
            plan.new.append(_new(row, picker))
        if progress and done % 1000 == 0:
            progress(done)
    plan.add_related(by)
    return plan


def _new(row: CheckedRow, picker: SlugPicker) -> NewOrganization:
    org = build_organization(row.values)
    org.slug = picker.pick(org.name)
    try:
        # The legal form comes from the reference data; checking it again costs a query.
        org.full_clean(exclude=["legal_form"], validate_unique=False)
    except ValidationError as error:
        raise _row_error(row.number, error) from error
    m2m = {name: row.values.get(name, []) for name in AUDITED_M2M}
    description = row.values.get("description_de", "")
    org.description = description
    return NewOrganization(row.number, org, m2m, description, _state(org, m2m, description))


def _renew_taken_slugs(plan: Plan) -> None:
    """Give another slug to each organization whose slug was taken since `prepare()`."""
    stage, table = plan.organizations.stage, Organization._meta.db_table
    by_id = {item.org.pk: item.org for item in plan.new}
    slugs = {org.slug for org in by_id.values()}
    while taken := sql.taken_slugs(stage, table):
        picker = SlugPicker(slugs | {slug for _, slug in taken}, **SLUG_OPTIONS)
        renamed = []
        for pk, _slug in taken:
            org = by_id[pk]
            org.slug = picker.pick(org.name)
            renamed.append((org.slug, pk))
        slugs = picker.taken
        sql.rename_staged(stage, renamed)


def _audit_entry(by, org: Organization, changes: dict) -> AuditLogEntry:
    # The fields `audit.record()` fills, for a bulk insert.
    return AuditLogEntry(
        actor=by if getattr(by, "is_authenticated", False) else None,
        action=str(AuditAction.IMPORT),
        object_type=org._meta.label_lower,
        object_id=str(org.pk),
        object_repr=str(org)[:200],
        changes=changes,
    )


@contextlib.contextmanager
def staged(plan: Plan) -> Iterator[None]:
    """The plan's new rows, with the ids reserved for them, in temporary tables for `write()`;
    dropped again afterwards.

    Call outside the import's transaction: filling them takes no lock anyone waits for."""
    tables = [plan.organizations, *plan.related] if plan.new else []
    try:
        if tables:
            ids = sql.reserve_ids(Organization._meta.db_table, len(plan.new))
            for item, pk in zip(plan.new, ids, strict=True):
                item.org.pk = pk
            with sql.staging_transaction():
                for rows in tables:
                    rows.stage_rows(ids)
        yield
    finally:
        for rows in tables:
            sql.drop_stage(rows.stage)


def _insert(plan: Plan) -> list[Organization]:
    _renew_taken_slugs(plan)
    for rows in (plan.organizations, *plan.related):
        sql.copy_staged(rows.stage, rows.model._meta.db_table, rows.columns)
    for item in plan.new:
        item.org._state.adding, item.org._state.db = False, connection.alias
    return [item.org for item in plan.new]


def _is_blank(value: Any) -> bool:
    return value in ("", None)


def _merge(by, row: CheckedRow, *, overwrite: bool) -> tuple[Organization, bool]:
    """Fill the empty fields of the matched organization, or overwrite them (`overwrite`).

    Only cells that held a value count; an empty cell never clears anything. Under "fill",
    the public opt-in is left alone: it is the organization's own choice, never "empty". A
    German description that changes outdates the paragraphs of its translations it changed
    (their status follows from the German, `core.content`), as an edit in the profile does.
    """
    org = Organization.objects.select_for_update().get(pk=row.matches[0].id)
    m2m = {name: list(getattr(org, name).all()) for name in AUDITED_M2M}
    german = org.description
    before = _state(org, m2m, german)
    for name, value in row.values.items():
        target = f.TARGETS_BY_NAME[name]
        if name == "description_de":
            if overwrite or not german:
                german = value
        elif target.kind == f.MULTI:
            if overwrite or not m2m[name]:
                m2m[name] = value
        elif overwrite or (_is_blank(getattr(org, name)) and target.kind != f.BOOLEAN):
            setattr(org, name, value)
    org.description = german
    org.full_clean()
    org.save()
    for name in AUDITED_M2M:
        getattr(org, name).set(m2m[name])
    changes = audit.diff(before, _state(org, m2m, german))
    if changes:
        audit.record(by=by, action=AuditAction.IMPORT, obj=org, changes=changes)
    return org, bool(changes)


def write(by, plan: Plan) -> Written:
    """Write a prepared and `staged()` plan; call inside the import's one transaction."""
    written = Written(created=_insert(plan) if plan.new else [])
    for row, overwrite in plan.merges:
        try:
            org, changed = _merge(by, row, overwrite=overwrite)
        except ValidationError as error:
            # Merging can meet an existing organization whose stored data is itself invalid.
            raise _row_error(row.number, error) from error
        (written.updated if changed else written.unchanged).append(org)
    return written
