"""Writes of the rooms app, one transaction each, by part: `requests` (asking for a room, once
or weekly), `bookings` (decisions, cancellations, reservations for events), `closures` and
`rooms`.

**No double booking.** Every write that makes a booking APPROVED (`decide`, `reserve_for_event`)
checks, inside the transaction and under the room's lock, that no approved booking of the room
overlaps it. SQLite serialises writers with IMMEDIATE transactions (see settings), so the
transaction holds the write lock from BEGIN; PostgreSQL takes a row lock on the room
(`SELECT … FOR UPDATE`). Closures lock the rooms they cover the same way.

Mails are queued as tasks in the same transaction as the change that causes them: a rolled-back
decision sends nothing, a committed one is never left without its mail.

With the lock switched off (`core.races`, only the test settings can) overlaps are checked
*before* the transaction and without the lock: the race the concurrency test's negative control
must catch.
"""

from .bookings import (
    BookingError,
    cancel,
    check_free,
    closures_covering,
    decide,
    overlapping,
    reserve_for_event,
)
from .closures import create_closure, delete_closure
from .requests import DateConflict, Request, SeriesConflict, request_booking
from .rooms import save_room

__all__ = [
    "BookingError",
    "DateConflict",
    "Request",
    "SeriesConflict",
    "cancel",
    "check_free",
    "closures_covering",
    "create_closure",
    "decide",
    "delete_closure",
    "overlapping",
    "request_booking",
    "reserve_for_event",
    "save_room",
]
