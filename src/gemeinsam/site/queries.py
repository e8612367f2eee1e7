"""What "My page" shows each role, read from the domain apps (the top floor may read them all).

Every list is short and cut (`LIMIT`): the dashboard points to the full lists in each app. Each
function runs a fixed number of queries, whatever the person has (tests/site/test_dashboard.py).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from gemeinsam.accounts.roles import roles_of
from gemeinsam.agencies.enums import StaffRole
from gemeinsam.agencies.models import Project
from gemeinsam.counselling.enums import CaseStatus, RequestStatus
from gemeinsam.counselling.models import Appointment, Case, Request, Task
from gemeinsam.events.enums import ACTIVE_STATUSES, EventStatus, RegistrationStatus
from gemeinsam.events.models import Event, Registration
from gemeinsam.funding.models import WatchedProgramme
from gemeinsam.organizations.models import Organization
from gemeinsam.rooms.enums import BookingStatus
from gemeinsam.rooms.models import Booking

LIMIT = 5
# Tasks due within this many days count as "due" on the advisor's page (and every overdue one).
TASKS_AHEAD = datetime.timedelta(days=7)


@dataclass(frozen=True)
class Coming:
    """An event still to come with the person's own place (if any) and their organizations'."""

    event: Event
    own: Registration | None
    others: list[Registration]


def upcoming_registrations(user, now: datetime.datetime | None = None) -> list[Coming]:
    """Events still to come where the person or their organizations hold places, soonest
    first, each event once."""
    now = now or timezone.now()
    organizations = Organization.objects.acted_for_by(user).values("pk")
    rows = (
        Registration.objects.filter(
            Q(user=user) | Q(organization__in=organizations),
            status__in=ACTIVE_STATUSES,
            event__ends_at__gte=now,
        )
        .select_related("event", "organization")
        .order_by("event__starts_at", "event_id", "pk")[: LIMIT * 4]
    )
    events: dict[int, dict] = {}
    for row in rows:
        found = events.setdefault(row.event_id, {"event": row.event, "own": None, "others": []})
        if row.user_id == user.pk and found["own"] is None:
            found["own"] = row
        else:
            found["others"].append(row)
    return [Coming(**found) for found in events.values()][:LIMIT]


def upcoming_bookings(user, now: datetime.datetime | None = None) -> list[Booking]:
    """The person's room requests and bookings still to come."""
    now = now or timezone.now()
    return list(
        Booking.objects.filter(
            requested_by=user,
            ends_at__gte=now,
            status__in=[BookingStatus.REQUESTED, BookingStatus.APPROVED],
        )
        .select_related("room")
        .order_by("starts_at", "pk")[:LIMIT]
    )


def counselling_of(user) -> dict[str, int]:
    """How many of the person's requests wait for an answer, and how many cases are open."""
    return Request.objects.filter(requested_by=user).aggregate(
        waiting=Count("pk", filter=Q(status=RequestStatus.NEW)),
        open_cases=Count("case", filter=Q(case__status=CaseStatus.OPEN)),
    )


@dataclass(frozen=True)
class Deadline:
    watch: WatchedProgramme
    on: datetime.date


def watched_deadlines(user, today: datetime.date | None = None) -> list[Deadline]:
    """The next deadline of each programme the person watches, soonest first."""
    today = today or timezone.localdate()
    watches = WatchedProgramme.objects.filter(user=user).select_related("programme")
    found = [Deadline(w, w.programme.next_deadline(today)) for w in watches]
    return sorted((d for d in found if d.on is not None), key=lambda d: d.on)[:LIMIT]


def due_tasks(user, today: datetime.date | None = None) -> list[Task]:
    """Open tasks assigned to the person on open cases, overdue or due within a week."""
    today = today or timezone.localdate()
    return list(
        Task.objects.filter(
            assignee=user,
            done_at__isnull=True,
            due_on__lte=today + TASKS_AHEAD,
            case__status=CaseStatus.OPEN,
        )
        .select_related("case")
        .order_by("due_on", "pk")[: LIMIT * 2]
    )


def appointments_today(user, now: datetime.datetime | None = None) -> list[Appointment]:
    """The person's appointments of today (Berlin time) not cancelled, in order."""
    local = timezone.localtime(now or timezone.now())
    start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    end = timezone.make_aware(
        datetime.datetime.combine(start.date() + datetime.timedelta(days=1), datetime.time())
    )
    return list(
        Appointment.objects.filter(
            advisor=user, cancelled_at__isnull=True, starts_at__gte=start, starts_at__lt=end
        )
        .select_related("case")
        .order_by("starts_at", "pk")
    )


def new_requests(user) -> int:
    """New requests waiting in the intake of the person's agencies."""
    agencies = list(roles_of(user).agencies)
    if not agencies:
        return 0
    return Request.objects.filter(agency__in=agencies, status=RequestStatus.NEW).count()


@dataclass(frozen=True)
class ProjectFigures:
    project: Project
    events: int
    participants: int
    attended: int
    cases: int
    open_cases: int


def running_projects(user, today: datetime.date | None = None) -> list[ProjectFigures]:
    """For a manager: the figures of their agencies' projects running today."""
    today = today or timezone.localdate()
    managed = [a for a, roles in roles_of(user).agencies.items() if StaffRole.MANAGER in roles]
    if not managed:
        return []
    projects = _running(managed, today)
    events = dict(
        Event.objects.filter(project__in=projects)
        .exclude(status=EventStatus.CANCELLED)
        .values_list("project")
        .annotate(n=Count("pk"))
    )
    people = {
        row["event__project"]: row
        for row in Registration.objects.filter(
            event__project__in=projects, status=RegistrationStatus.CONFIRMED
        )
        .values("event__project")
        .annotate(n=Count("pk"), attended=Count("pk", filter=Q(checked_in_at__isnull=False)))
    }
    cases = {
        row["project"]: row
        for row in Case.objects.filter(project__in=projects)
        .values("project")
        .annotate(n=Count("pk"), open=Count("pk", filter=Q(status=CaseStatus.OPEN)))
    }
    return [
        ProjectFigures(
            project=p,
            events=events.get(p.pk, 0),
            participants=people.get(p.pk, {}).get("n", 0),
            attended=people.get(p.pk, {}).get("attended", 0),
            cases=cases.get(p.pk, {}).get("n", 0),
            open_cases=cases.get(p.pk, {}).get("open", 0),
        )
        for p in projects
    ]


def _running(agency_ids: list[int], today: datetime.date) -> list[Project]:
    running: QuerySet[Project] = Project.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today), agency__in=agency_ids, starts_on__lte=today
    )
    return list(running.select_related("agency").order_by("ends_on", "title")[:LIMIT])
