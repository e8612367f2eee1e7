"""Imports from the browser run as a background job: a file of 50,000 rows takes a minute to
check and prepare, longer than a page may take, and its progress is shown on the import page.

`queue_import` marks the batch queued and queues `apply_import_job` in one transaction; the job
reads the file again, checks it, applies it (`services.apply_import`) and records the outcome on
the batch. The file is deleted once it is applied.
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django_tasks import task

from ..models import ImportBatch
from . import retention, services, validation
from .enums import Decision, ImportStatus, ImportStep
from .parsing import ImportFileError, read_table

logger = logging.getLogger(__name__)

# Progress is written at most this often (seconds): each write is a small transaction.
PROGRESS_EVERY = 0.5
UNREADABLE = _lazy("The uploaded file can no longer be read. Please upload it again.")


@transaction.atomic
def queue_import(*, batch: ImportBatch, decisions: dict[int, Decision], language: str):
    """Hand the import to the background worker; the page shows its progress from here on.

    Side effects: the batch is marked queued with the decisions and the language for its
    messages, and one job (`apply_import_job`) is queued in the same transaction.
    """
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    services.refuse_if_started(batch)
    batch.status = ImportStatus.QUEUED
    batch.decisions = {str(row): decision.value for row, decision in decisions.items()}
    batch.language = language
    batch.step, batch.rows_done, batch.rows_total, batch.error = "", 0, 0, ""
    progress = ["step", "rows_done", "rows_total", "error"]
    batch.save(update_fields=["status", "decisions", "language", *progress])
    apply_import_job.enqueue(batch.pk)
    return batch


class _Reporter:
    """Writes the step and the rows done to the batch, now and then."""

    def __init__(self, batch: ImportBatch):
        self.batch_id = batch.pk
        self.last: tuple[str, float] = ("", 0.0)

    def __call__(self, step: ImportStep, done: int, total: int) -> None:
        now = time.monotonic()
        if step == self.last[0] and done < total and now - self.last[1] < PROGRESS_EVERY:
            return
        self.last = (step, now)
        ImportBatch.objects.filter(pk=self.batch_id).update(
            step=step, rows_done=done, rows_total=total
        )


def _fail(batch: ImportBatch, message: str) -> dict:
    # An import that was applied stays applied, even if indexing it failed afterwards.
    unapplied = ImportBatch.objects.filter(pk=batch.pk).exclude(status=ImportStatus.APPLIED)
    unapplied.update(status=ImportStatus.FAILED, error=message)
    return {"failed": message}


def _run(batch: ImportBatch) -> dict:
    report = _Reporter(batch)
    with batch.file.open("rb") as stream:
        table = read_table(stream, batch.original_name)
    total = len(table.rows)
    report(ImportStep.CHECKING, 0, total)
    checked = iter(range(1, total + 1))
    preview = validation.check(
        table,
        batch.mapping,
        on_row=lambda: report(ImportStep.CHECKING, next(checked), total),
    )
    if not preview.can_apply:
        return _fail(batch, _("The file has problems, so nothing was imported."))
    decisions = {int(row): Decision(value) for row, value in batch.decisions.items()}
    result = services.apply_import(
        by=batch.uploaded_by, preview=preview, decisions=decisions, batch=batch, progress=report
    )
    retention.delete_file(batch)
    return result.summary


@task()
def apply_import_job(batch_id: int) -> dict:
    """Apply a queued import; whatever happens, the batch says how it ended."""
    batch = ImportBatch.objects.filter(pk=batch_id, status=ImportStatus.QUEUED).first()
    if batch is None:  # applied or refused meanwhile
        return {}
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.RUNNING)
    with translation.override(batch.language or settings.LANGUAGE_CODE):
        try:
            return _run(batch)
        except ValidationError as error:
            return _fail(batch, " ".join(error.messages))
        except ImportFileError as error:
            return _fail(batch, error.message)
        except OSError:
            return _fail(batch, str(UNREADABLE))
        except Exception:
            # A bug: the batch must not stay "running" for ever, and the job keeps its traceback.
            logger.exception("Import %s failed", batch.pk)
            _fail(batch, _("The import failed unexpectedly. Nothing was imported."))
            raise
