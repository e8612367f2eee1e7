"""KomMig's event rooms and co-working desks, with bookings in the coming weeks
(data/rooms.yaml).

Rooms are keyed by (agency, slug); single bookings by (room, title, organization); the weekly
series by its fixed series id, its dates moved along with the day the demo is loaded; a closure
by (agency, reason). Approved bookings of one room never overlap and never fall on a closed day.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from gemeinsam.agencies.models import Agency
from gemeinsam.core import content
from gemeinsam.events.models import Event
from gemeinsam.organizations.models import Organization
from gemeinsam.rooms.enums import BookingStatus, RoomKind
from gemeinsam.rooms.models import Booking, Closure, Room

from . import records
from .days import WEEKDAYS, Weekday, at, on
from .events_texts import Language
from .people import cast


@dataclass(frozen=True)
class ClosureSpec:
    """Closed every year from `starts` to `ends` ("12-24" to "01-01": into the next year)."""

    reason: str
    starts: str
    ends: str

    @classmethod
    def from_data(cls, value: Any, where: records.Where) -> ClosureSpec:
        found = records.record(cls, value, where)
        for name in ("starts", "ends"):
            try:
                datetime.date.fromisoformat(f"2000-{getattr(found, name)}")
            except ValueError:
                raise where.at(name).error("expected a day of the year, such as '12-24'") from None
        return found

    def days(self, today: datetime.date) -> tuple[datetime.date, datetime.date]:
        first = datetime.date.fromisoformat(f"{today.year}-{self.starts}")
        last = datetime.date.fromisoformat(f"{today.year}-{self.ends}")
        return first, last if last >= first else last.replace(year=today.year + 1)


@dataclass(frozen=True)
class RoomText:
    """A room's texts in one language (stored through `core.content`); what is left out is shown
    in German, marked. `translated_from` names the German a text was translated from where it
    has changed since (shown outdated)."""

    name: str = ""
    description: str = ""
    equipment: tuple[str, ...] = ()  # one per German item, "" leaving one in German
    accessibility: str = ""
    translated_from: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RoomSpec:
    slug: str
    name: str
    kind: RoomKind
    capacity: int
    equipment: tuple[str, ...]
    description: str
    accessibility: str
    translations: dict[Language, RoomText] = field(default_factory=dict)


@dataclass(frozen=True)
class BookingSpec:
    """A booking on the first `weekday` at least `in_days` after the day of loading."""

    room: str
    title: str
    organization: str
    in_days: int
    weekday: Weekday
    starts: datetime.time
    ends: datetime.time
    status: BookingStatus
    attendees: int | None = None
    note: str = ""

    def day(self, today: datetime.date) -> datetime.date:
        return on(today, self.in_days, WEEKDAYS.index(self.weekday))


@dataclass(frozen=True)
class WeeklySpec(BookingSpec):
    """A series of `weeks` open days, from the first one a single booking would have."""

    series: uuid.UUID | None = None  # kept, so that loading again moves the dates
    weeks: int = 1


@dataclass(frozen=True)
class EventBookingSpec:
    """A room reserved for one of the agency's own events, with time to set up and clear away."""

    room: str
    event: str
    margin_minutes: int
    note: str = ""


@dataclass(frozen=True)
class Rooms:
    agency: str
    location: str
    closures: tuple[ClosureSpec, ...]
    rooms: tuple[RoomSpec, ...]
    bookings: tuple[BookingSpec, ...]
    weekly: WeeklySpec
    event_bookings: tuple[EventBookingSpec, ...]


def rooms_data() -> Rooms:
    return records.load("rooms", _build)


def _build(where: records.Where, content: Any) -> Rooms:
    found = records.record(Rooms, content, where)
    if found.weekly.series is None:
        raise where.at("weekly").error("missing field 'series'")
    slugs = {r.slug for r in found.rooms}
    named = [(f"bookings › #{n}", b.room) for n, b in enumerate(found.bookings, 1)]
    named += [("weekly", found.weekly.room)]
    named += [(f"event_bookings › #{n}", b.room) for n, b in enumerate(found.event_bookings, 1)]
    for place, room in named:
        if room not in slugs:
            raise where.at(place).error(f"no room has the slug {room!r}")
    for number, room in enumerate(found.rooms, 1):
        for language, text in room.translations.items():
            at = where.at("rooms").at(f"#{number}").at("translations").at(language)
            if text.equipment and len(text.equipment) != len(room.equipment):
                raise at.at("equipment").error(
                    f"{len(text.equipment)} items for the {len(room.equipment)} of the German"
                )
            for name in text.translated_from:
                if name not in Room.translated_fields:
                    raise at.at("translated_from").at(name).error("not a translated text")
    return found


