"""Reads of calls, applications and tandems that start from the person asking; the fetchers
every view starts with (an outsider gets 404, too little right 403)."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from gemeinsam.accounts.roles import may, roles_of
from gemeinsam.accounts.rules import is_platform_admin
from gemeinsam.organizations.models import FieldOfActivity, Organization

from .enums import ApplicationStatus, PartnerAnswer
from .models import Tandem, TandemApplication, TandemCall


def _agency_ids(user) -> set[int]:
    return set(roles_of(user).agencies)


def _organization_ids(user) -> set[int]:
    return set(roles_of(user).organizations)


def open_calls(today: datetime.date) -> QuerySet[TandemCall]:
    """Published calls of active agencies that take applications today, soonest deadline
    first, with their agency and fields (three queries)."""
    return (
        TandemCall.objects.filter(
            is_published=True, agency__is_active=True, opens_on__lte=today, closes_on__gte=today
        )
        .select_related("agency")
        .prefetch_related("fields")
        .order_by("closes_on", "pk")
    )


def calls_visible_to(user) -> QuerySet[TandemCall]:
    """Published calls for everyone; drafts too for their agency's staff (all for admins)."""
    calls = TandemCall.objects.filter(agency__is_active=True).select_related("agency", "programme")
    if is_platform_admin(user):
        return calls
    return calls.filter(Q(is_published=True) | Q(agency_id__in=_agency_ids(user)))


def calls_managed_by(user) -> QuerySet[TandemCall]:
    """The calls of the agencies the person works for (every call for platform admins)."""
    if is_platform_admin(user):
        return TandemCall.objects.all()
    if not user.is_authenticated:
        return TandemCall.objects.none()
    return TandemCall.objects.filter(agency_id__in=_agency_ids(user))


def call_for(user, agency: str, slug: str, perm: str | None = None) -> TandemCall:
    """The one way a view fetches a call: unseen 404, seen without `perm` 403."""
    call = get_object_or_404(calls_visible_to(user), agency__slug=agency, slug=slug)
    if perm and not may(user, perm, call):
        raise PermissionDenied
    return call


def calls_of_agency(agency) -> QuerySet[TandemCall]:
    return (
        TandemCall.objects.filter(agency=agency)
        .select_related("agency")
        .order_by("-closes_on", "pk")
    )


def _with_details(applications: QuerySet[TandemApplication]) -> QuerySet[TandemApplication]:
    return applications.select_related(
        "call",
        "call__agency",
        "organization",
        "organization__legal_form",
        "partner",
        "partner__legal_form",
    ).prefetch_related("fields", "languages", "documents")


def applications_visible_to(user) -> QuerySet[TandemApplication]:
    """Applications of one's organizations, invitations to them, and those to calls of one's
    agencies (all for platform admins)."""
    applications = _with_details(TandemApplication.objects.all())
    if is_platform_admin(user):
        return applications
    if not user.is_authenticated:
        return applications.none()
    orgs = _organization_ids(user)
    return applications.filter(
        Q(organization_id__in=orgs)
        | Q(partner_id__in=orgs)
        | Q(call__agency_id__in=_agency_ids(user))
    )


def application_for(user, pk: int, perm: str | None = None) -> TandemApplication:
    application = get_object_or_404(applications_visible_to(user), pk=pk)
    if perm and not may(user, perm, application):
        raise PermissionDenied
    return application


def applications_of(user) -> QuerySet[TandemApplication]:
    """The applications of the person's organizations and the invitations they may answer."""
    orgs = _organization_ids(user)
    if not orgs:
        return TandemApplication.objects.none()
    return (
        TandemApplication.objects.filter(Q(organization_id__in=orgs) | Q(partner_id__in=orgs))
        .exclude(Q(partner_id__in=orgs) & ~Q(organization_id__in=orgs) & Q(status="draft"))
        .select_related("call", "call__agency", "organization", "partner")
        .order_by("-updated_at", "pk")
    )


def applications_of_call(call: TandemCall) -> QuerySet[TandemApplication]:
    """Every application to the call that is not a draft, for its staff (constant queries)."""
    return _with_details(
        call.applications.exclude(status=ApplicationStatus.DRAFT).order_by(
            "organization__name", "pk"
        )
    )


def counting_applications(call: TandemCall) -> QuerySet[TandemApplication]:
    """Submitted applications that count (pair first: the partner accepted)."""
    applications = call.applications.filter(status=ApplicationStatus.SUBMITTED)
    if call.pair_first:
        applications = applications.filter(partner_answer=PartnerAnswer.ACCEPTED)
    return _with_details(applications)


def organizations_to_apply_for(user, call: TandemCall) -> QuerySet[Organization]:
    """The person's organizations that have not applied to the call yet."""
    if not user.is_authenticated:
        return Organization.objects.none()
    return (
        Organization.objects.filter(pk__in=_organization_ids(user))
        .exclude(pk__in=call.applications.values("organization_id"))
        .select_related("legal_form")
        .order_by("name")
    )


def call_with_fields(queryset: QuerySet[TandemCall]) -> QuerySet[TandemCall]:
    return queryset.prefetch_related(Prefetch("fields", queryset=FieldOfActivity.objects.all()))


def tandems_of_call(call: TandemCall) -> QuerySet[Tandem]:
    return Tandem.objects.filter(call=call).select_related("migrant_org", "partner", "recipient")


def applications_to_pair(call: TandemCall) -> QuerySet[TandemApplication]:
    """The call's counting applications whose organization is in no tandem of the call yet."""
    paired = Tandem.objects.filter(call=call)
    return (
        counting_applications(call)
        .exclude(organization_id__in=paired.values("migrant_org_id"))
        .exclude(organization_id__in=paired.values("partner_id"))
        .order_by("organization__name", "pk")
    )


def tandems_visible_to(user) -> QuerySet[Tandem]:
    """The tandems of one's organizations and of one's agencies' calls (all for admins)."""
    tandems = Tandem.objects.select_related(
        "call", "call__agency", "migrant_org", "partner", "recipient"
    )
    if is_platform_admin(user):
        return tandems
    if not user.is_authenticated:
        return tandems.none()
    orgs = _organization_ids(user)
    return tandems.filter(
        Q(migrant_org_id__in=orgs)
        | Q(partner_id__in=orgs)
        | Q(call__agency_id__in=_agency_ids(user))
    )


def tandem_for(user, pk: int, perm: str | None = None) -> Tandem:
    tandem = get_object_or_404(
        tandems_visible_to(user).prefetch_related("goals", "milestones", "evaluations"), pk=pk
    )
    if perm and not may(user, perm, tandem):
        raise PermissionDenied
    return tandem


def tandems_of(user) -> QuerySet[Tandem]:
    """The tandems the person's organizations are in."""
    orgs = _organization_ids(user)
    if not orgs:
        return Tandem.objects.none()
    return (
        Tandem.objects.filter(Q(migrant_org_id__in=orgs) | Q(partner_id__in=orgs))
        .select_related("call", "call__agency", "migrant_org", "partner")
        .order_by("-created_at", "pk")
    )
