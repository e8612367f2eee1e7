"""Reads for the agency staff's event pages, each in a fixed number of queries.

Everything starts from `queries.events_of_agencies(user)`, so staff see only their agencies'
events (platform admins see all).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from gemeinsam.accounts.rules import is_platform_admin
from gemeinsam.agencies.models import Agency, Project
from gemeinsam.organizations.enums import OrganizationKind
from gemeinsam.organizations.models import Organization

from . import queries
from .enums import RegistrationStatus
from .models import Answer, Event, Registration


def agencies_for_events(user) -> QuerySet[Agency]:
    """The agencies the person may create events for."""
    agencies = Agency.objects.filter(is_active=True)
    if is_platform_admin(user):
        return agencies
    return agencies.filter(staff__user=user, staff__is_active=True).distinct()


def projects_of_agencies(user) -> QuerySet[Project]:
    if is_platform_admin(user):
        return Project.objects.all()
    return Project.objects.filter(
        agency__in=user.staff_memberships.filter(is_active=True).values("agency")
    )


def managed_events(user, *, past: bool = False, now=None) -> QuerySet[Event]:
    """The manage list: upcoming (soonest first) or past (latest first), with counts."""
    now = now or timezone.now()
    events = queries.events_of_agencies(user).select_related("agency", "project")
    events = events.annotate(
        waiting=Count("registrations", filter=Q(registrations__status="waitlisted")),
        pending=Count("registrations", filter=Q(registrations__status="pending")),
    )
    if past:
        return events.filter(ends_at__lt=now).order_by("-starts_at", "-id")
    return events.filter(ends_at__gte=now).order_by("starts_at", "id")


def participants(event: Event) -> QuerySet[Registration]:
    """An event's registrations with their organization, group and answers."""
    return (
        event.registrations.select_related("organization", "group")
        .prefetch_related(Prefetch("answers", queryset=Answer.objects.select_related("question")))
        .order_by("name", "id")
    )


def filter_participants(registrations: QuerySet[Registration], data: dict) -> QuerySet:
    if data.get("status"):
        registrations = registrations.filter(status=data["status"])
    if data.get("organization"):
        registrations = registrations.filter(organization_id=data["organization"])
    attended = data.get("attended")
    if attended == "yes":
        registrations = registrations.filter(attended=True)
    elif attended == "no":
        registrations = registrations.filter(attended=False)
    elif attended == "unknown":
        registrations = registrations.filter(attended__isnull=True)
    for word in (data.get("q") or "").split()[:5]:
        registrations = registrations.filter(Q(name__icontains=word) | Q(email__icontains=word))
    return registrations


def participant_organizations(event: Event) -> QuerySet[Organization]:
    """The organizations people registered for, for the filter's choices."""
    return (
        Organization.objects.filter(event_registrations__event=event)
        .distinct()
        .only("pk", "name")
        .order_by("name")
    )


def answers_by_question(registration: Registration) -> dict[int, str]:
    return {answer.question_id: answer.display for answer in registration.answers.all()}


# --- Figures ---------------------------------------------------------------------------------


@dataclass
class Figures:
    """The numbers funders ask for; see the figures page for what each one counts."""

    registrations: int = 0
    confirmed: int = 0
    attended: int = 0
    no_shows: int = 0
    organizations: int = 0
    migrant_organizations: int = 0

    @property
    def migrant_share(self) -> float | None:
        """Share of migrant organizations among the organizations reached, in percent."""
        if not self.organizations:
            return None
        return round(100 * self.migrant_organizations / self.organizations, 1)


def _figures_of(registrations: QuerySet[Registration], now) -> Figures:
    confirmed = Q(status=RegistrationStatus.CONFIRMED)
    counts = registrations.aggregate(
        n_registrations=Count("id"),
        n_confirmed=Count("id", filter=confirmed),
        n_attended=Count("id", filter=Q(attended=True)),
        n_no_shows=Count(
            "id",
            filter=confirmed
            & Q(event__ends_at__lt=now)
            & (Q(attended=False) | Q(attended__isnull=True)),
        ),
        n_organizations=Count("organization", filter=confirmed, distinct=True),
        n_migrant_organizations=Count(
            "organization",
            filter=confirmed & Q(organization__kind=OrganizationKind.MIGRANT_ORG),
            distinct=True,
        ),
    )
    # Named apart from the fields (`attended`), which an aggregate may not shadow.
    return Figures(**{name[2:]: value for name, value in counts.items()})


def event_figures(event: Event, now=None) -> Figures:
    return _figures_of(Registration.objects.filter(event=event), now or timezone.now())


def project_figures(project: Project, now=None) -> tuple[list[tuple[Event, Figures]], Figures]:
    """One row per event of the project, and the totals (organizations counted once)."""
    now = now or timezone.now()
    confirmed = Q(registrations__status=RegistrationStatus.CONFIRMED)
    events = project.events.select_related("agency").annotate(
        n_registrations=Count("registrations"),
        n_confirmed=Count("registrations", filter=confirmed),
        n_attended=Count("registrations", filter=Q(registrations__attended=True)),
        n_no_shows=Count(
            "registrations",
            filter=confirmed
            & Q(ends_at__lt=now)
            & (Q(registrations__attended=False) | Q(registrations__attended__isnull=True)),
        ),
        n_organizations=Count("registrations__organization", filter=confirmed, distinct=True),
        n_migrant=Count(
            "registrations__organization",
            filter=confirmed & Q(registrations__organization__kind=OrganizationKind.MIGRANT_ORG),
            distinct=True,
        ),
    )
    rows = [
        (
            event,
            Figures(
                registrations=event.n_registrations,
                confirmed=event.n_confirmed,
                attended=event.n_attended,
                no_shows=event.n_no_shows,
                organizations=event.n_organizations,
                migrant_organizations=event.n_migrant,
            ),
        )
        for event in events.order_by("starts_at", "id")
    ]
    total = _figures_of(Registration.objects.filter(event__project=project), now)
    return rows, total
