"""Reads of rooms and bookings that start from the person asking, and the week calendar."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from gemeinsam.accounts.roles import roles_of
from gemeinsam.accounts.rules import is_platform_admin
from gemeinsam.agencies.models import Agency
from gemeinsam.events.enums import EventStatus
from gemeinsam.events.models import Event
from gemeinsam.organizations.models import Organization

from .enums import BookingStatus, RoomKind
from .models import Booking, Closure, Room


def staff_agency_ids(user) -> set[int]:
    return set(roles_of(user).agencies)


@dataclass
class RoomFilters:
    """What the visitor narrowed the room list to; nonsense values are dropped."""

    agency: str = ""
    kind: str = ""
    capacity: int | None = None

    @classmethod
    def from_query(cls, data) -> RoomFilters:
        kind = (data.get("kind") or "").strip()
        try:
            capacity = int((data.get("capacity") or "").strip()[:5])
        except ValueError:
            capacity = None
        return cls(
            agency=(data.get("agency") or "").strip()[:80],
            kind=kind if kind in RoomKind.values else "",
            capacity=capacity if capacity and capacity > 0 else None,
        )


def rooms_for_list(filters: RoomFilters) -> QuerySet[Room]:
    """Active rooms of active agencies, one query."""
    rooms = Room.objects.filter(is_active=True, agency__is_active=True).select_related("agency")
    if filters.agency:
        rooms = rooms.filter(agency__slug=filters.agency)
    if filters.kind:
        rooms = rooms.filter(kind=filters.kind)
    if filters.capacity:
        rooms = rooms.filter(capacity__gte=filters.capacity)
    return rooms.order_by("agency__name", "kind", "name")


def agencies_with_rooms() -> QuerySet[Agency]:
    return Agency.objects.filter(is_active=True, rooms__is_active=True).distinct().order_by("name")


def rooms_visible_to(user) -> QuerySet[Room]:
    """Active rooms for everyone; inactive ones too for their agency's staff."""
    rooms = Room.objects.filter(agency__is_active=True).select_related("agency")
    if is_platform_admin(user):
        return rooms
    return rooms.filter(Q(is_active=True) | Q(agency_id__in=staff_agency_ids(user)))


def rooms_managed_by(user) -> QuerySet[Room]:
    """The rooms of the agencies the person works for (every room for platform admins)."""
    if is_platform_admin(user):
        return Room.objects.all()
    if not user.is_authenticated:
        return Room.objects.none()
    return Room.objects.filter(agency_id__in=staff_agency_ids(user))


def bookings_visible_to(user) -> QuerySet[Booking]:
    """One's own requests, and every booking of the rooms of the agencies one works for."""
    bookings = Booking.objects.select_related(
        "room", "room__agency", "organization", "requested_by", "event"
    )
    if is_platform_admin(user):
        return bookings
    if not user.is_authenticated:
        return bookings.none()
    return bookings.filter(Q(requested_by=user) | Q(room__agency_id__in=staff_agency_ids(user)))


def bookings_of(user) -> QuerySet[Booking]:
    """The person's own requests, newest dates last."""
    return (
        Booking.objects.filter(requested_by=user)
        .select_related("room", "room__agency", "organization", "event")
        .order_by("starts_at", "pk")
    )


def queue(agency: Agency) -> QuerySet[Booking]:
    """Requests of the agency's rooms waiting for a decision, soonest first."""
    return (
        Booking.objects.filter(room__agency=agency, status=BookingStatus.REQUESTED)
        .select_related("room", "room__agency", "organization", "requested_by")
        .order_by("starts_at", "pk")
    )


def approved_upcoming(agency: Agency) -> QuerySet[Booking]:
    """Approved bookings of the agency's rooms that have not ended yet."""
    return (
        Booking.objects.filter(
            room__agency=agency, status=BookingStatus.APPROVED, ends_at__gt=timezone.now()
        )
        .select_related("room", "room__agency", "organization", "requested_by", "event")
        .order_by("starts_at", "pk")
    )


def organizations_for_booking(user) -> QuerySet[Organization]:
    """The organizations a person may book for: those they are an active member of."""
    if not user.is_authenticated:
        return Organization.objects.none()
    return Organization.objects.acted_for_by(user).order_by("name")


def upcoming_events(agency: Agency) -> QuerySet[Event]:
    return (
        Event.objects.filter(agency=agency, ends_at__gt=timezone.now())
        .exclude(status=EventStatus.CANCELLED)
        .order_by("starts_at")
    )


# --- The week calendar ----------------------------------------------------------------------


def parse_week(value: str | None, today: datetime.date | None = None) -> datetime.date:
    """The Monday of an ISO week like "2026-W48"; this week's Monday for anything else."""
    today = today or timezone.localdate()
    try:
        year, week = (value or "").upper().split("-W")
        return datetime.date.fromisocalendar(int(year), int(week), 1)
    except (ValueError, TypeError):
        return today - datetime.timedelta(days=today.weekday())


def week_label(monday: datetime.date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass
class Entry:
    starts_at: datetime.datetime | None
    ends_at: datetime.datetime | None
    kind: str  # "booking", "requested", "event", "closure"
    booking: Booking | None = None
    closure: Closure | None = None


@dataclass
class Day:
    date: datetime.date
    entries: list[Entry] = field(default_factory=list)


def week_calendar(room: Room, monday: datetime.date, *, detailed: bool) -> list[Day]:
    """Seven days with the room's approved bookings and closures (requests too, for staff).

    Two queries, whatever the week holds.
    """
    days = [Day(monday + datetime.timedelta(days=i)) for i in range(7)]
    begin = timezone.make_aware(datetime.datetime.combine(monday, datetime.time.min))
    end = timezone.make_aware(
        datetime.datetime.combine(monday + datetime.timedelta(days=7), datetime.time.min)
    )
    statuses = [BookingStatus.APPROVED]
    if detailed:
        statuses.append(BookingStatus.REQUESTED)
    bookings = (
        Booking.objects.filter(room=room, status__in=statuses, starts_at__lt=end, ends_at__gt=begin)
        .select_related("organization", "event")
        .order_by("starts_at", "pk")
    )
    closures = Closure.objects.filter(
        Q(room__isnull=True) | Q(room=room),
        agency_id=room.agency_id,
        starts_on__lt=monday + datetime.timedelta(days=7),
        ends_on__gte=monday,
    )
    for closure in closures:
        for day in days:
            if closure.starts_on <= day.date <= closure.ends_on:
                day.entries.append(Entry(None, None, "closure", closure=closure))
    for booking in bookings:
        first = timezone.localtime(booking.starts_at).date()
        last = timezone.localtime(booking.ends_at - datetime.timedelta(microseconds=1)).date()
        if booking.event_id:
            kind = "event"
        elif booking.status == BookingStatus.REQUESTED:
            kind = "requested"
        else:
            kind = "booking"
        for day in days:
            if first <= day.date <= last:
                day.entries.append(Entry(booking.starts_at, booking.ends_at, kind, booking=booking))
    return days
