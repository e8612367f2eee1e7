"""Reads that start from the person asking. A case or request someone may not see is simply not
in their queryset, so views answer 404 and outsiders never learn that it exists."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from gemeinsam.agencies.models import Agency
from gemeinsam.organizations.models import Organization

from .enums import CaseStatus, RequestStatus
from .models import Appointment, Case, Document, Request, Session, Task
from .rules import _staff_agency_ids


def own_organizations(user) -> QuerySet[Organization]:
    """The organizations a logged-in person acts for (active memberships only): the ones a
    request may name, on the form and in the API."""
    if user is None or not user.is_authenticated:
        return Organization.objects.none()
    return Organization.objects.acted_for_by(user).order_by("name", "id")


def staff_agencies(user) -> QuerySet[Agency]:
    return Agency.objects.filter(pk__in=_staff_agency_ids(user)).order_by("name")


def cases_visible_to(user) -> QuerySet[Case]:
    """Cases of the agencies the person works for (a forwarded case belongs to its new agency)."""
    return Case.objects.filter(agency_id__in=_staff_agency_ids(user))


def case_list(user, *, agency=None, status=CaseStatus.OPEN, mine=False, q="") -> QuerySet[Case]:
    """The advisors' case list: a constant number of queries however many cases there are.

    Nothing joins or groups the whole table: the session count is a subquery worked out for the
    rows of the page only, and a search word matches the title or (through an `IN` subquery)
    an organization's name, so no DISTINCT is needed. Each word must match.
    """
    cases = cases_visible_to(user)
    if agency is not None:
        cases = cases.filter(agency=agency)
    if status:
        cases = cases.filter(status=status)
    if mine:
        cases = cases.filter(advisors=user)
    for word in q.split()[:5]:
        named = Case.organizations.through.objects.filter(
            organization__name__icontains=word
        ).values("case_id")
        cases = cases.filter(Q(title__icontains=word) | Q(pk__in=named))
    sessions = (
        Session.objects.filter(case=OuterRef("pk"))
        .order_by()
        .values("case")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        cases.select_related("agency", "project", "language")
        .prefetch_related("organizations", "advisors", "topics")
        .annotate(session_count=Coalesce(Subquery(sessions), 0))
        .order_by("-opened_on", "-id")
    )


def requests_visible_to(user) -> QuerySet[Request]:
    agencies = _staff_agency_ids(user)
    if not agencies:
        return Request.objects.none()
    return Request.objects.filter(Q(agency_id__in=agencies) | Q(agency__isnull=True))


def intake_queue(agency, *, status=RequestStatus.NEW) -> QuerySet[Request]:
    """The agency's queue, plus requests from regions no agency covers (any agency may take them).
    The view has checked `counselling.view_intake` for the agency."""
    requests = Request.objects.filter(Q(agency=agency) | Q(agency__isnull=True))
    if status:
        requests = requests.filter(status=status)
    return (
        requests.select_related("contact", "organization", "language", "agency")
        .prefetch_related("topics", "suggested_advisors")
        .order_by("created_at", "id")
    )


def requests_of(user) -> QuerySet[Request]:
    """A person's own requests, however they were made (logged in, or with their email)."""
    if not (user and user.is_authenticated):
        return Request.objects.none()
    return (
        Request.objects.filter(Q(requested_by=user) | Q(contact__user=user))
        .select_related("agency", "organization")
        .prefetch_related("topics")
        .distinct()
    )


def cases_shared_with(user) -> QuerySet[Case]:
    """Cases of the person's organizations, or on which they are a contact person."""
    if not (user and user.is_authenticated):
        return Case.objects.none()
    return (
        Case.objects.filter(
            Q(organizations__in=Organization.objects.acted_for_by(user)) | Q(contacts__user=user)
        )
        .distinct()
        .select_related("agency")
    )


def shared_timeline(case: Case) -> dict:
    """What a case's organization sees: appointments, next steps, shared tasks and documents.
    Never internal notes, session summaries or unshared documents."""
    return {
        "appointments": list(
            case.appointments.filter(cancelled_at__isnull=True).order_by("starts_at")
        ),
        "next_steps": list(
            case.sessions.exclude(next_steps="").only("held_on", "next_steps", "case_id")
        ),
        "tasks": list(case.tasks.filter(is_shared=True)),
        "documents": list(case.documents.filter(is_shared=True)),
    }


def case_detail(user, pk: int) -> Case:
    """One case with what its page needs; raises Case.DoesNotExist for outsiders."""
    return (
        cases_visible_to(user)
        .select_related("agency", "project", "language", "request", "template")
        .prefetch_related(
            "organizations",
            "contacts",
            "advisors",
            "topics",
            Prefetch("tasks", queryset=Task.objects.select_related("assignee")),
            Prefetch("sessions", queryset=Session.objects.defer("summary")),
            Prefetch("documents", queryset=Document.objects.select_related("uploaded_by")),
            "outcomes",
            Prefetch("appointments", queryset=Appointment.objects.select_related("advisor")),
            "forwardings__from_agency",
            "forwardings__to_agency",
            "break_glass__user",
        )
        .get(pk=pk)
    )


def expired_cases(today: datetime.date | None = None):
    """Closed cases whose retention period (`GEMEINSAM_CASE_RETENTION_DAYS` after closing) is
    over and that are not anonymised yet."""
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=settings.GEMEINSAM_CASE_RETENTION_DAYS)
    return Case.objects.filter(
        status=CaseStatus.CLOSED, closed_on__lte=cutoff, anonymised_at__isnull=True
    )
