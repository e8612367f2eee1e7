"""Tasks whose worker died, found by the workers' heartbeats; and the pruning of old results.

django_tasks_db claims a task by marking it RUNNING with the worker's id and never looks at it
again: a worker killed while it runs a task leaves it RUNNING for ever. Every standing worker
beats while it runs a task (`core.worker`), so a RUNNING task whose worker has not beaten for
`BEAT_MAX_AGE` lost its worker. A task marked `@idempotent` (running it twice does no harm: a
mail that records that it went out) is queued again; any other is marked failed with
`WorkerLost` and logged as an error, since nobody can tell how far it got.

Results pile up (django-tasks #140: slow with 230,000 rows): a daily job deletes successful
ones after `KEEP_SUCCESSFUL` and failed ones after `KEEP_FAILED`; waiting and running tasks stay.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import WorkerHeartbeat

# A worker beats every 30 s, also while it runs a task; this long without a beat, it is gone.
BEAT_MAX_AGE = datetime.timedelta(minutes=5)
KEEP_SUCCESSFUL = datetime.timedelta(days=14)
KEEP_FAILED = datetime.timedelta(days=90)

IDEMPOTENT: set[str] = set()

logger = logging.getLogger("gemeinsam.tasks")


class WorkerLost(Exception):
    """The worker running the task stopped beating; the task may have run partly."""


def idempotent(job):
    """Mark a task (put above `@task()`) as safe to run again after its worker died."""
    IDEMPOTENT.add(job.module_path)
    return job


@dataclass(frozen=True)
class Recovered:
    requeued: list[str]
    failed: list[str]


def recover(now: datetime.datetime | None = None) -> Recovered:
    """Queue again, or fail, every RUNNING task whose worker has not beaten for BEAT_MAX_AGE."""
    now = now or timezone.now()
    cutoff = now - BEAT_MAX_AGE
    alive = set(
        WorkerHeartbeat.objects.filter(beat_at__gte=cutoff).values_list("worker_id", flat=True)
    )
    running = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=cutoff
    ).values_list("id", "task_path", "worker_ids")
    requeued, failed = [], []
    for task_id, path, workers in running:
        worker = workers[-1] if workers else ""
        if worker in alive:
            continue
        # Only while it is still RUNNING: another worker's sweep may have taken it a moment ago.
        still_running = DBTaskResult.objects.filter(id=task_id, status=TaskResultStatus.RUNNING)
        if path in IDEMPOTENT:
            if still_running.update(status=TaskResultStatus.READY, started_at=None):
                requeued.append(str(task_id))
                logger.warning("Task %s (%s) lost worker %s; queued again", task_id, path, worker)
            continue
        lost = WorkerLost(f"Worker {worker or '?'} stopped beating while it ran this task.")
        if still_running.update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
            traceback=f"{lost}\nIt is not marked idempotent, so it was not run again.",
        ):
            failed.append(str(task_id))
            logger.error("Task %s (%s) lost worker %s; marked failed", task_id, path, worker)
    return Recovered(requeued, failed)


def prune(now: datetime.datetime | None = None) -> int:
    """Delete results of finished tasks past their keeping time; returns how many."""
    now = now or timezone.now()
    successful = DBTaskResult.objects.filter(
        status=TaskResultStatus.SUCCESSFUL, finished_at__lt=now - KEEP_SUCCESSFUL
    )
    failed = DBTaskResult.objects.filter(
        status=TaskResultStatus.FAILED, finished_at__lt=now - KEEP_FAILED
    )
    return successful.delete()[0] + failed.delete()[0]
