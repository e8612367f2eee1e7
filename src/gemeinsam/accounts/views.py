from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from gemeinsam.agencies.queries import agencies_of_staff
from gemeinsam.organizations.queries import memberships_of, pending_claims, sees_unlisted


@login_required
@require_http_methods(["GET", "HEAD"])
def dashboard(request):
    """A person's start page: their organizations (with nudges), and for staff their agencies."""
    user = request.user
    is_staff = sees_unlisted(user)
    return render(
        request,
        "accounts/dashboard.html",
        {
            "memberships": memberships_of(user),
            "agencies": agencies_of_staff(user),
            "pending_claims_count": pending_claims().count() if is_staff else 0,
            "is_agency_staff": is_staff,
        },
    )
