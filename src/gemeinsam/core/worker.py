"""The task worker that outlives a busy database, its heartbeat, and the readiness question.

django_tasks_db's worker exits when the database stays locked past SQLite's timeout while it
opens the transaction that claims a task, or while it records a task's outcome (three quick
tries): a long import once stopped the mails for good that way. This worker backs off and tries
again instead, and beats, so `/readyz` can tell a load balancer (or a person) that no worker is
running or that tasks wait far past their time.
"""

import contextlib
import dataclasses
import datetime
import random
import threading
import time
from functools import wraps

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.db.models import Q
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult, get_date_max
from django_tasks_db.utils import exclusive_transaction

from . import recovery, schedule
from .models import WorkerHeartbeat

# A worker writes its beat at most this often: every loop would be a write a second.
BEAT_EVERY = datetime.timedelta(seconds=30)
# Without a beat this long, no worker runs; a task it ran lost its worker (core.recovery). A
# worker beats while it runs a task too, so a long task does not look like a dead worker.
BEAT_MAX_AGE = recovery.BEAT_MAX_AGE
# A task ready this long ago and still waiting means the workers do not keep up (or none runs).
OVERDUE_AFTER = datetime.timedelta(minutes=10)
# Back-off after a database error: 1 s, 2 s, 4 s … at most a minute.
BACK_OFF_FIRST = 1.0
BACK_OFF_MAX = 60.0
# Rows of workers that have not beaten for this long are deleted.
FORGET_AFTER = datetime.timedelta(days=1)

logger = db_worker.logger  # the library's logger: its verbosity switch applies to both


def back_off_delay(failures: int) -> float:
    """Seconds to wait after the given number of database errors in a row."""
    return min(BACK_OFF_FIRST * 2 ** max(failures - 1, 0), BACK_OFF_MAX)


class Worker(db_worker.Worker):
    """The library's worker whose loop survives database errors and beats."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.failures = 0
        self.last_beat: datetime.datetime | None = None

    def run(self) -> None:
        logger.info("Starting worker worker_id=%s queues=%s", self.worker_id, self.queue_names)
        if not self.batch:
            # A standing worker makes sure every daily job has its next run queued: a fresh
            # installation needs no cron line, and the runs' unique keys make a second worker's
            # call harmless.
            self._until_stored(schedule.ensure_all)()
        if self.startup_delay and self.interval:
            time.sleep(random.random())  # noqa: S311 - spreads workers that start together
        while self.running:
            try:
                task_result = self._claim()
                if task_result is not None:
                    with self._beating():
                        self.run_task(task_result)
                self._beat()
            except DatabaseError as error:
                self._back_off(error)
                continue
            self.failures = 0
            if self.batch and task_result is None:
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return
            if self.running and task_result is None:
                time.sleep(self.interval)

    def _claim(self) -> DBTaskResult | None:
        # Through the library's module, so that tests can keep it off their own connection.
        db_worker.close_old_connections()
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        # Opening the transaction is inside the loop's guard: on SQLite it is the exclusive
        # BEGIN that waits for the lock, and where the library's worker died.
        with exclusive_transaction(tasks.db):
            task_result = tasks.get_locked()
            if task_result is not None:
                task_result.claim(self.worker_id)
        return task_result

    def run_task(self, db_task_result: DBTaskResult) -> None:
        # The task ran (a mail may have gone out), so its outcome is recorded until the database
        # takes it, never by running it again.
        for name in ("set_successful", "set_failed"):
            setattr(db_task_result, name, self._until_stored(getattr(db_task_result, name)))
        super().run_task(db_task_result)

    def _until_stored(self, record):
        @wraps(record)
        def retried(*args, **kwargs):
            failures = 0
            while True:
                try:
                    return record(*args, **kwargs)
                except (OperationalError, InterfaceError) as error:
                    failures += 1
                    logger.error("Recording a task's outcome failed (%s); trying again", error)
                    db_worker.close_old_connections()
                    time.sleep(back_off_delay(failures))

        return retried

    def _beat(self) -> None:
        if self.batch:
            return  # a batch run empties the queue and ends: it is not a standing worker
        now = timezone.now()
        if self.last_beat is not None and now - self.last_beat < BEAT_EVERY:
            return
        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id, defaults={"beat_at": now}
        )
        WorkerHeartbeat.objects.filter(beat_at__lt=now - FORGET_AFTER).delete()
        self.last_beat = now
        # Every standing worker looks for tasks whose worker died, as often as it beats.
        recovery.recover(now)

    @contextlib.contextmanager
    def _beating(self):
        """Beat from a thread of its own while the task runs (a standing worker only)."""
        if self.batch:
            yield
            return
        stop = threading.Event()

        def beat():
            try:
                while not stop.wait(BEAT_EVERY.total_seconds()):
                    try:
                        WorkerHeartbeat.objects.update_or_create(
                            worker_id=self.worker_id, defaults={"beat_at": timezone.now()}
                        )
                    except DatabaseError as error:
                        logger.error("The worker's beat failed (%s); trying again", error)
            finally:
                connection.close()  # this thread's own connection

        thread = threading.Thread(target=beat, name=f"beat-{self.worker_id}", daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join()

    def _back_off(self, error: DatabaseError) -> None:
        self.failures += 1
        delay = back_off_delay(self.failures)
        logger.error("Database error in the worker (%s); trying again in %.0f s", error, delay)
        db_worker.close_old_connections()  # drops a connection the error left unusable
        if self.running:
            time.sleep(delay)


@dataclasses.dataclass(frozen=True)
class Readiness:
    ready: bool
    reason: str
    overdue_tasks: int
    last_beat: datetime.datetime | None


def readiness(now: datetime.datetime | None = None) -> Readiness:
    """Ready while some worker beat lately and no task waits more than OVERDUE_AFTER."""
    now = now or timezone.now()
    cutoff = now - OVERDUE_AFTER
    # A task enqueued without a delay has the library's "no date" as run_after; it is due
    # since it was enqueued.
    overdue = DBTaskResult.objects.filter(status=TaskResultStatus.READY).filter(
        Q(run_after__lt=cutoff) | Q(run_after=get_date_max(), enqueued_at__lt=cutoff)
    )
    overdue_count = overdue.count()
    last = WorkerHeartbeat.objects.order_by("-beat_at").values_list("beat_at", flat=True).first()
    if last is None or last < now - BEAT_MAX_AGE:
        reason = f"no worker has beaten in the last {BEAT_MAX_AGE.total_seconds():.0f} seconds"
        return Readiness(False, reason, overdue_count, last)
    if overdue_count:
        minutes = OVERDUE_AFTER.total_seconds() // 60
        reason = f"{overdue_count} task(s) waiting more than {minutes:.0f} minutes past their time"
        return Readiness(False, reason, overdue_count, last)
    return Readiness(True, "", 0, last)