def _translate(room: Room, spec: RoomSpec) -> None:
    """The room's texts in every language the data gives (again: no change)."""
    for language, text in spec.translations.items():
        now = {name: getattr(room, name) for name in text.translated_from}
        for name, german in text.translated_from.items():
            setattr(room, name, german)  # the German it was translated from, never saved
        try:
            values = {"name": text.name, "description": text.description}
            values["accessibility"] = text.accessibility
            content.set_texts(room, language, {k: v for k, v in values.items() if v})
            if text.equipment:
                content.save_translation(room, "equipment", language, list(text.equipment))
        finally:
            for name, german in now.items():
                setattr(room, name, german)


def _closed(day: datetime.date, closures: list[tuple[datetime.date, datetime.date]]) -> bool:
    return any(first <= day <= last for first, last in closures)


def load_rooms(today: datetime.date | None = None) -> list[Room]:
    """Create or update the agency's rooms, closures and bookings; returns the rooms."""
    today = today or timezone.localdate()
    data = rooms_data()
    agency = Agency.objects.get(slug=data.agency)
    rooms = {}
    for spec in data.rooms:
        room, _ = Room.objects.update_or_create(
            agency=agency,
            slug=spec.slug,
            defaults={
                "name": spec.name,
                "kind": spec.kind,
                "capacity": spec.capacity,
                "equipment": "\n".join(spec.equipment),
                "accessibility": spec.accessibility,
                "description": spec.description,
                "location": data.location,
                "is_active": True,
            },
        )
        _translate(room, spec)
        rooms[spec.slug] = room

    closures = []
    for closure in data.closures:
        first, last = closure.days(today)
        Closure.objects.update_or_create(
            agency=agency,
            room=None,
            reason=closure.reason,
            defaults={"starts_on": first, "ends_on": last},
        )
        closures.append((first, last))

    manager = get_user_model().objects.filter(email=cast().manager.email).first()
    names = {s.organization for s in data.bookings} | {data.weekly.organization}
    organizations = {o.name: o for o in Organization.objects.filter(name__in=names)}
    for spec in data.bookings:
        day = spec.day(today)
        if _closed(day, closures):
            continue
        Booking.objects.update_or_create(
            room=rooms[spec.room],
            title=spec.title,
            organization=organizations.get(spec.organization),
            event=None,
            defaults=_booking_fields(spec, day, manager),
        )
    _load_weekly(data.weekly, rooms[data.weekly.room], today, closures, organizations, manager)
    for spec in data.event_bookings:
        _load_event_booking(spec, rooms[spec.room], manager)
    return list(rooms.values())


def _booking_fields(spec: BookingSpec, day: datetime.date, manager) -> dict:
    approved = spec.status == BookingStatus.APPROVED
    return {
        "starts_at": at(day, spec.starts),
        "ends_at": at(day, spec.ends),
        "status": spec.status,
        "attendees": spec.attendees,
        "note": spec.note,
        "decided_by": manager if approved else None,
        "decided_at": timezone.now() if approved else None,
    }


def _load_weekly(spec: WeeklySpec, room: Room, today, closures, organizations, manager) -> None:
    """The series' open days from the first one on; existing rows are moved.

    A closed day is skipped and the series runs a week longer instead, so the series has the
    same number of bookings whichever day the demo is loaded on (in December the closure falls
    inside it, in November it does not).
    """
    days = []
    day = spec.day(today)
    while len(days) < spec.weeks:
        if not _closed(day, closures):
            days.append(day)
        day += datetime.timedelta(weeks=1)
    existing = list(Booking.objects.filter(series=spec.series).order_by("starts_at", "id"))
    for n, day in enumerate(days):
        fields = {
            "room": room,
            "title": spec.title,
            "organization": organizations.get(spec.organization),
            "series": spec.series,
            **_booking_fields(spec, day, manager),
        }
        if n < len(existing):
            Booking.objects.filter(pk=existing[n].pk).update(**fields)
        else:
            Booking.objects.create(**fields)
    Booking.objects.filter(pk__in=[b.pk for b in existing[len(days) :]]).delete()


def _load_event_booking(spec: EventBookingSpec, room: Room, manager) -> None:
    event = Event.objects.filter(slug=spec.event).first()
    if event is None:
        return
    margin = datetime.timedelta(minutes=spec.margin_minutes)
    Booking.objects.update_or_create(
        room=room,
        event=event,
        defaults={
            "title": event.title,
            "organization": None,
            "requested_by": event.created_by,
            "starts_at": event.starts_at - margin,
            "ends_at": event.ends_at + margin,
            "status": BookingStatus.APPROVED,
            "attendees": event.capacity,
            "note": spec.note,
            "decided_by": manager,
            "decided_at": timezone.now(),
        },
    )
