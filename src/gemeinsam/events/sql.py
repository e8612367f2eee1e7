"""The events app's kept raw SQL: the statements every registration (or every visit to a cached
page) runs, where building them through the ORM cost several times the CPU of running them.

Each is measured (`gemeinsam bench`); everything else goes through the ORM.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Exists, OuterRef
from django.utils import timezone

from .enums import EventStatus, RegistrationStatus
from .models import REGISTRATION_FIELDS, Event, Question, Registration

# The SELECTs of `registering_read`, compiled once per database: (SQL, parameters) by
# (database, with `asks`).
_registering_selects: dict[tuple[str, bool], tuple[str, tuple]] = {}


def registering_read(event_id: int, *, asks: bool = False, for_update: bool = False):
    """One event's `REGISTRATION_FIELDS` (and with `asks`, whether it has questions), or None;
    `for_update` locks its row for the rest of the transaction where the database has row locks.

    Every registration reads its event through here, so the SELECT is compiled once per database
    and run through `raw()`: building it per request cost several times the CPU of running it.
    """
    key = (connection.vendor, asks)
    select = _registering_selects.get(key)
    if select is None:
        events = Event.objects.only("pk", *REGISTRATION_FIELDS).order_by()
        if asks:
            events = events.annotate(asks=Exists(Question.objects.filter(event=OuterRef("pk"))))
        select = _registering_selects[key] = events.query.sql_with_params()
    sql, params = select
    quote = connection.ops.quote_name
    sql = f"{sql} WHERE {quote(Event._meta.db_table)}.{quote('id')} = %s"
    if for_update and connection.features.has_select_for_update:
        sql += " FOR UPDATE"
    found = list(Event.objects.raw(sql, (*params, event_id)))
    return found[0] if found else None


def take_places(event: Event, size: int, *, conditional: bool) -> bool:
    """Take `size` places in one statement, if they are still free.

    The UPDATE is the lock: on PostgreSQL it locks the event's row until commit and re-checks
    its condition against the latest committed places; on SQLite the IMMEDIATE transaction
    already holds the write lock. Being the transaction's last write, it holds the row for as
    short a time as possible. `conditional=False` (test-only, lock off) takes them regardless.
    Plain SQL, as every confirmed registration runs it: building the UPDATE through the ORM
    cost the worker several times the CPU of sending it.
    """
    quote = connection.ops.quote_name
    seats, capacity = quote("seats_taken"), quote("capacity")
    sql = (
        f"UPDATE {quote(Event._meta.db_table)} SET {seats} = {seats} + %s, "  # noqa: S608
        f"{quote('updated_at')} = %s WHERE {quote('id')} = %s"
    )
    params = [size, connection.ops.adapt_datetimefield_value(timezone.now()), event.pk]
    if conditional and event.capacity is not None:
        sql += f" AND {quote('status')} = %s AND {seats} + %s <= {capacity}"
        params += [str(EventStatus.PUBLISHED), size]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount > 0


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first in line; a group shares the position of its first member.

    Everyone who joined the waiting list before counts once, a group once as a whole. Plain SQL,
    as every answer to a registration for a full event shows it: building the ORM's aggregate
    cost the worker several times the CPU of sending it.
    """
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    quote = connection.ops.quote_name
    group = quote("group_id")
    # People waiting alone, and groups (each counted once): counting the rows of the first kind
    # costs half as much as one DISTINCT over everyone, which a long waiting list feels.
    sql = (
        f"SELECT COUNT(*) FILTER (WHERE {group} IS NULL) + COUNT(DISTINCT {group}) "  # noqa: S608
        f"FROM {quote(Registration._meta.db_table)} WHERE {quote('event_id')} = %s "
        f"AND {quote('status')} = %s AND {quote('queued_at')} < %s"
    )
    params = [
        registration.event_id,
        str(RegistrationStatus.WAITLISTED),
        connection.ops.adapt_datetimefield_value(registration.queued_at),
    ]
    if registration.group_id is not None:
        sql += f" AND ({group} IS NULL OR {group} <> %s)"
        params.append(registration.group_id)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0] + 1


def latest_change() -> str:
    """Changes whenever any event is added, changed, deleted or gains or loses a participant
    (services touch `updated_at` with every change of places): the public pages' cache key."""
    # Two index-only reads in one statement: the newest `updated_at` from its index, and the
    # number of events (a deletion changes no `updated_at`). An aggregate of both in one pass
    # reads every row and costs three times as much, on every visit to a cached page.
    table = connection.ops.quote_name(Event._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT updated_at FROM {table} ORDER BY updated_at DESC LIMIT 1), "  # noqa: S608
            f"(SELECT COUNT(*) FROM {table})"
        )
        at, count = cursor.fetchone()
    return f"{count}-{str(at).replace(' ', 'T')}"  # no spaces: a valid key for any cache
