"""People register for an event while a 50,000-row import of organizations is applied.

The driver is the benchmark's (`gemeinsam.bench.imports`): the import runs as its background job
in a child process, gunicorn serves the registrations, both on one scratch database (a SQLite
file, or a new database on the PostgreSQL server of this test run). Twenty registrations are
sent while the import checks, prepares, writes and indexes — most of them as its write
transaction begins. None may fail or be lost; how long they wait is the bench line
`registration_during_import`, measured against registrations before the import.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from gemeinsam.bench.imports import SCHEDULE, SENT, imported, registrations_during_import
from gemeinsam.core.loadtest import scratch_database

ROWS = 50_000
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def scratch():
    with scratch_database(
        database_url=os.environ.get("DATABASE_URL"),
        DJANGO_SETTINGS_MODULE="tests.settings",
        PYTHONPATH=str(ROOT),
    ) as db:
        yield db


def test_every_registration_during_a_large_import_is_taken_and_the_import_completes(scratch):
    run = registrations_during_import(scratch, rows=ROWS)

    assert run.error is None, run.error
    assert imported(run) == {"created": ROWS, "updated": 0, "unchanged": 0, "skipped": 0}
    # Every registration was sent while the import ran, in each of its steps.
    assert run.started is not None
    assert len(run.answers) == SENT
    assert all(run.started <= answer.sent < run.ended for answer in run.answers)
    assert run.seen == list(SCHEDULE)
    # The write transaction may end before all its registrations are sent (they go on while
    # the index is updated), but the first is sent as soon as it begins.
    steps = [answer.step for answer in run.answers]
    assert "writing" in steps, steps
    # No server error, every person registered and confirmed, each once.
    assert [answer.status for answer in run.answers] == [201] * SENT, run.answers
    assert {json.loads(answer.body)["status"] for answer in run.answers} == {"confirmed"}
    sql = "SELECT COUNT(*), COUNT(DISTINCT email) FROM events_registration WHERE event_id = %d"
    assert scratch.query(sql % run.event_id)[0] == (SENT, SENT)
    assert scratch.query("SELECT COUNT(*) FROM organizations_organization")[0][0] == ROWS
