"""Decisions on booking requests, cancellations and reservations for an agency's events.

**No double booking.** Every write that makes a booking APPROVED (`decide`, `reserve_for_event`)
checks, inside the transaction and under the room's lock, that no approved booking of the room
overlaps it (see the package's docstring).
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gemeinsam.core import audit, races
from gemeinsam.core.enums import AuditAction

from ..enums import ACTIVE_BOOKING_STATUSES, BookingStatus
from ..models import Booking, Closure, Room
from ..tasks import send_booking_mail


class BookingError(Exception):
    """A booking that cannot be made or decided; `message` is shown to the person, translated."""

    def __init__(self, code: str, message, *, field: str | None = None):
        super().__init__(code)
        self.code = code
        self.message = message
        self.field = field


def locked_rooms(room_ids) -> dict[int, Room]:
    """The rooms, locked for the rest of the transaction (ordered by id, so two transactions
    never wait for each other in a circle). A no-op lock on SQLite, which holds the database's
    write lock from BEGIN IMMEDIATE."""
    query = Room.objects.filter(pk__in=sorted(set(room_ids))).select_related("agency")
    if races.locks(races.BOOKING):
        query = query.select_for_update(of=("self",))
    return {room.pk: room for room in query.order_by("pk")}


def _local(moment: datetime.datetime) -> str:
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def _day(moment: datetime.datetime) -> str:
    return date_format(timezone.localtime(moment), "SHORT_DATE_FORMAT")


def overlapping(room_id: int, starts_at, ends_at) -> QuerySet[Booking]:
    """Bookings of the room that share any moment with [starts_at, ends_at)."""
    return Booking.objects.filter(room_id=room_id, starts_at__lt=ends_at, ends_at__gt=starts_at)


def closures_covering(room: Room, starts_at, ends_at) -> QuerySet[Closure]:
    """Closures of the room or its whole agency on any day the span touches."""
    first = timezone.localtime(starts_at).date()
    last = timezone.localtime(ends_at - datetime.timedelta(microseconds=1)).date()
    return Closure.objects.filter(
        Q(room__isnull=True) | Q(room_id=room.pk),
        agency_id=room.agency_id,
        starts_on__lte=last,
        ends_on__gte=first,
    )


def check_free(room: Room, starts_at, ends_at, *, exclude: list[int] = ()) -> None:
    """Raise BookingError unless the span is free of approved bookings and closures."""
    closure = closures_covering(room, starts_at, ends_at).first()
    if closure is not None:
        raise BookingError(
            "closed",
            _("The room is closed on %(date)s: %(reason)s")
            % {"date": _day(starts_at), "reason": closure.reason},
        )
    clash = (
        overlapping(room.pk, starts_at, ends_at)
        .filter(status=BookingStatus.APPROVED)
        .exclude(pk__in=list(exclude))
        .first()
    )
    if clash is not None:
        raise BookingError(
            "overlap",
            _("The room is already booked on %(date)s (%(start)s – %(end)s).")
            % {
                "date": _day(clash.starts_at),
                "start": date_format(timezone.localtime(clash.starts_at), "H:i"),
                "end": date_format(timezone.localtime(clash.ends_at), "H:i"),
            },
        )


def _queue_mail(booking_ids: list[int], kind: str) -> None:
    if booking_ids:
        send_booking_mail.enqueue(sorted(booking_ids), kind)


def queue_mails_per_requester(bookings: list[Booking], kind: str) -> None:
    """One mail per person (and kind), listing all their dates."""
    by_person: dict[int, list[int]] = defaultdict(list)
    for booking in bookings:
        if booking.requested_by_id:
            by_person[booking.requested_by_id].append(booking.pk)
    for ids in by_person.values():
        _queue_mail(ids, kind)


def _audit_status(bookings: list[Booking], old: str, new: str, *, by) -> None:
    for booking in bookings:
        audit.record(by=by, action=AuditAction.UPDATE, obj=booking, changes={"status": [old, new]})


def _competitor_ids(approved: list[Booking]) -> list[int]:
    """Requests that overlap bookings about to be approved."""
    ids: set[int] = set()
    approved_ids = [b.pk for b in approved if b.pk]
    for booking in approved:
        ids.update(
            overlapping(booking.room_id, booking.starts_at, booking.ends_at)
            .filter(status=BookingStatus.REQUESTED)
            .exclude(pk__in=approved_ids)
            .values_list("pk", flat=True)
        )
    return sorted(ids)


def _lock_bookings(ids) -> None:
    """Row locks on the bookings a decision writes, always in id order, so that two decisions
    touching the same requests queue instead of deadlocking (a no-op on SQLite). Under the room
    lock they never wait; they matter when it is switched off for the negative control."""
    if ids:
        list(Booking.objects.filter(pk__in=list(ids)).select_for_update().order_by("pk"))


def _decline_competitors(ids: list[int], *, by) -> list[Booking]:
    """Decline the requests that overlap a newly approved booking; tell each requester why."""
    losers = list(
        Booking.objects.filter(pk__in=ids, status=BookingStatus.REQUESTED)
        .select_related("requested_by")
        .order_by("pk")
    )
    now = timezone.now()
    for loser in losers:
        language = getattr(loser.requested_by, "preferred_language", None) or "de"
        with translation.override(language):
            note = gettext("The room was given to another booking at this time.")
        Booking.objects.filter(pk=loser.pk).update(
            status=BookingStatus.DECLINED, decided_by=by, decided_at=now, decision_note=note
        )
    _audit_status(losers, BookingStatus.REQUESTED, BookingStatus.DECLINED, by=by)
    queue_mails_per_requester(losers, "declined_conflict")
    return losers


def _check_unlocked(bookings: list[Booking], rooms: dict[int, Room] | None = None) -> None:
    """Test-only path: the checks run outside the transaction, then a pause."""
    for booking in bookings:
        room = rooms[booking.room_id] if rooms else booking.room
        check_free(room, booking.starts_at, booking.ends_at, exclude=[b.pk for b in bookings])
    races.window(races.BOOKING)


def decide(
    bookings: list[Booking], *, approve: bool, by, reason: str = ""
) -> tuple[list[Booking], list[Booking]]:
    """Approve or decline requested bookings (one date, or a whole series) as a whole.

    Approval checks again, under the room's lock, that no approved booking overlaps and no
    closure covers any date; otherwise BookingError and nothing changes.
    Side effects: statuses, audit entries, a mail to the requester; on approval, overlapping
    requests are declined, each with a notice mail. Returns (decided, declined competitors).
    """
    if not bookings:
        raise BookingError("not_requested", _("This booking was already decided."))
    pks = [b.pk for b in bookings]
    locked = races.locks(races.BOOKING)
    if approve and not locked:
        _check_unlocked(bookings)
    with transaction.atomic():
        rooms = locked_rooms(b.room_id for b in bookings)
        current = list(
            Booking.objects.filter(pk__in=pks, status=BookingStatus.REQUESTED).select_related(
                "requested_by"
            )
        )
        if locked and len(current) != len(set(pks)):
            raise BookingError("not_requested", _("This booking was already decided."))
        if not locked:
            current = list(Booking.objects.filter(pk__in=pks).select_related("requested_by"))
        if approve and locked:
            for booking in current:
                check_free(rooms[booking.room_id], booking.starts_at, booking.ends_at, exclude=pks)
        competitors = _competitor_ids(current) if approve else []
        _lock_bookings(sorted(set(pks) | set(competitors)))
        status = BookingStatus.APPROVED if approve else BookingStatus.DECLINED
        now = timezone.now()
        Booking.objects.filter(pk__in=pks).update(
            status=status, decided_by=by, decided_at=now, decision_note=reason.strip()
        )
        for booking in current:
            booking.status, booking.decided_by, booking.decided_at = status, by, now
            booking.decision_note = reason.strip()
        _audit_status(current, BookingStatus.REQUESTED, status, by=by)
        _queue_mail(pks, "approved" if approve else "declined")
        losers = _decline_competitors(competitors, by=by)
    return current, losers


def cancel(bookings: list[Booking], *, by) -> list[Booking]:
    """Cancel requested or approved bookings that have not ended (one date or a series),
    under the room's lock like every other write to the room's bookings.

    Side effects: statuses, an audit entry per booking, one mail to the requester.
    """
    with transaction.atomic():
        locked_rooms(b.room_id for b in bookings)
        cancelled = list(
            Booking.objects.filter(
                pk__in=[b.pk for b in bookings],
                status__in=ACTIVE_BOOKING_STATUSES,
                ends_at__gt=timezone.now(),
            )
        )
        if not cancelled:
            raise BookingError("not_active", _("There is nothing left to cancel."))
        Booking.objects.filter(pk__in=[b.pk for b in cancelled]).update(
            status=BookingStatus.CANCELLED
        )
        for booking in cancelled:
            audit.record(
                by=by,
                action=AuditAction.UPDATE,
                obj=booking,
                changes={"status": [booking.status, BookingStatus.CANCELLED]},
            )
        queue_mails_per_requester(cancelled, "cancelled")
    return cancelled


def reserve_for_event(event, room: Room, by) -> Booking:
    """Reserve the room for the event's whole time: an APPROVED booking, checked like any
    approval under the room's lock (BookingError when it overlaps an approved booking or a
    closure).

    Side effects: the booking; overlapping requests are declined with a notice mail; audit.
    """
    if event.agency_id != room.agency_id:
        raise BookingError("other_agency", _("The room belongs to another agency."))
    if event.ends_at <= timezone.now():
        raise BookingError("past", _("This event has already taken place."))
    booking = Booking(
        room=room,
        title=event.title[:200],
        event=event,
        requested_by=by,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        status=BookingStatus.APPROVED,
        decided_by=by,
    )
    locked = races.locks(races.BOOKING)
    if not locked:
        _check_unlocked([booking], {room.pk: room})
    with transaction.atomic():
        room = locked_rooms([room.pk])[room.pk]
        if locked:
            check_free(room, event.starts_at, event.ends_at)
        competitors = _competitor_ids([booking])
        _lock_bookings(competitors)
        booking.decided_at = timezone.now()
        booking.save()
        audit.record(
            by=by,
            action=AuditAction.CREATE,
            obj=booking,
            changes={"event": [None, str(event)], "status": [None, BookingStatus.APPROVED]},
        )
        _decline_competitors(competitors, by=by)
    return booking
