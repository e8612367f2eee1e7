"""Committee register rows for tests (the shared tests/factories.py stays as it is)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from gemeinsam.committees.enums import BodyLevel, CommitteeKind, MandateStatus, SeatRole
from gemeinsam.committees.models import Body, Committee, LegislativeTerm, Mandate, Meeting, Seat


def make_body(name="Bezirk Lichtenberg", slug="lichtenberg") -> Body:
    body, _created = Body.objects.get_or_create(
        slug=slug,
        defaults={"name": name, "level": BodyLevel.DISTRICT, "federal_state": "BE"},
    )
    return body


def make_committee(agency, name="Jugendhilfeausschuss", *, body=None, slug=None, **extra):
    body = body or make_body()
    values = {
        "agency": agency,
        "name": name,
        "kind": CommitteeKind.YOUTH_WELFARE,
        "legal_basis": "§ 71 SGB VIII",
        "seats_total": 15,
        "seats_voting": 10,
        **extra,
    }
    committee, _created = Committee.objects.get_or_create(
        body=body, slug=slug or name.lower().replace(" ", "-"), defaults=values
    )
    return committee


def make_term(committee, start=datetime.date(2021, 11, 4), end=datetime.date(2026, 10, 31)):
    return LegislativeTerm.objects.create(
        body=committee.body,
        name=f"Wahlperiode {start.year}–{end.year}",
        start_date=start,
        end_date=end,
    )


def make_seat(committee, label="Träger der freien Jugendhilfe 1", *, term=None, voting=True):
    return Seat.objects.create(
        committee=committee,
        label=label,
        proposing_body="Träger der freien Jugendhilfe",
        appointer="Bezirksverordnetenversammlung",
        term=term,
        voting_right=voting,
        position=committee.seats.count() + 1,
    )


def make_mandate(
    seat,
    name="Amina Yılmaz",
    *,
    organization=None,
    status=MandateStatus.INTEREST,
    role=SeatRole.MEMBER,
    **extra,
):
    return Mandate.objects.create(
        seat=seat, holder_name=name, organization=organization, status=status, role=role, **extra
    )


def make_meeting(committee, days_ahead=10, *, is_public=True, location="Rathaus Lichtenberg"):
    # 17:00 Berlin time on that day, whatever the hour the test runs at.
    day = timezone.localdate() + datetime.timedelta(days=days_ahead)
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(17, 0)))
    return Meeting.objects.create(
        committee=committee,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        location=location,
        is_public=is_public,
    )
