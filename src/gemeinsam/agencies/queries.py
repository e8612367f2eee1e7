from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from gemeinsam.accounts.roles import may
from gemeinsam.core import content

from .models import Agency, Project, StaffMembership


def agency_for(user, slug: str, perm: str | None = None) -> Agency:
    """The one way a view or an API endpoint fetches an agency to act on. Agencies are public,
    so an unknown or inactive slug answers 404 to everyone and an agency one may not act for
    403 (nothing is given away by it). `perm` is asked of the rules, without a superuser pass."""
    agency = get_object_or_404(Agency.objects.filter(is_active=True), slug=slug)
    if perm and not may(user, perm, agency):
        raise PermissionDenied
    return agency


def agencies_for_home() -> QuerySet[Agency]:
    """The active agencies with their texts in the page's language (one query for all)."""
    return content.prefetch(Agency.objects.filter(is_active=True).order_by("name"))


def agency_page(slug: str) -> QuerySet[Agency]:
    """One agency with what its public page shows (its texts in the page's language), in a
    fixed number of queries."""
    return content.prefetch(Agency.objects.filter(is_active=True, slug=slug)).prefetch_related(
        Prefetch(
            "staff",
            queryset=StaffMembership.objects.filter(
                is_active=True, is_public_contact=True
            ).select_related("user"),
            to_attr="public_contacts",
        ),
        Prefetch(
            "projects",
            queryset=Project.objects.filter(is_public=True).prefetch_related("measures"),
            to_attr="public_projects",
        ),
    )


def projects_visible_to(user) -> QuerySet[Project]:
    """The projects on the agencies' public pages, and those of the person's own agencies."""
    public = Q(is_public=True, agency__is_active=True)
    return Project.objects.filter(public | Q(agency__in=agencies_of_staff(user)))


def agencies_of_staff(user) -> QuerySet[Agency]:
    if not user.is_authenticated:
        return Agency.objects.none()
    return Agency.objects.filter(staff__user=user, staff__is_active=True).distinct()
