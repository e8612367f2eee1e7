"""Berlin-Lichtenberg's committees kept by VIA Berlin/Brandenburg (seed 003: VIA coaches MO
representatives for municipal committees), from data/committees.yaml.

The body is keyed by its slug, a term by (body, name), a committee by (body, slug), a seat by
(committee, label) and a mandate by (seat, person, role). Terms are given relative to the day
the demo is loaded, so the youth-welfare committee's term always ends within the reminder's 60
days and the integration council's has always ended (its holders stay on until successors are
appointed). Meetings are updated in place by their order, keeping their calendar ids.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from gemeinsam.agencies.models import Agency
from gemeinsam.committees.enums import BodyLevel, CommitteeKind, MandateStatus, SeatRole
from gemeinsam.committees.models import Body, Committee, LegislativeTerm, Mandate, Meeting, Seat
from gemeinsam.core import content
from gemeinsam.organizations.models import Organization, RecognitionType

from . import records
from .events_texts import Language


@dataclass(frozen=True)
class BodySpec:
    slug: str
    name: str
    level: BodyLevel
    federal_state: str = ""
    short_name: str = ""
    ags: str = ""
    website: str = ""


@dataclass(frozen=True)
class TermSpec:
    name: str
    started_days_ago: int
    ends_in_days: int


@dataclass(frozen=True)
class MandateSpec:
    person: str
    status: MandateStatus
    role: SeatRole = SeatRole.MEMBER
    organization: str = ""  # the directory's name
    meetings_attended: int = 0
    reports_given: int = 0
    note: str = ""


@dataclass(frozen=True)
class SeatSpec:
    label: str
    proposing_body: str
    appointer: str
    term: str
    voting_right: bool = True
    requires_recognition: str = ""  # a recognition type's code
    mandates: tuple[MandateSpec, ...] = ()


@dataclass(frozen=True)
class CommitteeText:
    name: str = ""
    description: str = ""


@dataclass(frozen=True)
class CommitteeSpec:
    slug: str
    name: str
    kind: CommitteeKind
    legal_basis: str
    seats_total: int
    seats_voting: int
    description: str
    location: str
    meeting_time: datetime.time
    meetings_in_days: tuple[int, ...]
    seats: tuple[SeatSpec, ...]
    translations: dict[Language, CommitteeText] = field(default_factory=dict)


@dataclass(frozen=True)
class Committees:
    agency: str
    body: BodySpec
    terms: tuple[TermSpec, ...]
    committees: tuple[CommitteeSpec, ...]


def committees_data() -> Committees:
    return records.load("committees", _build)


def _build(where: records.Where, value: Any) -> Committees:
    found = records.record(Committees, value, where)
    terms = {t.name for t in found.terms}
    for c in found.committees:
        if len(c.seats) > c.seats_total:
            raise where.at(c.slug).error(f"{len(c.seats)} seats for {c.seats_total} statutory")
        for seat in c.seats:
            if seat.term not in terms:
                raise where.at(c.slug).at(seat.label).error(f"no term is named {seat.term!r}")
    return found


def load(today: datetime.date | None = None) -> list[Committee]:
    """Create or update the body, its terms, committees, seats, mandates and meetings."""
    today = today or timezone.localdate()
    data = committees_data()
    agency = Agency.objects.get(slug=data.agency)
    spec = data.body
    body, _ = Body.objects.update_or_create(
        slug=spec.slug,
        defaults={
            "name": spec.name,
            "level": spec.level,
            "federal_state": spec.federal_state,
            "short_name": spec.short_name,
            "ags": spec.ags,
            "website": spec.website,
        },
    )
    terms = {
        t.name: LegislativeTerm.objects.update_or_create(
            body=body,
            name=t.name,
            defaults={
                "start_date": today - datetime.timedelta(days=t.started_days_ago),
                "end_date": today + datetime.timedelta(days=t.ends_in_days),
            },
        )[0]
        for t in data.terms
    }
    return [_committee(agency, body, terms, c, today) for c in data.committees]


def _committee(agency, body, terms, spec: CommitteeSpec, today) -> Committee:
    committee, _ = Committee.objects.update_or_create(
        body=body,
        slug=spec.slug,
        defaults={
            "agency": agency,
            "name": spec.name,
            "kind": spec.kind,
            "legal_basis": spec.legal_basis,
            "seats_total": spec.seats_total,
            "seats_voting": spec.seats_voting,
            "description": spec.description,
            "is_active": True,
        },
    )
    for language, text in spec.translations.items():
        values = {"name": text.name, "description": text.description}
        content.set_texts(committee, language, {k: v for k, v in values.items() if v})
    for position, seat_spec in enumerate(spec.seats, 1):
        seat, _ = Seat.objects.update_or_create(
            committee=committee,
            label=seat_spec.label,
            defaults={
                "proposing_body": seat_spec.proposing_body,
                "appointer": seat_spec.appointer,
                "term": terms[seat_spec.term],
                "voting_right": seat_spec.voting_right,
                "requires_recognition": (
                    RecognitionType.objects.get(code=seat_spec.requires_recognition)
                    if seat_spec.requires_recognition
                    else None
                ),
                "position": position,
            },
        )
        for m in seat_spec.mandates:
            _mandate(seat, terms[seat_spec.term], m)
    _meetings(committee, spec, today)
    return committee


def _mandate(seat: Seat, term: LegislativeTerm, spec: MandateSpec) -> None:
    organization = Organization.objects.get(name=spec.organization) if spec.organization else None
    holding = spec.status in (MandateStatus.APPOINTED, MandateStatus.REPORTED)
    Mandate.objects.update_or_create(
        seat=seat,
        holder_name=spec.person,
        role=spec.role,
        defaults={
            "organization": organization,
            "status": spec.status,
            "appointed_on": term.start_date if holding else None,
            "meetings_attended": spec.meetings_attended,
            "reports_given": spec.reports_given,
            "note": spec.note,
        },
    )


def _meetings(committee: Committee, spec: CommitteeSpec, today: datetime.date) -> None:
    existing = list(committee.meetings.order_by("id"))
    for n, days in enumerate(spec.meetings_in_days):
        day = today + datetime.timedelta(days=days)
        starts = timezone.make_aware(datetime.datetime.combine(day, spec.meeting_time))
        values = {
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=2),
            "location": spec.location,
        }
        if n < len(existing):
            Meeting.objects.filter(pk=existing[n].pk).update(**values)
        else:
            Meeting.objects.create(committee=committee, **values)
