"""What everyone reads: the events a person may see, the list's filters, one event's page.

The web list, the month calendar, the iCal feeds and the API all filter through `EventFilters`,
so a feed URL shows exactly the events of the page it was copied from.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time, timedelta

from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date

from gemeinsam.accounts.rules import is_platform_admin
from gemeinsam.core import content

from ..enums import EventFormat, EventKind, EventStatus
from ..models import Event, Speaker
from ..sql import registering_read

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
    """What a list row shows, in a fixed number of queries however many events there are: the
    titles in the reader's language too (one query more, none for a German reader)."""
    return content.prefetch(
        events.select_related("agency", "project").prefetch_related(
            "languages", "topics", "professions"
        )
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
