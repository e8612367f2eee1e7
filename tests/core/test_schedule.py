"""One scheduler for the daily jobs: every run has a unique key (job, due time), so it is queued
once and carried out once, however many processes queue it or workers pick it up."""

from __future__ import annotations

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from gemeinsam.committees import tasks as committee_tasks
from gemeinsam.core import schedule
from gemeinsam.core import tasks as core_tasks
from gemeinsam.core.models import ScheduledRun
from gemeinsam.core.worker import Worker
from gemeinsam.counselling.tasks import cases as case_tasks
from gemeinsam.counselling.tasks import timeline as timeline_tasks
from gemeinsam.funding import tasks as funding_tasks
from gemeinsam.knowledge import tasks as knowledge_tasks
from gemeinsam.organizations.interchange import retention

BERLIN = ZoneInfo("Europe/Berlin")
NOON = datetime.datetime(2027, 6, 15, 12, 0, tzinfo=BERLIN)

pytestmark = pytest.mark.django_db


def _ready(job) -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path=job.module_path, status="READY"))


def test_every_daily_job_of_every_app_is_declared_at_its_hour():
    declared = {path: entry.at for path, entry in schedule.JOBS.items()}

    assert declared == {
        case_tasks.anonymise_expired_cases_job.module_path: datetime.time(3, 0),
        timeline_tasks.send_task_reminders.module_path: datetime.time(7, 0),
        funding_tasks.send_deadline_reminders.module_path: datetime.time(7, 0),
        knowledge_tasks.send_review_reminders.module_path: datetime.time(7, 0),
        committee_tasks.send_term_reminders.module_path: datetime.time(7, 0),
        retention.purge_old_files_job.module_path: datetime.time(2, 30),
        core_tasks.prune_task_results_job.module_path: datetime.time(4, 15),
    }


def test_queueing_a_run_twice_queues_it_once_with_its_key():
    with time_machine.travel(NOON, tick=False):
        first = schedule.ensure_queued(funding_tasks.send_deadline_reminders)
        second = schedule.ensure_queued(funding_tasks.send_deadline_reminders)

    tomorrow_seven = datetime.datetime(2027, 6, 16, 7, 0, tzinfo=BERLIN)
    assert first == second == tomorrow_seven
    (task,) = _ready(funding_tasks.send_deadline_reminders)
    assert task.run_after == tomorrow_seven
    assert task.args_kwargs["args"] == [tomorrow_seven.isoformat()]
    (run,) = ScheduledRun.objects.all()
    assert (run.job, run.due_at, run.started_at) == (
        funding_tasks.send_deadline_reminders.module_path,
        tomorrow_seven,
        None,
    )


def test_a_process_that_missed_the_waiting_run_still_cannot_queue_it_again():
    """Two processes that both saw no waiting run: the key lets only the first queue it."""
    job = timeline_tasks.send_task_reminders
    with time_machine.travel(NOON, tick=False):
        schedule.ensure_queued(job)
        # The second process looked before the first one's task was written.
        DBTaskResult.objects.filter(task_path=job.module_path).delete()
        due = schedule.ensure_queued(job)

    assert due == datetime.datetime(2027, 6, 16, 7, 0, tzinfo=BERLIN)
    assert _ready(job) == []  # not queued a second time
    assert ScheduledRun.objects.count() == 1


def test_a_run_queued_twice_anyway_is_carried_out_once(world, run_jobs):
    job = retention.purge_old_files_job
    due = datetime.datetime(2027, 6, 16, 2, 30, tzinfo=BERLIN)
    with time_machine.travel(NOON, tick=False):
        schedule.ensure_queued(job)
        job.using(run_after=due).enqueue(due.isoformat())  # a duplicate task of the same run
    assert len(_ready(job)) == 2

    with time_machine.travel(due, tick=False):
        run_jobs()

    done = DBTaskResult.objects.filter(task_path=job.module_path, status="SUCCESSFUL")
    assert sorted(r.return_value is None for r in done) == [False, True]  # one ran, one stood by
    assert ScheduledRun.objects.get(due_at=due).started_at is not None
    (next_night,) = _ready(job)
    assert next_night.run_after == due + datetime.timedelta(days=1)


def test_negative_control_runs_without_a_key_are_not_protected(world, run_jobs):
    """The same two tasks without the run's key both run: the key is what stops the second."""
    job = retention.purge_old_files_job
    with time_machine.travel(NOON, tick=False):
        job.enqueue()
        job.enqueue()
        run_jobs()

    done = DBTaskResult.objects.filter(task_path=job.module_path, status="SUCCESSFUL")
    assert [r.return_value for r in done] == [0, 0]


def test_a_standing_worker_queues_every_daily_job_when_it_starts(monkeypatch):
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    worker = Worker(
        queue_names=["default"],
        excluded_queue_names=[],
        batch=False,
        interval=0,
        backend_name="default",
        startup_delay=False,
        max_tasks=0,
        worker_id="schedule-test",
    )
    with time_machine.travel(NOON, tick=False):
        worker.run()
        worker.run()  # a second worker starting: nothing more is queued

    queued = {
        r.task_path: r.run_after.astimezone(BERLIN).strftime("%d. %H:%M")
        for r in DBTaskResult.objects.filter(status="READY")
    }
    assert queued == {
        case_tasks.anonymise_expired_cases_job.module_path: "16. 03:00",
        timeline_tasks.send_task_reminders.module_path: "16. 07:00",
        funding_tasks.send_deadline_reminders.module_path: "16. 07:00",
        knowledge_tasks.send_review_reminders.module_path: "16. 07:00",
        committee_tasks.send_term_reminders.module_path: "16. 07:00",
        retention.purge_old_files_job.module_path: "16. 02:30",
        core_tasks.prune_task_results_job.module_path: "16. 04:15",
    }
    assert DBTaskResult.objects.count() == 7


def test_keys_of_runs_older_than_ninety_days_are_forgotten():
    job = funding_tasks.send_deadline_reminders
    old = datetime.datetime(2027, 3, 1, 7, 0, tzinfo=BERLIN)
    ScheduledRun.objects.create(job=job.module_path, due_at=old, started_at=old)
    recent = datetime.datetime(2027, 6, 1, 7, 0, tzinfo=BERLIN)
    ScheduledRun.objects.create(job=job.module_path, due_at=recent, started_at=recent)

    with time_machine.travel(NOON, tick=False):
        schedule.ensure_queued(job)

    assert sorted(
        r.due_at.astimezone(BERLIN).date().isoformat() for r in ScheduledRun.objects.all()
    ) == [
        "2027-06-01",
        "2027-06-16",
    ]


def test_the_commands_say_when_the_next_run_is(world):
    out = io.StringIO()
    with time_machine.travel(NOON, tick=False):
        call_command("purge_import_files", stdout=out)

    assert out.getvalue().splitlines()[-1] == "Next run: 2027-06-16 02:30 CEST."
