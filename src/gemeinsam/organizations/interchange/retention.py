"""Uploaded import files hold names, e-mail addresses and phone numbers: they are deleted once
applied, and after `KEEP_UNAPPLIED` when nobody applied them. The batch row stays, with the
original file name and the summary, as the record of what was imported.

`purge_old_files_job` runs every night at 02:30 Europe/Berlin (`core.schedule`); `gemeinsam
purge_import_files` purges once and makes sure the nightly run is queued.
"""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils import timezone

from gemeinsam.core.schedule import daily

from ..models import ImportBatch
from .enums import IN_PROGRESS

KEEP_UNAPPLIED = datetime.timedelta(days=30)
PURGE_AT = datetime.time(2, 30)


def delete_file(batch: ImportBatch) -> None:
    """Delete the batch's file from storage and note when; the row keeps its summary."""
    if batch.file:
        batch.file.delete(save=False)
    ImportBatch.objects.filter(pk=batch.pk).update(file="", file_deleted_at=timezone.now())


def purge_old_files(now: datetime.datetime | None = None) -> int:
    """Delete the files of imports applied, or uploaded more than `KEEP_UNAPPLIED` ago and never
    applied; returns how many. Imports waiting or running keep theirs."""
    now = now or timezone.now()
    due = (
        ImportBatch.objects.exclude(file="")
        .exclude(status__in=IN_PROGRESS)
        .filter(Q(applied_at__isnull=False) | Q(created_at__lt=now - KEEP_UNAPPLIED))
    )
    count = 0
    for batch in due.iterator():
        delete_file(batch)
        count += 1
    return count


@daily(at=PURGE_AT)
def purge_old_files_job() -> int:
    """The nightly purge (`core.schedule` queues the next run)."""
    return purge_old_files()
