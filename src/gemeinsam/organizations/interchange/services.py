"""Writes for imports. Applying is all or nothing: one transaction writes every row of the file.

The browser queues an import (`tasks.queue_import`) and a background job (`tasks.apply_import_job`)
applies it, reporting its progress on the batch; the command line applies at once. Either way
`apply_import` prepares everything outside the transaction (`bulk.prepare`) and stages the new
rows in temporary tables (`bulk.staged`), keeps the write transaction to one `INSERT … SELECT`
per table (`bulk.write`), and updates the search index after it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gemeinsam.core import writes

from .. import search
from ..models import ImportBatch, Organization
from . import bulk
from .enums import IN_PROGRESS, Decision, ImportStatus, ImportStep
from .validation import Preview

REINDEX_CHUNK = 1000

# Told what the import is doing: the step, rows done and rows in all.
Progress = Callable[[ImportStep, int, int], None]


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


def start_import(*, by, upload: UploadedFile, mapping: list[str]) -> ImportBatch:
    """Keep an uploaded file (default storage) with the guessed mapping, for the preview."""
    batch = ImportBatch(original_name=upload.name[:255], uploaded_by=by, mapping=mapping)
    batch.file.save(upload.name, upload, save=False)
    batch.save()
    return batch


def refuse_if_started(batch: ImportBatch) -> None:
    if batch.status == ImportStatus.APPLIED:
        raise ValidationError(_("This import has already been applied."))
    if batch.status in IN_PROGRESS:
        raise ValidationError(_("This import is already running."))


def save_mapping(*, batch: ImportBatch, mapping: list[str]) -> ImportBatch:
    refuse_if_started(batch)
    batch.mapping = mapping
    batch.save(update_fields=["mapping"])
    return batch


def _reindex(organizations: list[Organization], progress: Progress | None) -> None:
    # In chunks of their own short transactions, after the import's: searching waits for no
    # lock, and a large file stays below the database's limit of query parameters.
    ids = [org.pk for org in organizations]
    for start in range(0, len(ids), REINDEX_CHUNK):
        if start:
            writes.let_waiting_writers_in()
        with transaction.atomic():
            search.reindex(Organization.objects.filter(pk__in=ids[start : start + REINDEX_CHUNK]))
        if progress:
            progress(ImportStep.INDEXING, min(start + REINDEX_CHUNK, len(ids)), len(ids))


def apply_import(
    *,
    by,
    preview: Preview,
    decisions: dict[int, Decision] | None = None,
    batch: ImportBatch | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Import every row of a checked file, or nothing at all.

    Refuses (ValidationError) while any row or the mapping has a problem, or when the batch was
    applied before. Likely duplicates follow `decisions` (row number → Decision; skip when
    missing). Side effects: organizations created or merged, one audit entry (IMPORT) per
    organization and the batch marked applied with its summary, in one transaction; then the
    search index of every organization created or changed.
    """
    if not preview.can_apply:
        raise ValidationError(_("The file still has problems, so nothing was imported."))
    total = len(preview.rows)

    def prepared(done: int) -> None:
        if progress:
            progress(ImportStep.PREPARING, done, total)

    plan = bulk.prepare(by, preview, decisions or {}, progress=prepared)
    with bulk.staged(plan):
        if progress:
            progress(ImportStep.WRITING, 0, total)
        with transaction.atomic():
            if batch is not None:
                batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
                if batch.status == ImportStatus.APPLIED:
                    raise ValidationError(_("This import has already been applied."))
            written = bulk.write(by, plan)
            result = ImportResult(written.created, written.updated, written.unchanged, plan.skipped)
            if batch is not None:
                batch.status = ImportStatus.APPLIED
                batch.applied_at = timezone.now()
                batch.summary = result.summary
                batch.save(update_fields=["status", "applied_at", "summary"])
    if progress:
        progress(ImportStep.WRITING, total, total)
    _reindex([*result.created, *result.updated], progress)
    return result
