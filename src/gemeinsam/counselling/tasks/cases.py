"""The nightly retention job: closed cases are anonymised once their retention period is over.

`anonymise_expired_cases_job` runs `services.gdpr.anonymise_expired_cases()` and queues itself
again for the next night at 03:00 Europe/Berlin, unless such a job is already waiting. `gemeinsam
anonymise_expired_cases` starts the chain (and runs once at once); `gemeinsam db_worker` runs it.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone
from django_tasks import task

from ..services.gdpr import anonymise_expired_cases

BERLIN = ZoneInfo("Europe/Berlin")
NIGHTLY_AT = datetime.time(3, 0)


def next_run(now: datetime.datetime | None = None) -> datetime.datetime:
    """The next 03:00 in Berlin strictly after `now` (wall-clock time, also across DST)."""
    local = (now or timezone.now()).astimezone(BERLIN)
    run = datetime.datetime.combine(local.date(), NIGHTLY_AT, tzinfo=BERLIN)
    if run <= local:
        run = datetime.datetime.combine(
            local.date() + datetime.timedelta(days=1), NIGHTLY_AT, tzinfo=BERLIN
        )
    return run


@task()
def anonymise_expired_cases_job() -> int:
    """Anonymise the expired cases; whatever happens, the next night's run is queued."""
    try:
        return anonymise_expired_cases()
    finally:
        schedule_nightly()


def _queued():
    """Waiting runs of the job, when jobs are stored in the database (else None)."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(anonymise_expired_cases_job.get_backend(), DatabaseBackend):
        return None
    return DBTaskResult.objects.filter(
        task_path=anonymise_expired_cases_job.module_path, status="READY"
    )


def schedule_nightly(now: datetime.datetime | None = None) -> datetime.datetime | None:
    """Queue the job for the next 03:00 unless a run is already waiting.

    Returns when the waiting run is due (the new one, or the one already queued); None when jobs
    are not stored in the database (a backend that runs jobs at once would loop forever).
    """
    queued = _queued()
    if queued is None:
        return None
    waiting = queued.order_by("run_after").values_list("run_after", flat=True).first()
    if waiting is not None:
        return waiting
    run_after = next_run(now)
    anonymise_expired_cases_job.using(run_after=run_after).enqueue()
    return run_after
