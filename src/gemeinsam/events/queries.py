"""Reads of events that start from the person asking, and the list's filters.

The web list, the month calendar, the iCal feeds and the API all filter through `EventFilters`,
so a feed URL shows exactly the events of the page it was copied from.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.dateparse import parse_date

from gemeinsam.accounts.rules import is_platform_admin
from gemeinsam.agencies.models import Agency, Project
from gemeinsam.organizations.enums import OrganizationKind
from gemeinsam.organizations.models import Organization

from .enums import EventFormat, EventKind, EventStatus, RegistrationStatus
from .models import Answer, Event, Registration, Speaker
from .sql import registering_read

EARLIEST, LATEST = date(1900, 1, 1), date(9000, 12, 31)


@dataclasses.dataclass
class EventFilters:
    """What the visitor narrowed the list to; every list field takes several values (OR)."""

    kind: list[str] = dataclasses.field(default_factory=list)
    format: list[str] = dataclasses.field(default_factory=list)
    topic: list[str] = dataclasses.field(default_factory=list)
    field: list[str] = dataclasses.field(default_factory=list)
    target_group: list[str] = dataclasses.field(default_factory=list)
    profession: list[str] = dataclasses.field(default_factory=list)
    language: list[str] = dataclasses.field(default_factory=list)
    state: list[str] = dataclasses.field(default_factory=list)
    agency: list[str] = dataclasses.field(default_factory=list)
    project: list[str] = dataclasses.field(default_factory=list)
    date_from: date | None = None
    date_to: date | None = None
    places_left: bool = False
    q: str = ""

    LIST_FIELDS = (
        "kind",
        "format",
        "topic",
        "field",
        "target_group",
        "profession",
        "language",
        "state",
        "agency",
        "project",
    )

    @classmethod
    def from_query(cls, data) -> EventFilters:
        """Parse GET parameters; values that make no sense are dropped, never an error page."""
        values = {}
        for name in cls.LIST_FIELDS:
            getter = getattr(data, "getlist", None)
            raw = getter(name) if getter else data.get(name) or []
            if isinstance(raw, str):
                raw = [raw]
            values[name] = [v.strip()[:80] for v in raw if v and v.strip()][:20]
        values["kind"] = [v for v in values["kind"] if v in EventKind.values]
        values["format"] = [v for v in values["format"] if v in EventFormat.values]
        for name in ("date_from", "date_to"):
            try:
                day = parse_date((data.get(name) or "").strip()[:10])
            except ValueError:
                day = None
            # Far-off years would overflow the time-zone arithmetic; nobody plans that far.
            values[name] = day if day and EARLIEST <= day <= LATEST else None
        values["places_left"] = (data.get("places_left") or "") in ("1", "true", "on", "yes")
        values["q"] = (data.get("q") or "").strip()[:100]
        return cls(**values)

    def is_empty(self) -> bool:
        return not any(getattr(self, f.name) for f in dataclasses.fields(self))

    def as_query(self) -> list[tuple[str, str]]:
        """Back to GET parameters (for feed links and pagination)."""
        pairs = []
        for name in self.LIST_FIELDS:
            pairs += [(name, v) for v in getattr(self, name)]
        for name in ("date_from", "date_to"):
            if getattr(self, name):
                pairs.append((name, getattr(self, name).isoformat()))
        if self.places_left:
            pairs.append(("places_left", "1"))
        if self.q:
            pairs.append(("q", self.q))
        return pairs


def events_visible_to(user) -> QuerySet[Event]:
    """Published and cancelled events for everyone; drafts for their agency's staff and admins."""
    if user is not None and is_platform_admin(user):
        return Event.objects.all()
    shown = ~Q(status=EventStatus.DRAFT)
    if user is not None and user.is_authenticated:
        shown |= Q(agency__staff__user=user, agency__staff__is_active=True)
        return Event.objects.filter(pk__in=Event.objects.filter(shown).values("pk"))
    return Event.objects.filter(shown)


