"""Jobs that run every morning and queue their own next run (django-tasks).

A daily job calls `ensure_queued(job, at)` when it is done; the command that starts it (and the
demo) calls it too. Only the database backend keeps a job until its time and lets us see what
is queued; with any other backend the command, run from cron, is what runs the job.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult


def next_at(at: datetime.time, now: datetime.datetime | None = None) -> datetime.datetime:
    """The next `at` o'clock in the site's time zone (Europe/Berlin) after `now`: today's if it
    has not come yet, else tomorrow's."""
    local = timezone.localtime(now or timezone.now())
    day = local.date()
    if local.time() >= at:
        day += datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, at))


def is_queued(job) -> bool:
    return DBTaskResult.objects.filter(
        task_path=job.module_path, status=TaskResultStatus.READY
    ).exists()


def ensure_queued(job, at: datetime.time) -> bool:
    """Queue `job` for the next `at` o'clock unless a run is waiting; True if one was queued."""
    if not isinstance(job.get_backend(), DatabaseBackend):
        return False
    if is_queued(job):
        return False
    job.using(run_after=next_at(at)).enqueue()
    return True
