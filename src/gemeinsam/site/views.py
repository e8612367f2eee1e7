"""Pages that combine apps: they read from several domain apps, which never read from here."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_http_methods

from gemeinsam.agencies import queries as agency_queries
from gemeinsam.core.translations import pick
from gemeinsam.events import queries as event_queries
from gemeinsam.organizations.queries import home_figures


@require_GET
def home(request):
    return render(
        request,
        "site/home.html",
        {
            "agencies": agency_queries.agencies_for_home(),
            "figures": home_figures(user=request.user),
        },
    )


@require_http_methods(["GET", "HEAD"])
def agency_detail(request, slug):
    """An agency's public page: what it does, whom to ask, and its next events."""
    agency = get_object_or_404(agency_queries.agency_page(slug))
    return render(
        request,
        "site/agency_detail.html",
        {
            "agency": agency,
            "description": pick(agency.descriptions.all()),
            "can_manage": request.user.has_perm("agencies.manage_staff", agency),
            "upcoming_events": event_queries.upcoming(
                None, event_queries.EventFilters(agency=[agency.slug])
            ).published()[:5],
        },
    )
