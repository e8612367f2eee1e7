"""Tasks whose worker died are queued again (idempotent ones) or failed (the others); a standing
worker beats while it runs a task; results of finished tasks are pruned after their time."""

from __future__ import annotations

import datetime
import threading
import time

import pytest
import time_machine
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from gemeinsam.core import recovery, schedule
from gemeinsam.core import worker as worker_module
from gemeinsam.core.models import WorkerHeartbeat
from gemeinsam.core.tasks import prune_task_results_job
from gemeinsam.core.worker import Worker

BERLIN = datetime.timezone(datetime.timedelta(hours=1))
NOW = datetime.datetime(2026, 12, 24, 16, 0, tzinfo=BERLIN)
MINUTE = datetime.timedelta(minutes=1)


@recovery.idempotent
@task()
def resend_safely(n: int) -> int:
    return n


@task()
def once_only(n: int) -> int:
    return n


def _running(job, worker_id: str, started: datetime.datetime) -> DBTaskResult:
    result = DBTaskResult.objects.get(id=job.enqueue(1).id)
    DBTaskResult.objects.filter(id=result.id).update(
        status="RUNNING", started_at=started, worker_ids=[worker_id]
    )
    return result


def _beat(worker_id: str, at: datetime.datetime) -> None:
    WorkerHeartbeat.objects.update_or_create(worker_id=worker_id, defaults={"beat_at": at})


def _status(result: DBTaskResult) -> str:
    return DBTaskResult.objects.get(id=result.id).status


@pytest.mark.django_db
def test_a_task_whose_worker_stopped_beating_is_queued_again_or_failed_as_marked():
    _beat("dead", NOW - 6 * MINUTE)
    _beat("alive", NOW - MINUTE)
    again = _running(resend_safely, "dead", NOW - 20 * MINUTE)
    lost = _running(once_only, "dead", NOW - 20 * MINUTE)
    busy = _running(once_only, "alive", NOW - 20 * MINUTE)  # a long task of a living worker
    never_beat = _running(once_only, "vanished", NOW - 20 * MINUTE)
    just_started = _running(once_only, "starting", NOW - MINUTE)

    recovered = recovery.recover(NOW)

    assert sorted(recovered.requeued) == [str(again.id)]
    assert sorted(recovered.failed) == sorted([str(lost.id), str(never_beat.id)])
    assert [_status(r) for r in (again, lost, busy, never_beat, just_started)] == [
        "READY",
        "FAILED",
        "RUNNING",
        "FAILED",
        "RUNNING",
    ]
    failed = DBTaskResult.objects.get(id=lost.id)
    assert failed.exception_class_path == "gemeinsam.core.recovery.WorkerLost"
    assert "Worker dead stopped beating" in failed.traceback
    assert failed.finished_at == NOW
    assert DBTaskResult.objects.get(id=again.id).started_at is None


@pytest.mark.django_db
def test_a_second_sweep_finds_nothing_left_to_recover():
    _running(resend_safely, "dead", NOW - 20 * MINUTE)
    _running(once_only, "dead", NOW - 20 * MINUTE)
    first = recovery.recover(NOW)

    second = recovery.recover(NOW)

    assert (len(first.requeued), len(first.failed)) == (1, 1)
    assert second == recovery.Recovered([], [])


@pytest.mark.django_db
def test_a_task_queued_again_is_run_by_the_next_worker(run_jobs):
    again = _running(resend_safely, "dead", NOW - 20 * MINUTE)
    recovery.recover(NOW)

    run_jobs()

    result = DBTaskResult.objects.get(id=again.id)
    assert (result.status, result.return_value) == ("SUCCESSFUL", 1)


def _finished(status: str, days_ago: float) -> DBTaskResult:
    result = DBTaskResult.objects.get(id=once_only.enqueue(1).id)
    DBTaskResult.objects.filter(id=result.id).update(
        status=status, finished_at=NOW - datetime.timedelta(days=days_ago)
    )
    return result


@pytest.mark.django_db
def test_results_are_pruned_after_their_keeping_time_and_unfinished_tasks_stay():
    old_success = _finished("SUCCESSFUL", 14.1)
    recent_success = _finished("SUCCESSFUL", 13.9)
    old_failure = _finished("FAILED", 90.1)
    recent_failure = _finished("FAILED", 89.9)
    waiting = DBTaskResult.objects.get(id=once_only.enqueue(2).id)
    running = _running(once_only, "alive", NOW - 200 * 24 * 60 * MINUTE)

    assert recovery.prune(NOW) == 2

    left = set(DBTaskResult.objects.values_list("id", flat=True))
    assert left == {recent_success.id, recent_failure.id, waiting.id, running.id}
    assert old_success.id not in left and old_failure.id not in left


def test_pruning_is_a_daily_job_of_the_scheduler():
    entry = schedule.JOBS["gemeinsam.core.tasks.prune_task_results_job"]
    assert entry.at == datetime.time(4, 15)


@pytest.mark.django_db
def test_the_daily_prune_runs_on_christmas_eve_and_queues_the_next_night(run_jobs):
    _finished("SUCCESSFUL", 30)
    with time_machine.travel(NOW, tick=False):
        assert prune_task_results_job.call() == 1
        due = schedule.ensure_queued(prune_task_results_job)
    assert due == datetime.datetime(2026, 12, 25, 4, 15, tzinfo=BERLIN)


def _worker(worker_id: str, *, batch: bool) -> Worker:
    return Worker(
        queue_names=["default"],
        interval=0.1,
        batch=batch,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_standing_worker_beats_while_it_runs_a_long_task(monkeypatch):
    monkeypatch.setattr(worker_module, "BEAT_EVERY", datetime.timedelta(milliseconds=20))
    threads = threading.active_count()
    with _worker("w-long", batch=False)._beating():
        deadline = time.monotonic() + 30
        while not WorkerHeartbeat.objects.filter(worker_id="w-long").exists():
            assert time.monotonic() < deadline, "no beat while the task ran"
            time.sleep(0.01)  # until the beat thread has written, bounded above
        assert threading.active_count() == threads + 1
    assert threading.active_count() == threads  # the beat ends with the task


def test_a_batch_run_starts_no_beat():
    threads = threading.active_count()
    with _worker("w-batch", batch=True)._beating():
        assert threading.active_count() == threads
