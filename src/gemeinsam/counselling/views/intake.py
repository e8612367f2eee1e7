"""The advisors' intake: where they start, the queue of requests per agency, one request, and
accepting it into a case, forwarding it to another agency or declining it.

Requests from regions no agency covers show in every agency's queue; whoever accepts one takes
it for the agency whose queue they came from (`?from=<agency>`), or chooses among theirs.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gemeinsam.accounts.roles import may
from gemeinsam.agencies import queries as agency_queries
from gemeinsam.agencies.models import Agency
from gemeinsam.core.bidi import isolate

from .. import queries, services
from ..enums import RequestStatus
from ..forms.intake import (
    AcceptForm,
    DeclineForm,
    ForwardForm,
    IntakeFilterForm,
    MergeForm,
    add_service_errors,
)

VIEW_INTAKE = "counselling.view_intake"
DECIDE = "counselling.decide_request"
PER_PAGE = 50


def my_agencies(user) -> list[Agency]:
    """The active agencies the person does counselling for; nobody else has any business here."""
    agencies = list(queries.staff_agencies(user).filter(is_active=True))
    if not agencies:
        raise PermissionDenied
    return agencies


def agency_for(request, slug: str, perm: str) -> Agency:
    """One of the person's agencies, for a page of its counselling (403 for anyone else:
    agencies are public, so there is nothing to hide by a 404)."""
    return agency_queries.agency_for(request.user, slug, perm)


@login_required
@require_http_methods(["GET", "HEAD"])
def staff_home(request):
    agencies = my_agencies(request.user)
    if len(agencies) == 1:
        return redirect("counselling:intake", agency=agencies[0].slug)
    return render(request, "counselling/intake/staff_home.html", {"agencies": agencies})


@login_required
@require_http_methods(["GET", "HEAD"])
def intake(request, agency):
    agency = agency_for(request, agency, VIEW_INTAKE)
    form = IntakeFilterForm(request.GET or None)
    status = form.status_value()
    mine = form.is_valid() and form.cleaned_data["mine"]
    requests = queries.intake_queue(agency, status=status)
    if mine:
        requests = requests.filter(suggested_advisors=request.user)
    if status != RequestStatus.NEW:
        # New requests oldest first (who has waited longest); decided ones newest first.
        requests = requests.order_by("-created_at", "-id")
    page = Paginator(requests, PER_PAGE).get_page(request.GET.get("page"))
    tabs = [
        (value, label, "?" + urlencode({"status": value, **({"mine": "on"} if mine else {})}))
        for value, label in form.fields["status"].choices
    ]
    keep = {"status": status, **({"mine": "on"} if mine else {})}
    return render(
        request,
        "counselling/intake/intake.html",
        {
            "agency": agency,
            "page": page,
            "requests": page.object_list,
            "status": status,
            "status_label": RequestStatus(status).label,
            "mine": mine,
            "tabs": tabs,
            "querystring": urlencode(keep),
            "mine_toggle": "?" + urlencode({"status": status, **({} if mine else {"mine": "on"})}),
            "new_count": queries.intake_queue(agency).count(),
        },
    )


def _request_for(request, pk):
    """The request, for staff who may decide it; everyone else gets 404."""
    found = get_object_or_404(
        queries.requests_visible_to(request.user)
        .select_related("contact", "organization", "language", "agency", "decided_by", "case")
        .prefetch_related(
            "topics",
            "suggested_advisors",
            "forwardings__from_agency",
            "forwardings__to_agency",
            "forwardings__by",
        ),
        pk=pk,
    )
    if not may(request.user, DECIDE, found):
        raise Http404
    return found


def _came_from(http_request, agencies: list[Agency]) -> Agency | None:
    """The agency whose queue the advisor came from, if it is one of theirs."""
    slug = http_request.POST.get("from") or http_request.GET.get("from")
    return next((a for a in agencies if a.slug == slug), None)


def _accepting_agencies(http_request, req) -> tuple[list[Agency], Agency | None]:
    """Who may take the request: its own agency, or (not routed) the advisor's agencies, the
    one whose queue they came from first."""
    mine = my_agencies(http_request.user)
    came_from = _came_from(http_request, mine)
    if req.agency_id is not None:
        return [req.agency], came_from or req.agency
    if came_from is not None:
        mine = [came_from, *(a for a in mine if a.pk != came_from.pk)]
    return mine, came_from


def _render_detail(http_request, req, *, accept=None, forward=None, decline=None, merge=None):
    agencies, came_from = _accepting_agencies(http_request, req)
    matches = services.intake.possible_matches(req)
    case = getattr(req, "case", None)
    if case is not None and not may(http_request.user, "counselling.view_case", case):
        case = None  # forwarded since to an agency this person does not work for
    return render(
        http_request,
        "counselling/intake/request_detail.html",
        {
            "req": req,
            "case": case,
            "came_from": came_from,
            "is_new": req.status == RequestStatus.NEW,
            "accept": accept or AcceptForm(request=req, agencies=agencies, by=http_request.user),
            "forward": forward or ForwardForm(exclude=req.agency),
            "decline": decline or DeclineForm(),
            "merge": merge or (MergeForm(matches=matches) if matches.exists() else None),
            "back": _back_url(came_from),
        },
    )


def _back_url(agency: Agency | None) -> str:
    if agency is None:
        return reverse("counselling:staff-home")
    return reverse("counselling:intake", kwargs={"agency": agency.slug})


def _detail_url(req, came_from: Agency | None) -> str:
    url = reverse("counselling:request-detail", kwargs={"pk": req.pk})
    return f"{url}?{urlencode({'from': came_from.slug})}" if came_from else url


@login_required
@require_http_methods(["GET", "HEAD"])
def request_detail(request, pk):
    return _render_detail(request, _request_for(request, pk))


def _dealt_with(http_request, req):
    messages.error(http_request, _("This request has already been dealt with."))
    _agencies, came_from = _accepting_agencies(http_request, req)
    return redirect(_detail_url(req, came_from))


@login_required
@require_POST
def request_accept(request, pk):
    req = _request_for(request, pk)
    if req.status != RequestStatus.NEW:
        return _dealt_with(request, req)
    agencies, _came = _accepting_agencies(request, req)
    form = AcceptForm(request.POST, request=req, agencies=agencies, by=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            case = services.intake.accept_request(
                req,
                by=request.user,
                agency=data["agency"],
                advisors=data["advisors"],
                case_type=data["case_type"],
                title=data["title"],
                project=data["project"],
                template=data["template"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The request has been accepted as case %(reference)s.")
                % {"reference": isolate(case.reference, "ltr")},
            )
            return redirect("counselling:case-detail", pk=case.pk)
    return _render_detail(request, req, accept=form)


@login_required
@require_POST
def request_forward(request, pk):
    req = _request_for(request, pk)
    if req.status != RequestStatus.NEW:
        return _dealt_with(request, req)
    _agencies, came_from = _accepting_agencies(request, req)
    form = ForwardForm(request.POST, exclude=req.agency)
    if form.is_valid():
        to_agency = form.cleaned_data["to_agency"]
        try:
            services.intake.forward_request(
                req, to_agency=to_agency, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The request has been forwarded to %(agency)s.") % {"agency": to_agency},
            )
            return redirect(_back_url(came_from))
    return _render_detail(request, req, forward=form)


@login_required
@require_POST
def request_decline(request, pk):
    req = _request_for(request, pk)
    if req.status != RequestStatus.NEW:
        return _dealt_with(request, req)
    _agencies, came_from = _accepting_agencies(request, req)
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            services.intake.decline_request(
                req, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if req.contact.email:
                messages.success(
                    request, _("The request has been declined. The person is told by mail.")
                )
            else:
                messages.success(
                    request,
                    _(
                        "The request has been declined. There is no email address: please "
                        "tell the person by phone."
                    ),
                )
            return redirect(_back_url(came_from))
    return _render_detail(request, req, decline=form)


@login_required
@require_POST
def request_merge(request, pk):
    """Staff confirm that the sender is someone their agency already counsels (see
    `services.intake.merge_contact`)."""
    req = _request_for(request, pk)
    _agencies, came_from = _accepting_agencies(request, req)
    form = MergeForm(request.POST, matches=services.intake.possible_matches(req))
    if form.is_valid():
        try:
            services.intake.merge_contact(req, into=form.cleaned_data["into"], by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The two records are now one."))
            return redirect(_detail_url(req, came_from))
    return _render_detail(request, req, merge=form)
