"""KomMig's event rooms and co-working desks, with bookings in the coming weeks.

The seed says KomMig lends its co-working spaces and event rooms to organizations. Rooms are
keyed by (agency, slug); single bookings by (room, purpose, organization); the weekly series by
a fixed series id, its dates moved along with the day the demo is loaded; the closure by
(agency, reason). Approved bookings of one room never overlap and never fall on a closed day.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone

from gemeinsam.agencies.models import Agency
from gemeinsam.events.models import Event
from gemeinsam.organizations.models import Organization
from gemeinsam.rooms.enums import BookingStatus, RoomKind
from gemeinsam.rooms.models import Booking, Closure, Room

from . import people
from .events import CLOSED_ROUND_TABLE, at, on

AGENCY = "kommig-hamburg"
LOCATION = "Das PARITÄTISCHE Kompetenzzentrum Migration (KomMig), 1. Stock, Hamburg"
STEP_FREE = (
    "Aufzug bis in den 1. Stock, Türen ohne Schwellen, barrierefreies WC auf der Etage. "
    "Mobile Induktionsschleife auf Anfrage."
)
# The weekly series keeps one id, so loading again moves its dates instead of adding a series.
WEEKLY_SERIES = uuid.UUID("5e1f0c6a-2d1b-4b8e-9c55-6b0a1f3d2e01")
WEEKLY_WEEKS = 6


@dataclass(frozen=True)
class RoomSpec:
    slug: str
    name: str
    kind: str
    capacity: int
    equipment: tuple[str, ...]
    description: str
    accessibility: str = STEP_FREE


ROOMS = (
    RoomSpec(
        "veranstaltungsraum",
        "Veranstaltungsraum",
        RoomKind.ROOM,
        40,
        (
            "Beamer und Leinwand",
            "Mikrofonanlage mit zwei Funkmikrofonen",
            "Moderationskoffer und vier Pinnwände",
            "Reihen-, Stuhlkreis- oder Tischbestuhlung",
            "Teeküche mit Geschirr für 40 Personen",
        ),
        "Unser großer Raum für Mitgliederversammlungen, Infoabende und Feste. Hell, mit "
        "Fenstern zum Hof; Tische und Stühle stellen Sie selbst, wir zeigen Ihnen wie.",
    ),
    RoomSpec(
        "seminarraum",
        "Seminarraum",
        RoomKind.ROOM,
        16,
        (
            "Bildschirm (65 Zoll) mit HDMI- und USB-C-Anschluss",
            "Whiteboard und Flipchart",
            "Konferenzkamera und Lautsprecher für hybride Treffen",
        ),
        "Für Workshops, Vorstandssitzungen und Gruppenangebote bis 16 Personen.",
    ),
    RoomSpec(
        "besprechungsraum",
        "Besprechungsraum",
        RoomKind.MEETING_ROOM,
        6,
        ("Bildschirm mit HDMI-Anschluss", "Telefon mit Konferenzfunktion"),
        "Ein ruhiger Raum für Beratungsgespräche und kleine Runden.",
    ),
    *(
        RoomSpec(
            f"co-working-platz-{n}",
            f"Co-Working-Platz {n}",
            RoomKind.DESK,
            1,
            (
                ("Höhenverstellbarer Schreibtisch" if n == 4 else "Schreibtisch"),
                "Monitor (27 Zoll) und Dockingstation",
                "WLAN und Zugang zum Netzwerkdrucker",
                "Abschließbarer Rollcontainer",
            ),
            "Ein Arbeitsplatz im offenen Büro für Vereine ohne eigene Räume – zum "
            "Antragschreiben, für die Buchhaltung oder Telefonate (Telefonkabine nebenan).",
            STEP_FREE + (" Der Schreibtisch lässt sich im Sitzen unterfahren." if n == 4 else ""),
        )
        for n in range(1, 5)
    ),
)


@dataclass(frozen=True)
class BookingSpec:
    room: str
    title: str
    organization: str
    day: datetime.date
    start: tuple[int, int]
    end: tuple[int, int]
    status: str
    attendees: int | None = None
    note: str = ""


def christmas_closure(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Christmas to New Year of this year (the days `events.on` skips as well)."""
    return datetime.date(today.year, 12, 24), datetime.date(today.year + 1, 1, 1)


def _closed(day: datetime.date, closures: list[tuple[datetime.date, datetime.date]]) -> bool:
    return any(first <= day <= last for first, last in closures)


