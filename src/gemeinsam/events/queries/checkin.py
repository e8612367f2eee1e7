"""The figures of an event and of a project, for funders: who registered, who came, which
organizations were reached."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from gemeinsam.agencies.models import Project
from gemeinsam.organizations.enums import OrganizationKind

from ..enums import RegistrationStatus
from ..models import Event, Registration


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
