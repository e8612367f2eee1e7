"""Reads of guides, starting from the person asking. A guide one may not see is not there (404);
one seen but not theirs to change answers 403 (`guide_for`)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from gemeinsam.accounts.roles import may, roles_of
from gemeinsam.core import content

from .enums import GuideStatus
from .models import Guide, Step


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
    ).prefetch_related(Prefetch("steps", queryset=steps))
    return guide_for(user, slug, queryset=queryset)
