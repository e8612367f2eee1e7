"""One scheduler for the jobs that run every day at a set time (reminders, retention, purges).

A job is declared with `@daily(at=datetime.time(7, 0))` instead of `@task()`; it is then a
django-tasks task like any other, registered here. Every run is queued for its wall-clock time
in Europe/Berlin (also across the clock changes) with its due time as argument, and has a key —
the job and that time — that is unique in `ScheduledRun`:

- queueing the same run twice (two workers starting, the command run from cron while a run
  waits) queues it once;
- a run is carried out by the one worker that claims its key; a second task of the same run
  returns at once;
- whatever the run does, it queues the next one before it ends.

`ensure_all()` queues the next run of every job that has none waiting; the worker calls it when
it starts, so a fresh installation needs nothing else. Only django-tasks' database backend keeps
a job until its time; with any other backend nothing is queued and the jobs' commands, run from
cron, do the work.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from .models import ScheduledRun

# Keys of runs older than this are deleted when a new run is queued.
FORGET_AFTER = datetime.timedelta(days=90)


@dataclass(frozen=True)
class Daily:
    job: object  # the django-tasks Task
    at: datetime.time

    @property
    def path(self) -> str:
        return self.job.module_path


JOBS: dict[str, Daily] = {}


def next_at(at: datetime.time, now: datetime.datetime | None = None) -> datetime.datetime:
    """The next `at` o'clock in the site's time zone (Europe/Berlin) after `now`: today's if it
    has not come yet, else tomorrow's."""
    local = timezone.localtime(now or timezone.now())
    day = local.date()
    if local.time() >= at:
        day += datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, at))


def daily(*, at: datetime.time):
    """Declare a job that runs every day at `at` o'clock (see the module's docstring)."""

    def declare(func):
        @functools.wraps(func)
        def run(due: str = ""):
            entry = JOBS[job.module_path]
            try:
                if due and not claim(entry, datetime.datetime.fromisoformat(due)):
                    return None  # another worker carries out this run
                return func()
            finally:
                ensure_queued(entry)

        job = task()(run)
        JOBS[job.module_path] = Daily(job, at)
        return job

    return declare


def entry_of(job) -> Daily:
    return JOBS[job.module_path]


def waiting(entry: Daily):
    """The job's tasks that wait for their time (None when jobs are not kept in the database)."""
    if not isinstance(entry.job.get_backend(), DatabaseBackend):
        return None
    return DBTaskResult.objects.filter(task_path=entry.path, status=TaskResultStatus.READY)


def ensure_queued(job_or_entry, now: datetime.datetime | None = None) -> datetime.datetime | None:
    """Queue the job's next run unless one is waiting; returns when the waiting run is due
    (None when jobs are not kept in the database: a backend that runs jobs at once would loop)."""
    entry = job_or_entry if isinstance(job_or_entry, Daily) else entry_of(job_or_entry)
    tasks = waiting(entry)
    if tasks is None:
        return None
    queued = tasks.order_by("run_after").values_list("run_after", flat=True).first()
    if queued is not None:
        return queued
    due = next_at(entry.at, now)
    try:
        with transaction.atomic():
            ScheduledRun.objects.create(job=entry.path, due_at=due)
            entry.job.using(run_after=due).enqueue(due.isoformat())
    except IntegrityError:
        return due  # another process queued this run a moment ago
    ScheduledRun.objects.filter(due_at__lt=due - FORGET_AFTER).delete()
    return due


def ensure_all(now: datetime.datetime | None = None) -> dict[str, datetime.datetime | None]:
    """Queue the next run of every declared job that has none waiting."""
    return {path: ensure_queued(entry, now) for path, entry in sorted(JOBS.items())}


def claim(entry: Daily, due: datetime.datetime) -> bool:
    """Take the run due at `due` for this worker; False if it was taken (or never queued)."""
    return bool(
        ScheduledRun.objects.filter(job=entry.path, due_at=due, started_at__isnull=True).update(
            started_at=timezone.now()
        )
    )


def next_run_line(due: datetime.datetime | None) -> str:
    """What the jobs' commands print about the next run (they run from cron, so in English)."""
    if due is None:
        return "Jobs are not stored in the database: no run queued; run this command from cron."
    return f"Next run: {timezone.localtime(due):%Y-%m-%d %H:%M %Z}."