def event_to_register(user, event_id: int) -> Event | None:
    """The event as registering reads it, if `user` may see it: `REGISTRATION_FIELDS` and
    `asks`, whether it has questions (so that one without any is read in one query). The row
    answers who sees it, as `events_visible_to` would: only a draft has to ask the database."""
    event = registering_read(event_id, asks=True)
    if event is None:
        return None
    if event.status == EventStatus.DRAFT and not (
        user is not None and events_visible_to(user).filter(pk=event.pk).exists()
    ):
        return None
    return event


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def apply_filters(events: QuerySet[Event], filters: EventFilters) -> QuerySet[Event]:
    if filters.kind:
        events = events.filter(kind__in=filters.kind)
    if filters.format:
        events = events.filter(format__in=filters.format)
    for name, lookup in [
        ("topic", "topics__code__in"),
        ("field", "fields__code__in"),
        ("target_group", "target_groups__code__in"),
        ("profession", "professions__code__in"),
        ("language", "languages__code__in"),
    ]:
        values = getattr(filters, name)
        if values:
            events = events.filter(pk__in=Event.objects.filter(**{lookup: values}).values("pk"))
    if filters.state:
        events = events.filter(federal_state__in=filters.state)
    if filters.agency:
        events = events.filter(agency__slug__in=filters.agency)
    if filters.project:
        events = events.filter(project__slug__in=filters.project)
    if filters.date_from:
        events = events.filter(ends_at__gte=_day_start(filters.date_from))
    if filters.date_to:
        events = events.filter(starts_at__lt=_day_start(filters.date_to + timedelta(days=1)))
    if filters.places_left:
        events = events.filter(
            Q(capacity__isnull=True) | Q(capacity__gt=F("seats_taken")),
            registration_required=True,
        )
    if filters.q:
        for word in filters.q.split()[:5]:
            events = events.filter(
                Q(title__icontains=word) | Q(summary__icontains=word) | Q(city__icontains=word)
            )
    return events


def for_listing(events: QuerySet[Event]) -> QuerySet[Event]:
    """What a list row shows, in a fixed number of queries however many events there are."""
    return events.select_related("agency", "project").prefetch_related(
        "languages", "topics", "professions"
    )


def upcoming(user, filters: EventFilters | None = None, now=None) -> QuerySet[Event]:
    """Events not yet over (or in the filter's date range), soonest first."""
    events = events_visible_to(user)
    filters = filters or EventFilters()
    if not filters.date_from:
        events = events.filter(ends_at__gte=now or timezone.now())
    return for_listing(apply_filters(events, filters)).order_by("starts_at", "id")


def event_page(user) -> QuerySet[Event]:
    """One event with everything its page shows."""
    return (
        events_visible_to(user)
        .select_related("agency", "project", "host_organization")
        .prefetch_related(
            "languages",
            "interpretation",
            "target_groups",
            "fields",
            "topics",
            "professions",
            "documents",
            Prefetch("speakers", queryset=Speaker.objects.select_related("organization")),
        )
    )


def events_of_agencies(user) -> QuerySet[Event]:
    """Every event (drafts too) of the agencies the person works for; all for admins."""
    if is_platform_admin(user):
        return Event.objects.all()
    return Event.objects.filter(
        agency__in=user.staff_memberships.filter(is_active=True).values("agency")
    )


def event_for(user, slug: str, perm: str) -> Event:
    """What every staff page of an event does first: the event, fetched through the person.

    Someone who works for another agency (or for none) gets 404, so outsiders never learn that
    an event exists; someone who sees it without the permission gets 403.
    """
    events = events_of_agencies(user).select_related("agency", "project")
    event = get_object_or_404(events, slug=slug)
    if not user.has_perm(perm, event):
        raise PermissionDenied
    return event


# --- The agency staff's event pages, each in a fixed number of queries ----------------------


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
    events = events_of_agencies(user).select_related("agency", "project")
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
