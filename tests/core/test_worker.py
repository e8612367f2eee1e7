"""The task worker outlives a locked database, beats, and `/readyz` tells whether tasks run."""

from __future__ import annotations

import contextlib
import datetime
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import time_machine
from django.apps import apps
from django.core.management import get_commands
from django_tasks_db.models import DBTaskResult

from gemeinsam.core.loadtest import scratch_database
from gemeinsam.core.models import WorkerHeartbeat
from gemeinsam.core.worker import back_off_delay
from gemeinsam.events.tasks import send_registration_mail

ROOT = Path(__file__).resolve().parents[2]
BERLIN = datetime.timezone(datetime.timedelta(hours=1))
NOW = datetime.datetime(2026, 3, 9, 10, 0, tzinfo=BERLIN)

SEED = """
from datetime import timedelta
from django.utils import timezone
from gemeinsam.agencies.models import Agency
from gemeinsam.events.models import Event, Registration
from gemeinsam.events.tasks import send_registration_mail
agency = Agency.objects.create(name="Caritas Duisburg", slug="caritas-duisburg")
start = timezone.now() + timedelta(days=10)
event = Event.objects.create(
    agency=agency, title="Vereinsfinanzen kompakt", slug="vereinsfinanzen", kind="training",
    status="published", starts_at=start, ends_at=start + timedelta(hours=2), capacity=20,
)
registration = Registration.objects.create(
    event=event, name="Leyla Demir", email="leyla.demir@example.org", status="confirmed",
)
send_registration_mail.enqueue(registration.pk, "registered")
# The system checks write once, on a new database (the notes key's check value); a worker
# starting on a database in use only reads them.
from django.core.management import call_command
call_command("check")
"""

# The worker's settings: the test settings, mails written to files (it is another process),
# and a busy timeout of half a second, so the held lock makes it fail again and again soon.
WORKER_SETTINGS = """
from tests.settings import *  # noqa

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = {mail!r}
DATABASES["default"]["OPTIONS"] = {{
    **DATABASES["default"]["OPTIONS"],
    "timeout": 0.5,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=500;",
}}
"""


def test_our_worker_command_replaces_the_librarys():
    """Django takes a command from the first app that has it: core must come first."""
    names = [config.name for config in apps.get_app_configs()]
    assert names.index("gemeinsam.core") < names.index("django_tasks_db")
    assert get_commands()["db_worker"] == "gemeinsam.core"


def test_the_back_off_grows_to_a_minute():
    assert [back_off_delay(n) for n in (1, 2, 3, 4, 7, 8, 20)] == [1, 2, 4, 8, 60, 60, 60]


@contextlib.contextmanager
def _write_lock_held(path: Path):
    """Another connection holds SQLite's write lock (BEGIN IMMEDIATE) until the block ends,
    as a long import does."""
    taken, release = threading.Event(), threading.Event()

    def hold():
        db = sqlite3.connect(path, isolation_level=None)
        try:
            db.execute("BEGIN IMMEDIATE")
            taken.set()
            release.wait(60)
            db.execute("ROLLBACK")
        finally:
            db.close()

    holder = threading.Thread(target=hold)
    holder.start()
    assert taken.wait(10)
    try:
        yield
    finally:
        release.set()
        holder.join()


@pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="SQLite's file lock")
def test_the_worker_survives_a_locked_database_and_then_sends_the_mail(tmp_path):
    mail = tmp_path / "mail"
    (tmp_path / "worker_settings.py").write_text(WORKER_SETTINGS.format(mail=str(mail)))
    with scratch_database(DJANGO_SETTINGS_MODULE="tests.settings", PYTHONPATH=str(ROOT)) as db:
        db.run(SEED)
        env = {
            **db.env,
            "DJANGO_SETTINGS_MODULE": "worker_settings",
            "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)]),
        }
        command = [sys.executable, "-m", "gemeinsam", "db_worker", "--no-reload"]
        command += ["--no-startup-delay", "--interval", "0.1", "--max-tasks", "1"]
        with _write_lock_held(db.sqlite_path):
            worker = subprocess.Popen(
                command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
            )
            time.sleep(4)  # the lock outlasts several tries (0.5 s each, then 1 s, 2 s … apart)
            assert worker.poll() is None, worker.communicate()[0]
        output, _ = worker.communicate(timeout=60)

        assert worker.returncode == 0, output
        assert "database is locked" in output
        assert "Traceback" not in output
        rows = db.query("SELECT task_path, status FROM django_tasks_database_dbtaskresult")
        assert [status for path, status in rows if path.endswith(".send_registration_mail")] == [
            "SUCCESSFUL"
        ]
        # A standing worker queued the daily jobs' next runs when it started (core.schedule).
        assert sorted(path.rsplit(".", 1)[1] for path, status in rows if status == "READY") == [
            "anonymise_expired_cases_job",
            "prune_task_results_job",
            "purge_old_files_job",
            "send_deadline_reminders",
            "send_review_reminders",
            "send_task_reminders",
            "send_term_reminders",
        ]
        (sent,) = mail.iterdir()
        assert "To: leyla.demir@example.org" in sent.read_text()
        # The worker beat, so /readyz on any server sees it.
        assert len(db.query("SELECT worker_id FROM core_workerheartbeat")) == 1


