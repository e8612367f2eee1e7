"""Reads of the register that start from the person asking; the fetchers."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from gemeinsam.accounts.roles import may, roles_of
from gemeinsam.accounts.rules import is_platform_admin
from gemeinsam.agencies.models import Agency
from gemeinsam.organizations.models import Organization

from .enums import HOLDING, PENDING, REMINDER_DAYS
from .models import Body, Committee, LegislativeTerm, Mandate, Meeting, Seat


def staff_agency_ids(user) -> set[int]:
    return set(roles_of(user).agencies)


def committees_for_list(body: str = "") -> QuerySet[Committee]:
    """Active committees with their body and seat count, in the reader's language (two
    queries; one for German)."""
    committees = (
        Committee.objects.filter(is_active=True, agency__is_active=True)
        .select_related("body", "agency")
        .annotate(seats_listed=Count("seats"))
        .order_by("body__name", "name")
    )
    if body:
        committees = committees.filter(body__slug=body)
    return committees


def committees_visible_to(user) -> QuerySet[Committee]:
    """Active committees for everyone; inactive ones too for their agency's staff."""
    committees = Committee.objects.filter(agency__is_active=True).select_related("body", "agency")
    if is_platform_admin(user):
        return committees
    return committees.filter(Q(is_active=True) | Q(agency_id__in=staff_agency_ids(user)))


def committees_managed_by(user) -> QuerySet[Committee]:
    if is_platform_admin(user):
        return Committee.objects.all()
    if not user.is_authenticated:
        return Committee.objects.none()
    return Committee.objects.filter(agency_id__in=staff_agency_ids(user))


def committee_for(user, body: str, slug: str, perm: str | None = None) -> Committee:
    """A committee the person sees (else 404), and may act on with `perm` (else 403)."""
    committee = get_object_or_404(committees_visible_to(user), body__slug=body, slug=slug)
    if perm and not may(user, perm, committee):
        raise PermissionDenied
    return committee


def mandates_visible_to(user) -> QuerySet[Mandate]:
    mandates = Mandate.objects.select_related(
        "seat", "seat__committee", "seat__committee__agency", "seat__committee__body"
    )
    if is_platform_admin(user):
        return mandates
    if not user.is_authenticated:
        return mandates.none()
    roles = roles_of(user)
    return mandates.filter(
        Q(seat__committee__agency_id__in=set(roles.agencies))
        | Q(organization_id__in=set(roles.organizations))
    )


def mandate_for(user, pk: int, perm: str | None = None) -> Mandate:
    mandate = get_object_or_404(mandates_visible_to(user), pk=pk)
    if perm and not may(user, perm, mandate):
        raise PermissionDenied
    return mandate


def mandates_of_organization(user, organization) -> QuerySet[Mandate]:
    """The organization's mandates the person may see (the keeping agencies' staff, its
    members), on their way or holding, in one query."""
    return (
        mandates_visible_to(user)
        .filter(organization=organization, status__in=(*PENDING, *HOLDING))
        .order_by("seat__committee__name", "seat__position", "role", "id")
    )


def seats_with_holders(committee: Committee) -> list[Seat]:
    """The committee's seats, each with `holders` (appointed, in role order) and its term: two
    queries."""
    holding = Mandate.objects.filter(status__in=HOLDING).select_related("organization")
    return list(
        committee.seats.select_related("term").prefetch_related(
            Prefetch("mandates", queryset=holding.order_by("role", "id"), to_attr="holders")
        )
    )


def pipeline(committee: Committee) -> QuerySet[Mandate]:
    """Every mandate of the committee that is on its way or holding, for its agency's staff."""
    return (
        Mandate.objects.filter(seat__committee=committee, status__in=(*PENDING, *HOLDING))
        .select_related("seat", "seat__term", "organization")
        .order_by("seat__position", "seat_id", "role", "status", "id")
    )


def upcoming_meetings(committee: Committee, now: datetime.datetime | None = None):
    return committee.meetings.filter(ends_at__gte=now or timezone.now()).order_by("starts_at")


def calendar_meetings(committee: Committee) -> QuerySet[Meeting]:
    """The public meetings of the last year and all to come."""
    since = timezone.now() - datetime.timedelta(days=365)
    return committee.meetings.filter(is_public=True, starts_at__gte=since).order_by("starts_at")


def terms_of(committee: Committee) -> QuerySet[LegislativeTerm]:
    return LegislativeTerm.objects.filter(
        Q(committee=committee) | Q(body_id=committee.body_id, committee__isnull=True)
    ).order_by("start_date")


def bodies_with_committees() -> QuerySet[Body]:
    return Body.objects.filter(committees__is_active=True).distinct().order_by("name")


def ending_soon(today: datetime.date) -> QuerySet[Mandate]:
    """Holders whose seat's term ends within `REMINDER_DAYS` days from `today` (not today or
    before): the day the reminder is due, and the days after it when a sweep was missed."""
    last = today + datetime.timedelta(days=REMINDER_DAYS)
    return (
        Mandate.objects.filter(
            status__in=HOLDING,
            seat__term__end_date__gt=today,
            seat__term__end_date__lte=last,
            seat__committee__is_active=True,
        )
        .select_related("seat", "seat__term", "seat__committee", "seat__committee__agency")
        .order_by("seat__term__end_date", "id")
    )


def agencies_keeping(user) -> QuerySet[Agency]:
    """The active agencies whose register the person may add to (staff; every one for admins)."""
    agencies = Agency.objects.filter(is_active=True).order_by("name")
    if is_platform_admin(user):
        return agencies
    return agencies.filter(pk__in=staff_agency_ids(user))


def organizations_of(user) -> QuerySet[Organization]:
    """The organizations the person is an active member of (for their paths to a seat)."""
    ids = set(roles_of(user).organizations)
    return Organization.objects.filter(pk__in=ids).order_by("name") if ids else []