def booking_specs(today: datetime.date) -> list[BookingSpec]:
    approved, requested = BookingStatus.APPROVED, BookingStatus.REQUESTED
    return [
        BookingSpec(
            "veranstaltungsraum",
            "Mitgliederversammlung",
            "Mriya – Ukrainische Familien in Altona e.V.",
            on(today, 9, 0),  # Monday
            (18, 0),
            (21, 0),
            approved,
            35,
            "Wir brauchen Reihenbestuhlung und den Beamer.",
        ),
        BookingSpec(
            "veranstaltungsraum",
            "Infoabend: Kita-Gründung als Elterninitiative",
            "Kurdisches Elternforum Wilhelmsburg e.V.",
            on(today, 24, 0),
            (17, 30),
            (20, 0),
            requested,
            30,
            "Mit Kinderbetreuung im Nebenraum, wenn möglich.",
        ),
        BookingSpec(
            "seminarraum",
            "Workshop Projektantrag BASFI",
            "Afghanischer Jugendverein Paiwand Harburg e.V.",
            on(today, 13, 3),  # Thursday
            (16, 0),
            (19, 0),
            requested,
            12,
        ),
        BookingSpec(
            "besprechungsraum",
            "Vorstandssitzung",
            "Afghanischer Jugendverein Paiwand Harburg e.V.",
            on(today, 6, 1),
            (18, 0),
            (20, 0),
            approved,
            5,
        ),
        BookingSpec(
            "co-working-platz-1",
            "Buchhaltung und Verwendungsnachweis",
            "Kurdisches Elternforum Wilhelmsburg e.V.",
            on(today, 5, 2),
            (9, 0),
            (15, 0),
            approved,
            1,
        ),
        BookingSpec(
            "co-working-platz-2",
            "Antrag beim „Auf Augenhöhe“-Fonds schreiben",
            "Mriya – Ukrainische Familien in Altona e.V.",
            on(today, 8, 4),
            (10, 0),
            (16, 0),
            requested,
            1,
        ),
        BookingSpec(
            "co-working-platz-4",
            "Telefonsprechstunde für Mitglieder",
            "Afghanischer Jugendverein Paiwand Harburg e.V.",
            on(today, 5, 3),
            (13, 0),
            (17, 0),
            approved,
            1,
        ),
    ]


# The weekly series: the Kurdish parents' forum holds its parents' café every Wednesday.
WEEKLY = BookingSpec(
    "seminarraum",
    "Elterncafé (wöchentlich)",
    "Kurdisches Elternforum Wilhelmsburg e.V.",
    datetime.date.min,  # replaced by each week's date
    (16, 0),
    (18, 0),
    BookingStatus.APPROVED,
    14,
    "Jeden Mittwoch, Tee und Austausch für Eltern; Kinder spielen im Nebenraum.",
)


def load_rooms(today: datetime.date | None = None) -> list[Room]:
    """Create or update KomMig's rooms, closure and bookings; returns the rooms."""
    today = today or timezone.localdate()
    agency = Agency.objects.get(slug=AGENCY)
    rooms = {}
    for spec in ROOMS:
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
                "location": LOCATION,
                "is_active": True,
            },
        )
        rooms[spec.slug] = room

    first, last = christmas_closure(today)
    Closure.objects.update_or_create(
        agency=agency,
        room=None,
        reason="Betriebsferien zwischen Weihnachten und Neujahr",
        defaults={"starts_on": first, "ends_on": last},
    )
    closures = [(first, last)]

    manager = get_user_model().objects.filter(email=people.cast().manager.email).first()
    specs = booking_specs(today)
    names = {s.organization for s in specs} | {WEEKLY.organization}
    organizations = {o.name: o for o in Organization.objects.filter(name__in=names)}
    for spec in specs:
        if _closed(spec.day, closures):
            continue
        Booking.objects.update_or_create(
            room=rooms[spec.room],
            title=spec.title,
            organization=organizations.get(spec.organization),
            event=None,
            defaults=_booking_fields(spec, spec.day, manager),
        )
    _load_weekly(rooms[WEEKLY.room], today, closures, organizations, manager)

    event = Event.objects.filter(slug=CLOSED_ROUND_TABLE).first()
    if event is not None:
        Booking.objects.update_or_create(
            room=rooms["seminarraum"],
            event=event,
            defaults={
                "title": event.title,
                "organization": None,
                "requested_by": event.created_by,
                "starts_at": event.starts_at - datetime.timedelta(minutes=30),
                "ends_at": event.ends_at + datetime.timedelta(minutes=30),
                "status": BookingStatus.APPROVED,
                "attendees": event.capacity,
                "note": "Mit 30 Minuten zum Auf- und Abbauen.",
                "decided_by": manager,
                "decided_at": timezone.now(),
            },
        )
    return list(rooms.values())


def _booking_fields(spec: BookingSpec, day: datetime.date, manager) -> dict:
    approved = spec.status == BookingStatus.APPROVED
    return {
        "starts_at": at(day, *spec.start),
        "ends_at": at(day, *spec.end),
        "status": spec.status,
        "attendees": spec.attendees,
        "note": spec.note,
        "decided_by": manager if approved else None,
        "decided_at": timezone.now() if approved else None,
    }


def _load_weekly(room: Room, today, closures, organizations, manager) -> None:
    """Six open Wednesdays from next week on; existing rows are moved.

    A closed Wednesday is skipped and the series runs a week longer instead, so the series has
    the same six bookings whichever day the demo is loaded on (in December the closure falls
    inside it, in November it does not).
    """
    days = []
    day = on(today, 7, 2)
    while len(days) < WEEKLY_WEEKS:
        if not _closed(day, closures):
            days.append(day)
        day += datetime.timedelta(weeks=1)
    existing = list(Booking.objects.filter(series=WEEKLY_SERIES).order_by("starts_at", "id"))
    for n, day in enumerate(days):
        fields = {
            "room": room,
            "title": WEEKLY.title,
            "organization": organizations.get(WEEKLY.organization),
            "series": WEEKLY_SERIES,
            **_booking_fields(WEEKLY, day, manager),
        }
        if n < len(existing):
            Booking.objects.filter(pk=existing[n].pk).update(**fields)
        else:
            Booking.objects.create(**fields)
    Booking.objects.filter(pk__in=[b.pk for b in existing[len(days) :]]).delete()
