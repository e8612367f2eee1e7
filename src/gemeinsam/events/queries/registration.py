"""A signed-in person's own places at one event: their registration, the groups they booked, and
how many people their organizations registered."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from gemeinsam.organizations.models import Organization

from ..enums import ACTIVE_STATUSES
from ..models import Event, Registration, RegistrationGroup
from ..sql import waitlist_position


@dataclass
class OwnPlaces:
    """What the event's page tells a signed-in person about their places."""

    registration: Registration | None = None
    position: int | None = None  # on the waiting list
    groups: list[tuple[RegistrationGroup, list[Registration]]] = field(default_factory=list)
    organizations: list[tuple[Organization, int]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.registration or self.groups or self.organizations)


def places_of(user, event: Event) -> OwnPlaces:
    """The person's active registration (made while signed in), the groups they booked with
    their people, and per organization they act for the number of others registered for it.

    Only what the person made themselves links to a personal page: the others' pages belong to
    them, so an organization's registrations are counted, not linked. Three queries at most."""
    if user is None or not user.is_authenticated:
        return OwnPlaces()
    organizations = Organization.objects.acted_for_by(user).values("pk")
    rows = list(
        Registration.objects.filter(
            Q(user=user) | Q(group__booked_by=user) | Q(organization__in=organizations),
            event=event,
            status__in=ACTIVE_STATUSES,
        )
        .select_related("group", "organization")
        .order_by("id")
    )
    places = OwnPlaces()
    groups: dict[int, tuple[RegistrationGroup, list[Registration]]] = {}
    counted: dict[int, tuple[Organization, int]] = {}
    for row in rows:
        if row.group_id and row.group.booked_by_id == user.pk:
            groups.setdefault(row.group_id, (row.group, []))[1].append(row)
        elif row.user_id == user.pk and places.registration is None:
            places.registration = row
        elif row.organization_id:
            organization, count = counted.get(row.organization_id, (row.organization, 0))
            counted[row.organization_id] = (organization, count + 1)
    places.groups = list(groups.values())
    places.organizations = sorted(counted.values(), key=lambda pair: pair[0].name)
    if places.registration is not None:
        places.position = waitlist_position(places.registration)
    return places