def _beat(at):
    WorkerHeartbeat.objects.update_or_create(worker_id="worker-1", defaults={"beat_at": at})


def _enqueue(at, **options):
    """A mail job queued at the given time (registration 1 need not exist: it never runs)."""
    with time_machine.travel(at, tick=False):
        task = send_registration_mail.using(**options) if options else send_registration_mail
        return task.enqueue(1, "registered")


def _readyz(client, at):
    with time_machine.travel(at, tick=False):
        response = client.get("/readyz")
    return response.status_code, response.json()


@pytest.mark.django_db
def test_readyz_is_ready_while_a_worker_beats_and_no_task_waits(client):
    _beat(NOW - datetime.timedelta(minutes=1))
    _enqueue(NOW - datetime.timedelta(minutes=9))  # due, but not ten minutes yet

    assert _readyz(client, NOW) == (
        200,
        {
            "status": "ok",
            "overdue_tasks": 0,
            "last_worker_heartbeat": "2026-03-09T08:59:00+00:00",
        },
    )


@pytest.mark.django_db
def test_readyz_is_not_ready_without_a_worker(client):
    assert _readyz(client, NOW) == (
        503,
        {
            "status": "error",
            "reason": "no worker has beaten in the last 300 seconds",
            "overdue_tasks": 0,
            "last_worker_heartbeat": None,
        },
    )


@pytest.mark.django_db
def test_readyz_is_not_ready_when_the_last_beat_is_over_five_minutes_old(client):
    _beat(NOW - datetime.timedelta(minutes=5, seconds=1))

    status, answer = _readyz(client, NOW)

    assert (status, answer["reason"]) == (503, "no worker has beaten in the last 300 seconds")
    assert answer["last_worker_heartbeat"] == "2026-03-09T08:54:59+00:00"


@pytest.mark.django_db
def test_readyz_is_not_ready_while_a_task_waits_over_ten_minutes(client):
    _beat(NOW - datetime.timedelta(seconds=10))
    _enqueue(NOW - datetime.timedelta(minutes=10, seconds=1))

    assert _readyz(client, NOW) == (
        503,
        {
            "status": "error",
            "reason": "1 task(s) waiting more than 10 minutes past their time",
            "overdue_tasks": 1,
            "last_worker_heartbeat": "2026-03-09T08:59:50+00:00",
        },
    )


@pytest.mark.django_db
def test_readyz_counts_a_scheduled_task_from_its_time_not_from_when_it_was_queued(client):
    _beat(NOW)
    queued_long_ago = NOW - datetime.timedelta(days=2)
    _enqueue(queued_long_ago, run_after=NOW - datetime.timedelta(minutes=5))
    _enqueue(queued_long_ago, run_after=NOW + datetime.timedelta(hours=8))

    assert _readyz(client, NOW)[0] == 200
    status, answer = _readyz(client, NOW + datetime.timedelta(minutes=6))
    assert (status, answer["overdue_tasks"]) == (503, 1)


@pytest.mark.django_db
def test_readyz_ignores_tasks_that_ran(client):
    _beat(NOW)
    result = _enqueue(NOW - datetime.timedelta(hours=1))
    DBTaskResult.objects.filter(pk=result.id).update(status="SUCCESSFUL")

    assert _readyz(client, NOW)[1]["overdue_tasks"] == 0
