"""Writes for imports. `apply_import` is all or nothing: one transaction for the whole file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gemeinsam.core import audit
from gemeinsam.core.enums import AuditAction

from .. import search
from ..models import ImportBatch, Organization, OrganizationDescription
from ..services import AUDITED_FIELDS, AUDITED_M2M, save_descriptions, unique_slug
from . import fields as f
from .enums import Decision, ImportStatus
from .validation import CheckedRow, Preview, build_organization

REINDEX_CHUNK = 1000


@dataclass
class ImportResult:
    created: list[Organization] = field(default_factory=list)
    updated: list[Organization] = field(default_factory=list)
    unchanged: list[Organization] = field(default_factory=list)  # merged, nothing new
    skipped: list[int] = field(default_factory=list)  # row numbers

    @property
    def summary(self) -> dict[str, int]:
        return {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "skipped": len(self.skipped),
        }


def start_import(*, actor, upload: UploadedFile, mapping: list[str]) -> ImportBatch:
    """Keep an uploaded file (default storage) with the guessed mapping, for the preview."""
    batch = ImportBatch(original_name=upload.name[:255], uploaded_by=actor, mapping=mapping)
    batch.file.save(upload.name, upload, save=False)
    batch.save()
    return batch


def save_mapping(*, batch: ImportBatch, mapping: list[str]) -> ImportBatch:
    if batch.status == ImportStatus.APPLIED:
        raise ValidationError(_("This import has already been applied."))
    batch.mapping = mapping
    batch.save(update_fields=["mapping"])
    return batch


def _is_blank(value: Any) -> bool:
    return value in ("", None)


def _state(org: Organization, m2m: dict[str, list], description: str) -> dict:
    state = audit.snapshot(org, AUDITED_FIELDS)
    for name in AUDITED_M2M:
        state[name] = sorted(item.code for item in m2m[name])
    state["descriptions"] = {"de": description} if description else {}
    return state


def _current(org: Organization) -> tuple[dict[str, list], str]:
    m2m = {name: list(getattr(org, name).all()) for name in AUDITED_M2M}
    german = next((d.text for d in org.descriptions.all() if d.language == "de"), "")
    return m2m, german


@dataclass
class _LinkRows:
    """Many-to-many and description rows of new organizations, written in bulk at the end.

    A new organization has no such rows yet, so nothing needs to be read first; writing them
    together saves five queries per row of the file.
    """

    through: dict[str, list] = field(default_factory=lambda: {n: [] for n in AUDITED_M2M})
    descriptions: list[OrganizationDescription] = field(default_factory=list)

    def add(self, org: Organization, m2m: dict[str, list], description: str) -> None:
        for name, items in m2m.items():
            relation = Organization._meta.get_field(name)
            through = relation.remote_field.through
            self.through[name].extend(
                through(**{relation.m2m_field_name(): org, relation.m2m_reverse_field_name(): item})
                for item in items
            )
        if description:
            self.descriptions.append(
                OrganizationDescription(organization=org, language="de", text=description)
            )

    def write(self) -> None:
        for name, rows in self.through.items():
            Organization._meta.get_field(name).remote_field.through.objects.bulk_create(
                rows, batch_size=500
            )
        OrganizationDescription.objects.bulk_create(self.descriptions, batch_size=500)


def _create(actor, row: CheckedRow, links: _LinkRows) -> Organization:
    org = build_organization(row.values)
    org.slug = unique_slug(org.name)
    # The slug was just found free and the legal form comes from the reference data, so
    # neither needs another query to check.
    org.full_clean(exclude=["legal_form"], validate_unique=False)
    org.save()
    m2m = {name: row.values.get(name, []) for name in AUDITED_M2M}
    description = row.values.get("description_de", "")
    links.add(org, m2m, description)
    audit.record(
        actor=actor, action=AuditAction.IMPORT, obj=org, changes=_state(org, m2m, description)
    )
    return org


def _merge(actor, row: CheckedRow, *, overwrite: bool) -> tuple[Organization, bool]:
    """Fill the empty fields of the matched organization, or overwrite them (`overwrite`).

    Only cells that held a value count; an empty cell never clears anything. Under "fill",
    the public opt-in is left alone: it is the organization's own choice, never "empty".
    """
    org = Organization.objects.select_for_update().get(pk=row.matches[0].id)
    m2m, german = _current(org)
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
    org.full_clean()
    org.save()
    for name in AUDITED_M2M:
        getattr(org, name).set(m2m[name])
    save_descriptions(org, {"de": german})
    changes = audit.diff(before, _state(org, m2m, german))
    if changes:
        audit.record(actor=actor, action=AuditAction.IMPORT, obj=org, changes=changes)
    return org, bool(changes)


def _reindex(organizations: list[Organization]) -> None:
    # In chunks, so that a large file stays below the database's limit of query parameters.
    ids = [org.pk for org in organizations]
    for start in range(0, len(ids), REINDEX_CHUNK):
        search.reindex(Organization.objects.filter(pk__in=ids[start : start + REINDEX_CHUNK]))


@transaction.atomic
def apply_import(
    *,
    actor,
    preview: Preview,
    decisions: dict[int, Decision] | None = None,
    batch: ImportBatch | None = None,
    on_row: Callable[[], None] | None = None,
) -> ImportResult:
    """Import every row of a checked file, or nothing at all.

    Refuses (ValidationError) while any row or the mapping has a problem, or when the batch was
    applied before. Likely duplicates follow `decisions` (row number → Decision; skip when
    missing). Side effects: organizations created or merged, one audit entry (IMPORT) per
    organization, the search index for all of them, the batch marked applied with its summary.
    """
    if not preview.can_apply:
        raise ValidationError(_("The file still has problems, so nothing was imported."))
    if batch is not None:
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status == ImportStatus.APPLIED:
            raise ValidationError(_("This import has already been applied."))
    decisions = decisions or {}
    result = ImportResult()
    links = _LinkRows()
    for row in preview.rows:
        decision = decisions.get(row.number, Decision.SKIP) if row.is_duplicate else None
        if decision is not None and decision not in row.decisions:
            raise ValidationError(
                _("Row %(row)s cannot be merged: there is nothing to merge it into.")
                % {"row": row.number}
            )
        try:
            if decision == Decision.SKIP:
                result.skipped.append(row.number)
            elif decision in (Decision.FILL, Decision.UPDATE):
                org, changed = _merge(actor, row, overwrite=decision == Decision.UPDATE)
                (result.updated if changed else result.unchanged).append(org)
            else:
                result.created.append(_create(actor, row, links))
        except ValidationError as error:
            # Merging can meet an existing organization whose stored data is itself invalid.
            raise ValidationError(
                _("Row %(row)s: %(messages)s")
                % {"row": row.number, "messages": " ".join(error.messages)}
            ) from error
        if on_row:
            on_row()
    links.write()
    _reindex([*result.created, *result.updated])
    if batch is not None:
        batch.status = ImportStatus.APPLIED
        batch.applied_at = timezone.now()
        batch.summary = result.summary
        batch.save(update_fields=["status", "applied_at", "summary"])
    return result
