"""Pages that combine apps: they read from several domain apps, which never read from here."""

from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.messages.storage.base import Message
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gemeinsam.accounts.roles import roles_of
from gemeinsam.agencies import queries as agency_queries
from gemeinsam.agencies.enums import StaffRole
from gemeinsam.agencies.models import bare_goal
from gemeinsam.core import content
from gemeinsam.core.enums import TranslationStatus
from gemeinsam.core.localized import without_source
from gemeinsam.events import queries as event_queries
from gemeinsam.organizations.queries import (
    home_figures,
    memberships_of,
    pending_claims,
    sees_unlisted,
)
from gemeinsam.site import queries
from gemeinsam.site.forms import HomeSearch, SampleFilters, SampleForm


@require_GET
def home(request):
    return render(
        request,
        "site/home.html",
        {
            "agencies": agency_queries.agencies_for_home(),
            "figures": home_figures(user=request.user),
            "search": HomeSearch(auto_id="home-%s"),
        },
    )


def _project_texts(projects: list) -> None:
    """Each project's goals in the page's language, one `Part` a goal (without the bullet
    typed before it), and whether any of its texts is shown in German or outdated; its title
    and measures' titles are read with `|tr` (their translations prefetched here, two queries
    for all)."""
    measures = [m for project in projects for m in project.measures.all()]
    content.prefetch(projects)
    content.prefetch(measures)
    for project in projects:
        goals = content.parts(project, "goals")
        project.goals_shown = [replace(part, text=bare_goal(part.text)) for part in goals]
        shown = [
            *goals,
            *content.parts(project, "title"),
            *(part for m in project.measures.all() for part in content.parts(m, "title")),
        ]
        project.texts_fallback = any(part.is_fallback for part in shown)
        project.texts_outdated = any(part.status == TranslationStatus.OUTDATED for part in shown)


@require_http_methods(["GET", "HEAD"])
def agency_detail(request, slug):
    """An agency's public page: what it does, whom to ask, and its next events."""
    agency = get_object_or_404(agency_queries.agency_page(slug))
    _project_texts(agency.public_projects)
    return render(
        request,
        "site/agency_detail.html",
        {
            "agency": agency,
            # With no German at all, the text in the language it was written in, marked.
            "description_elsewhere": without_source(agency, "description"),
            "can_manage": request.user.has_perm("agencies.manage_staff", agency),
            "upcoming_events": event_queries.upcoming(
                None, event_queries.EventFilters(agency=[agency.slug])
            ).published()[:5],
        },
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def dashboard(request):
    """A person's start page, by role: a member's coming registrations, bookings, counselling
    and deadlines; an advisor's due tasks, today's appointments and new requests; a manager's
    running projects in figures; and their organizations and agencies."""
    user = request.user
    is_staff = sees_unlisted(user)
    roles = roles_of(user)
    is_manager = any(StaffRole.MANAGER in r for r in roles.agencies.values())
    context = {
        "memberships": memberships_of(user),
        "registrations": queries.upcoming_registrations(user),
        "bookings": queries.upcoming_bookings(user),
        "counselling": queries.counselling_of(user),
        "deadlines": queries.watched_deadlines(user),
        "agencies": agency_queries.agencies_of_staff(user),
        "pending_claims_count": pending_claims().count() if is_staff else 0,
        "is_agency_staff": is_staff,
    }
    if roles.is_agency_staff:
        context |= {
            "tasks": queries.due_tasks(user),
            "appointments": queries.appointments_today(user),
            "new_requests": queries.new_requests(user),
            "today": timezone.localdate(),
            "works_for_an_agency": True,
        }
    if is_manager:
        context["projects"] = queries.running_projects(user)
    # Event titles, room and programme names and project titles in the reader's language:
    # one query for each kind of content on the page.
    content.prefetch([coming.event for coming in context["registrations"]])
    content.prefetch([booking.room for booking in context["bookings"]])
    content.prefetch([deadline.watch.programme for deadline in context["deadlines"]])
    content.prefetch([row.project for row in context.get("projects", [])])
    return render(request, "site/dashboard.html", context)


@require_GET
def design_system(request):
    """Every component of the design system, in the page's language (docs/design-system.md).
    The sample form is checked when it was sent, so its error summary can be seen."""
    sent = any(key.startswith("sample-") for key in request.GET)
    sample = SampleForm(request.GET if sent else None, prefix="sample")
    if sent:
        sample.is_valid()
    filters = SampleFilters(request.GET)
    filters.is_valid()
    return render(
        request,
        "site/design_system.html",
        {
            "sample": sample,
            "filters": filters,
            "page": Paginator(range(1, 121), 10).get_page(request.GET.get("page")),
            "sample_messages": [
                Message(messages.SUCCESS, _("Your changes have been saved.")),
                Message(messages.ERROR, _("Please correct the marked fields.")),
            ],
        },
    )
