"""Reads of guides, starting from the person asking. A guide one may not see is not there (404);
one seen but not theirs to change answers 403 (`guide_for`)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from gemeinsam.accounts.roles import may, roles_of
from gemeinsam.core import content
from gemeinsam.organizations.enums import MembershipRole

from .enums import GuideStatus
from .models import Guide, Portrait, Recommendation, RecommendationUpdate, Step


def guides_visible_to(user) -> QuerySet[Guide]:
    """Published guides of active agencies, and every guide of the person's own agencies (all
    of them for platform admins)."""
    roles = roles_of(user)
    if roles.is_platform_admin:
        return Guide.objects.all()
    shown = Q(status=GuideStatus.PUBLISHED, agency__is_active=True)
    if roles.agencies:
        shown |= Q(agency_id__in=list(roles.agencies))
    return Guide.objects.filter(shown)


def guide_for(user, slug: str, perm: str | None = None, queryset=None) -> Guide:
    """The one way a view fetches a guide to show or act on."""
    guide = get_object_or_404(
        queryset if queryset is not None else guides_visible_to(user), slug=slug
    )
    if perm and not may(user, perm, guide):
        raise PermissionDenied
    return guide


def guides_of_agencies(user) -> QuerySet[Guide]:
    """The guides the person writes: those of their agencies (all for platform admins)."""
    roles = roles_of(user)
    if roles.is_platform_admin:
        return Guide.objects.all()
    return Guide.objects.filter(agency_id__in=list(roles.agencies))


def guide_list(queryset: QuerySet[Guide], language: str) -> list[Guide]:
    """A list page's guides with their agency and texts in `language`: a fixed number of queries."""
    return content.prefetch(queryset.select_related("agency").order_by("title", "id"), language)


def guide_page(user, slug: str, language: str) -> Guide:
    """One guide with its steps, their texts in `language` and the checks the steps name (with
    their rule versions), in a fixed number of queries however many steps it has."""
    steps = content.prefetch(
        Step.objects.select_related("readiness_check").prefetch_related(
            "readiness_check__rule_versions"
        ),
        language,
    )
    queryset = content.prefetch(
        guides_visible_to(user).select_related("agency", "owner", "counselling_topic"), language
    ).prefetch_related(
        Prefetch("steps", queryset=steps),
        Prefetch(
            "portraits",
            queryset=content.prefetch(
                published_portraits().select_related("organization"), language
            ),
            to_attr="published_portraits",
        ),
    )
    return guide_for(user, slug, queryset=queryset)


def portraits_visible_to(user) -> QuerySet[Portrait]:
    """Published portraits whose consent stands, and every portrait of the person's agencies and
    of the organizations they administer (so they can withdraw a draft's consent too)."""
    roles = roles_of(user)
    if roles.is_platform_admin:
        return Portrait.objects.all()
    shown = Q(status=GuideStatus.PUBLISHED, withdrawn_at__isnull=True, agency__is_active=True)
    if roles.agencies:
        shown |= Q(agency_id__in=list(roles.agencies))
    admin_of = [org for org, role in roles.organizations.items() if role == MembershipRole.ADMIN]
    if admin_of:
        shown |= Q(organization_id__in=admin_of)
    return Portrait.objects.filter(shown)


def published_portraits() -> QuerySet[Portrait]:
    return Portrait.objects.filter(
        status=GuideStatus.PUBLISHED, withdrawn_at__isnull=True, agency__is_active=True
    )


def portrait_for(user, pk: int, perm: str | None = None) -> Portrait:
    portrait = get_object_or_404(
        portraits_visible_to(user).select_related("agency", "organization"), pk=pk
    )
    if perm and not may(user, perm, portrait):
        raise PermissionDenied
    return portrait


def portrait_page(user, pk: int, language: str) -> Portrait:
    """One portrait with its guides, programmes and recognitions in a fixed number of queries."""
    queryset = content.prefetch(
        portraits_visible_to(user).select_related("agency", "organization"), language
    ).prefetch_related(
        Prefetch("guides", queryset=content.prefetch(guides_visible_to(user), language)),
        "programmes",
        "recognitions",
    )
    return get_object_or_404(queryset, pk=pk)


def portraits_of_agencies(user) -> QuerySet[Portrait]:
    roles = roles_of(user)
    if roles.is_platform_admin:
        return Portrait.objects.all()
    return Portrait.objects.filter(agency_id__in=list(roles.agencies))


def recommendations_visible_to(user) -> QuerySet[Recommendation]:
    """Published recommendations, and all of the person's agencies (all for platform admins)."""
    roles = roles_of(user)
    if roles.is_platform_admin:
        return Recommendation.objects.all()
    shown = Q(status=GuideStatus.PUBLISHED, agency__is_active=True)
    if roles.agencies:
        shown |= Q(agency_id__in=list(roles.agencies))
    return Recommendation.objects.filter(shown)


def recommendations_of_agencies(user) -> QuerySet[Recommendation]:
    roles = roles_of(user)
    if roles.is_platform_admin:
        return Recommendation.objects.all()
    return Recommendation.objects.filter(agency_id__in=list(roles.agencies))


def recommendation_for(user, pk: int, perm: str | None = None) -> Recommendation:
    recommendation = get_object_or_404(
        recommendations_visible_to(user).select_related("agency"), pk=pk
    )
    if perm and not may(user, perm, recommendation):
        raise PermissionDenied
    return recommendation


def recommendation_list(user, language: str, addressee: str = "") -> list[Recommendation]:
    """A list page's recommendations with their agency, guide, texts in `language` and latest
    updates: a fixed number of queries."""
    queryset = recommendations_visible_to(user)
    if addressee:
        # JSON containment is not on SQLite; the few addressees are matched as text.
        queryset = queryset.filter(addressees__icontains=f'"{addressee}"')
    updates = content.prefetch(RecommendationUpdate.objects.order_by("-on", "-id"), language)
    return content.prefetch(
        queryset.select_related("agency", "guide")
        .prefetch_related(Prefetch("updates", queryset=updates))
        .order_by("title", "id"),
        language,
    )


def recommendation_page(user, pk: int, language: str) -> Recommendation:
    updates = content.prefetch(RecommendationUpdate.objects.order_by("-on", "-id"), language)
    queryset = content.prefetch(
        recommendations_visible_to(user).select_related("agency", "guide"), language
    ).prefetch_related(Prefetch("updates", queryset=updates))
    return get_object_or_404(queryset, pk=pk)
