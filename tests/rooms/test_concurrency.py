"""A room is never double-booked, also under simultaneous requests (issue 3, item 7).

Twenty-four threads, each with its own database connection, start together behind a barrier:
half approve overlapping requests of one room, half reserve it for overlapping events. Exactly
one may win. The negative control switches the lock off (a race hook of the test settings, the
check then runs before the transaction, followed by a short pause) and shows that the same test
sees several approved bookings: the test would catch a race.

SQLite: the test database is in memory with a shared cache, where a second writer fails at once
with "database table is locked" instead of waiting. So on SQLite the test copies the prepared
database into a file (SQLite's backup API) and points every connection at it for the test's
duration: WAL, IMMEDIATE transactions and the busy timeout then work exactly as in production.
PostgreSQL needs nothing of the kind: threads connect to the test database, and the room's row
lock is what serialises them.
"""

from __future__ import annotations

import datetime
import time

import pytest
from django.utils import timezone

from gemeinsam.rooms import services
from gemeinsam.rooms.enums import BookingStatus
from gemeinsam.rooms.models import Booking
from tests import factories
from tests.threads import race as _race

THREADS = 24

# serialized_rollback: the flush after a transactional test would also wipe the reference data
# (legal forms, fields …) that migrations load, which later tests in this process rely on.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _contested_room():
    """A room, 12 overlapping requests and 12 overlapping events of its agency, all committed."""
    agency = factories.make_agency("Kompetenzzentrum Migration Nord", slug="race-agency")
    staff = factories.make_staff(agency, role="manager").user
    room = factories.make_room(agency, "Großer Saal", capacity=80)
    start = (timezone.now() + datetime.timedelta(days=10)).replace(
        minute=0, second=0, microsecond=0
    )
    requests = []
    for i in range(THREADS // 2):
        member = factories.make_user(f"mitglied{i}@example.org")
        org = factories.make_organization(f"Verein {i}", index=False)
        factories.make_membership(org, member)
        requests.append(
            Booking.objects.create(
                room=room,
                title=f"Treffen {i}",
                organization=org,
                requested_by=member,
                starts_at=start + datetime.timedelta(minutes=10 * i),
                ends_at=start + datetime.timedelta(hours=3),
            )
        )
    events = [
        factories.make_event(agency, f"Fachtag {i}", starts_in=datetime.timedelta(days=10))
        for i in range(THREADS // 2)
    ]
    return room, staff, requests, events


def _jobs(room, staff, requests, events):
    jobs = []
    for request, event in zip(requests, events, strict=True):
        jobs.append(lambda b=request: services.decide([b], approve=True, by=staff))
        jobs.append(lambda e=event: services.reserve_for_event(e, room, staff))
    return jobs


def test_simultaneous_approvals_and_reservations_leave_exactly_one_approved(shared_database):
    room, staff, requests, events = _contested_room()

    results, errors, overlap = _race(_jobs(room, staff, requests, events))

    assert Booking.objects.filter(room=room, status=BookingStatus.APPROVED).count() == 1
    assert len(results) == 1
    assert len(errors) == THREADS - 1
    assert {type(e) for e in errors} == {services.BookingError}
    assert {e.code for e in errors} <= {"overlap", "not_requested"}
    # The threads really were inside the service at the same time.
    assert overlap > 1


def test_without_the_lock_the_same_race_double_books_the_room(shared_database, settings):
    """Negative control: proves the test above would notice a missing lock."""
    settings.GEMEINSAM_RACES = {"booking": {"lock": False, "delay": 0.2}}
    room, staff, requests, events = _contested_room()

    started = time.monotonic()
    results, errors, overlap = _race(_jobs(room, staff, requests, events))

    approved = Booking.objects.filter(room=room, status=BookingStatus.APPROVED).count()
    assert approved > 1, f"{approved} approved, errors: {errors!r}"
    assert len(results) == approved
    assert overlap > 1
    # Every thread paused 0.2 s; in sequence that would take 4.8 s.
    assert time.monotonic() - started < THREADS * 0.2
