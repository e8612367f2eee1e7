"""Requests for a room, once or weekly: all dates asked for are requested, or none; a weekly
request with dates that are taken or closed names each of them, so it can be asked again without
them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gemeinsam.core import bidi

from ..enums import MAX_WEEKS, Repeat
from ..models import Booking, Room
from .bookings import BookingError, check_free, locked_rooms


@dataclass(frozen=True)
class DateConflict:
    """A date of a weekly request that cannot be booked, and why (a closure, a booking)."""

    date: datetime.date
    reason: str


class SeriesConflict(BookingError):
    """Some dates of a weekly request are not free. Nothing was saved; `conflicts` names each
    such date and why, `free` counts the dates that could be booked without them."""

    def __init__(self, conflicts: list[DateConflict], *, total: int):
        self.conflicts = conflicts
        self.free = total - len(conflicts)
        message = ngettext(
            "%(count)d of the %(total)d dates cannot be booked.",
            "%(count)d of the %(total)d dates cannot be booked.",
            len(conflicts),
        ) % {"count": len(conflicts), "total": total}
        super().__init__("series_conflict", message)


@dataclass
class Request:
    """What a person asks for in the booking form (times in the agency's local time). A weekly
    request may leave out dates (`skip`): those a conflict named, so the others can be booked."""

    date: datetime.date
    start: datetime.time
    end: datetime.time
    title: str
    attendees: int | None = None
    repeat: str = Repeat.ONCE
    weeks: int | None = None
    until: datetime.date | None = None
    organization_id: int | None = None
    note: str = ""
    skip: tuple[datetime.date, ...] = ()

    def week_count(self) -> int:
        if self.repeat != Repeat.WEEKLY:
            return 1
        if self.until is not None:
            if self.until < self.date:
                raise BookingError(
                    "until_before_start",
                    _("The last date must not be before the first."),
                    field="until",
                )
            return (self.until - self.date).days // 7 + 1
        return self.weeks or 1

    def spans(self) -> list[tuple[datetime.datetime, datetime.datetime]]:
        """One (start, end) per date, each made aware on its own day (summer time moves)."""
        count = self.week_count()
        if count > MAX_WEEKS:
            raise BookingError(
                "too_many_weeks",
                _("A weekly booking covers at most %(count)d weeks.") % {"count": MAX_WEEKS},
                field="weeks",
            )
        spans = []
        for week in range(count):
            day = self.date + datetime.timedelta(weeks=week)
            if day in self.skip:
                continue
            spans.append(
                (
                    timezone.make_aware(datetime.datetime.combine(day, self.start)),
                    timezone.make_aware(datetime.datetime.combine(day, self.end)),
                )
            )
        return spans


def _conflicts(room: Room, spans) -> list[tuple[datetime.datetime, BookingError]]:
    """The spans that overlap an approved booking or fall into a closure, each with its reason."""
    found = []
    for starts_at, ends_at in spans:
        try:
            check_free(room, starts_at, ends_at)
        except BookingError as error:
            found.append((starts_at, error))
    return found


def request_booking(room: Room, request: Request, *, by) -> list[Booking]:
    """Ask for a room, once or weekly; all dates asked for are requested or none.

    Refused (BookingError, nothing saved): end not after start, a date in the past, more people
    than the room holds, a date that overlaps an approved booking or falls into a closure. A
    weekly request with such dates raises SeriesConflict, which names every one of them, so the
    person can ask again without them (`request.skip`); the dates left are checked again.
    Side effects: one REQUESTED booking per date, sharing a `series` id when weekly.
    """
    if request.end <= request.start:
        raise BookingError("end_before_start", _("The end must be after the start."), field="end")
    if request.attendees is not None and request.attendees > room.capacity:
        raise BookingError(
            "capacity",
            _("This room holds at most %(count)d people.") % {"count": room.capacity},
            field="attendees",
        )
    spans = request.spans()
    if not spans:
        raise BookingError("nothing_left", _("Every date is left out: there is nothing to book."))
    if spans[0][0] < timezone.now():
        raise BookingError("past", _("The booking must start in the future."), field="date")
    series = Booking.new_series() if len(spans) > 1 else None
    with transaction.atomic():
        room = locked_rooms([room.pk])[room.pk]
        if not room.is_active:
            raise BookingError("inactive", _("This room cannot be booked at the moment."))
        conflicts = _conflicts(room, spans)
        if conflicts and request.repeat != Repeat.WEEKLY:
            raise conflicts[0][1]
        if conflicts:
            raise SeriesConflict(
                [
                    DateConflict(timezone.localtime(starts_at).date(), error.message)
                    for starts_at, error in conflicts
                ],
                total=len(spans),
            )
        bookings = [
            Booking(
                room=room,
                title=request.title.strip(),
                organization_id=request.organization_id,
                requested_by=by,
                starts_at=starts_at,
                ends_at=ends_at,
                series=series,
                attendees=request.attendees,
                note=request.note.strip(),
            )
            for starts_at, ends_at in spans
        ]
        # bulk_create sends no pre_save: the title is cleaned here as a save would clean it.
        return Booking.objects.bulk_create([bidi.clean_instance(b) for b in bookings])
