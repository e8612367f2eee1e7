from django.db.models import Prefetch, QuerySet

from .models import Agency, Project, StaffMembership


def agencies_for_home() -> QuerySet[Agency]:
    return Agency.objects.filter(is_active=True).order_by("name")


def agency_page(slug: str) -> QuerySet[Agency]:
    """One agency with what its public page shows, in a fixed number of queries."""
    return Agency.objects.filter(is_active=True, slug=slug).prefetch_related(
        "descriptions",
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


def agencies_of_staff(user) -> QuerySet[Agency]:
    if not user.is_authenticated:
        return Agency.objects.none()
    return Agency.objects.filter(staff__user=user, staff__is_active=True).distinct()
