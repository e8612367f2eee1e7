"""Sixty people register for ten places at the same moment, through gunicorn, on a real database.

The server runs in child processes on a scratch database (a SQLite file, or a new database on
the PostgreSQL server of this test run), so the requests really race each other. A short delay
between counting places and taking one widens the window a race would need.

The negative control switches the lock off (a test-only setting) and shows that the same test
then sees the event overbooked: the positive result is the lock's doing, not luck.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from gemeinsam.core.loadtest import fire_at_once, gunicorn, scratch_database

PLACES = 10
PEOPLE = 60

SEED = f"""
from datetime import timedelta
from django.utils import timezone
from gemeinsam.agencies.models import Agency
from gemeinsam.events.models import Event
agency = Agency.objects.create(name="DRK-Kreisverband Münster", slug="drk-muenster")
start = timezone.now() + timedelta(days=10)
event = Event.objects.create(
    agency=agency, title="Runder Tisch Migrantenorganisationen", slug="runder-tisch",
    kind="round_table", status="published", starts_at=start, ends_at=start + timedelta(hours=2),
    capacity={PLACES}, waitlist_enabled=True,
)
print(event.pk)
"""


ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def scratch():
    """A scratch database; the server on it runs with the test settings and their race hooks."""
    with scratch_database(
        database_url=os.environ.get("DATABASE_URL"),
        DJANGO_SETTINGS_MODULE="tests.settings",
        PYTHONPATH=str(ROOT),
    ) as db:
        yield db


def _race(scratch, *, lock: bool):
    event_id = int(scratch.run(SEED).strip())
    # Without the lock, a long window between counting and taking makes requests line up in
    # waves that all count the same places, so the overbooking shows on any machine.
    race = {"registration": {"lock": lock, "delay": 0.05 if lock else 0.5}}
    env = {"GEMEINSAM_TEST_RACES": json.dumps(race), "API_ANON_RATE": ""}
    calls = [
        (
            "POST",
            f"/api/v1/events/{event_id}/registrations",
            {"name": f"Teilnehmerin {i}", "email": f"person{i}@example.org", "consent": True},
        )
        for i in range(PEOPLE)
    ]
    with gunicorn(scratch, workers=4, threads=4, **env) as (host, port):
        responses = fire_at_once(host, port, calls)
    sql = f"SELECT status, COUNT(*) FROM events_registration WHERE event_id = {event_id}"  # noqa: S608
    stored = dict(scratch.query(sql + " GROUP BY status"))
    sql = f"SELECT seats_taken FROM events_event WHERE id = {event_id}"  # noqa: S608
    seats = scratch.query(sql)[0][0]
    return responses, stored, seats


def test_sixty_simultaneous_registrations_fill_ten_places_and_the_rest_wait(scratch):
    responses, stored, seats = _race(scratch, lock=True)

    assert [status for status, _ in responses] == [201] * PEOPLE
    answered = [json.loads(body)["status"] for _, body in responses]
    assert answered.count("confirmed") == PLACES
    assert answered.count("waitlisted") == PEOPLE - PLACES
    # Nothing lost, nothing overbooked: the database agrees with the answers.
    assert stored == {"confirmed": PLACES, "waitlisted": PEOPLE - PLACES}
    assert seats == PLACES
    positions = sorted(
        json.loads(body)["waitlist_position"]
        for _, body in responses
        if json.loads(body)["status"] == "waitlisted"
    )
    assert positions == list(range(1, PEOPLE - PLACES + 1))
    # Every registration queued its mail in the same transaction.
    queued = scratch.query("SELECT COUNT(*) FROM django_tasks_database_dbtaskresult")[0][0]
    assert queued == PEOPLE


def test_negative_control_without_the_lock_the_same_race_overbooks(scratch):
    responses, stored, _ = _race(scratch, lock=False)

    assert [status for status, _ in responses] == [201] * PEOPLE
    assert sum(stored.values()) == PEOPLE
    assert stored.get("confirmed", 0) > PLACES
