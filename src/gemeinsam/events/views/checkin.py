"""Staff pages for the day itself and after it: the printable check-in list, check-in on screen
and by QR code, certificates of attendance, and the figures for funders."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import certificates, queries, services
from ..enums import RegistrationStatus
from ..forms.participants import CheckinSearchForm

VIEW = "events.view_participants"
CHANGE = "events.change_participants"


def _confirmed(event):
    return (
        event.registrations.filter(status=RegistrationStatus.CONFIRMED)
        .select_related("organization")
        .order_by("name", "id")
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def checkin_list(request, slug):
    """A page to print and take to the door: name, organization, a column to sign."""
    event = queries.event_for(request.user, slug, VIEW)
    return render(
        request,
        "events/manage/checkin_list.html",
        {"event": event, "registrations": _confirmed(event)},
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def checkin(request, slug):
    """The door: everyone confirmed, found by name or address, marked present with one tap."""
    event = queries.event_for(request.user, slug, CHANGE)
    search = CheckinSearchForm(request.GET or None)
    confirmed = _confirmed(event)
    counts = confirmed.aggregate(
        total=Count("id"), present=Count("id", filter=Q(checked_in_at__isnull=False))
    )
    shown = confirmed
    if search.is_valid() and search.cleaned_data["q"]:
        shown = queries.filter_participants(confirmed, {"q": search.cleaned_data["q"]})
    return render(
        request,
        "events/manage/checkin.html",
        {
            "event": event,
            "search": search,
            "registrations": list(shown),
            "check_in_open": event.check_in_open(),
            **counts,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def checkin_scan(request, slug, token):
    """The address in the participant's QR code: staff see who it is and confirm with a tap."""
    event = queries.event_for(request.user, slug, CHANGE)
    registration = get_object_or_404(
        event.registrations.select_related("organization"), token=token
    )
    if request.method == "POST":
        try:
            new = services.check_in(registration, by=request.user)
        except services.RegistrationError as error:
            messages.error(request, error.message)
        else:
            if new:
                messages.success(
                    request, _("%(name)s is checked in.") % {"name": registration.name}
                )
            else:
                messages.info(
                    request, _("%(name)s was already checked in.") % {"name": registration.name}
                )
        if request.POST.get("next") == "list":
            return redirect("events:checkin", slug=event.slug)
        return redirect("events:checkin-scan", slug=event.slug, token=registration.token)
    return render(
        request,
        "events/manage/checkin_scan.html",
        {
            "event": event,
            "registration": registration,
            "confirmed": registration.status == RegistrationStatus.CONFIRMED,
            "check_in_open": event.check_in_open(),
        },
    )


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _not_yet(request, event):
    """Certificates confirm that someone took part: none before the event has started."""
    messages.error(
        request,
        _("Certificates can be made once the event has started (%(start)s).")
        % {"start": formats.date_format(timezone.localtime(event.starts_at), "DATETIME_FORMAT")},
    )
    return redirect("events:participant-list", slug=event.slug)


@login_required
@require_http_methods(["GET", "HEAD"])
def certificate(request, slug, pk):
    event = queries.event_for(request.user, slug, VIEW)
    if not event.has_started():
        return _not_yet(request, event)
    registration = get_object_or_404(
        event.registrations.select_related("organization"), pk=pk, attended=True
    )
    return _pdf(
        certificates.certificates_pdf(event, [registration]),
        f"{event.slug}-certificate-{registration.pk}.pdf",
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def certificate_all(request, slug):
    event = queries.event_for(request.user, slug, VIEW)
    if not event.has_started():
        return _not_yet(request, event)
    attended = list(
        event.registrations.filter(attended=True)
        .select_related("organization")
        .order_by("name", "id")
    )
    if not attended:
        messages.error(request, _("Nobody is marked as attended yet."))
        return redirect("events:participant-list", slug=event.slug)
    return _pdf(certificates.certificates_pdf(event, attended), f"{event.slug}-certificates.pdf")


@login_required
@require_http_methods(["GET", "HEAD"])
def event_figures(request, slug):
    event = queries.event_for(request.user, slug, VIEW)
    return render(
        request,
        "events/manage/event_figures.html",
        {"event": event, "figures": queries.event_figures(event)},
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def project_figures(request, project_pk):
    project = get_object_or_404(
        queries.projects_of_agencies(request.user).select_related("agency"), pk=project_pk
    )
    if not request.user.has_perm("events.add_event", project.agency):
        raise PermissionDenied
    rows, total = queries.project_figures(project)
    return render(
        request,
        "events/manage/project_figures.html",
        {"project": project, "rows": rows, "total": total},
    )
