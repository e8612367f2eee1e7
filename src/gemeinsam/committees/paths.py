"""The path to a seat: for one organization, which seats of the register it could seek and what
is missing, from its directory facts (its recognitions).

- A seat open to everyone: the organization may be proposed (`open`).
- A seat that needs a recognition the organization holds, current: it may be proposed
  (`ready`), e.g. a recognised provider (§ 75 SGB VIII) for the free providers' seats of a
  youth-welfare committee.
- A § 75 seat, for a member of a welfare association without its own recognition: the indirect
  route through the association, which proposes for its members (`indirect`).
- Otherwise the recognition is missing (`missing`), named with its label.

Seats already held by the organization are left out; vacant seats come first.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from gemeinsam.organizations.models import Organization, Recognition

from .enums import HOLDING
from .models import Mandate, Seat

YOUTH_WELFARE_75 = "youth_welfare_75"
WELFARE_ASSOCIATION = "welfare_association"


@dataclass(frozen=True)
class SeatPath:
    seat: Seat
    route: str  # open, ready, indirect, missing
    vacant: bool
    missing: object = None  # the RecognitionType the organization lacks


def current_recognitions(organization: Organization) -> set[str]:
    today = timezone.localdate()
    rows = Recognition.objects.filter(organization=organization).select_related("type")
    return {r.type.code for r in rows if r.valid_until is None or r.valid_until >= today}


def _route(seat: Seat, held: set[str]) -> str:
    needed = seat.requires_recognition
    if needed is None:
        return "open"
    if needed.code in held:
        return "ready"
    if needed.code == YOUTH_WELFARE_75 and WELFARE_ASSOCIATION in held:
        return "indirect"
    return "missing"


def paths_for(organization: Organization) -> list[SeatPath]:
    """Every seat of an active committee the organization does not hold, with its route: three
    queries (recognitions, seats with their committees, their holders)."""
    held = current_recognitions(organization)
    holding = Mandate.objects.filter(status__in=HOLDING)
    seats = (
        Seat.objects.filter(committee__is_active=True, committee__agency__is_active=True)
        .select_related("committee", "committee__body", "requires_recognition", "term")
        .prefetch_related(Prefetch("mandates", queryset=holding, to_attr="holders"))
        .order_by("committee__body__name", "committee__name", "position", "id")
    )
    found = []
    for seat in seats:
        if any(m.organization_id == organization.pk for m in seat.holders):
            continue
        route = _route(seat, held)
        found.append(
            SeatPath(
                seat=seat,
                route=route,
                vacant=not seat.holders,
                missing=seat.requires_recognition if route == "missing" else None,
            )
        )
    return sorted(found, key=lambda p: not p.vacant)
