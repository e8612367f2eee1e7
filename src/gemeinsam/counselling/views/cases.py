"""The advisors' case pages apart from the timeline: the list of their agencies' cases, opening
a case without a request, editing it, its advisors, handing it to another agency, closing and
reopening it.

Cases are fetched through the person: staff of another agency get 404. A colleague of the same
agency who neither advises the case nor manages the agency sees it but may not change it (403).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gemeinsam.accounts.roles import may
from gemeinsam.core.bidi import isolate

from .. import queries, services
from ..enums import CaseStatus, CaseType
from ..forms.cases import (
    AdvisorsForm,
    CaseCreateForm,
    CaseEditForm,
    CaseFilterForm,
    CaseForwardForm,
)
from ..forms.intake import add_service_errors
from .intake import agency_for, my_agencies

CHANGE = "counselling.change_case"
# Opening a case is for the agency's counselling staff: the same people who see its intake.
OPEN_CASE = "counselling.view_intake"
PER_PAGE = 25


@login_required
@require_http_methods(["GET", "HEAD"])
def case_list(request):
    agencies = my_agencies(request.user)
    form = CaseFilterForm(request.GET or None, agencies=queries.staff_agencies(request.user))
    query = form.query()
    cases = queries.case_list(request.user, **query)
    page = Paginator(cases, PER_PAGE).get_page(request.GET.get("page"))
    keep = request.GET.copy()
    keep.pop("page", None)
    return render(
        request,
        "counselling/cases/case_list.html",
        {
            "form": form,
            "page": page,
            "cases": page.object_list,
            "agency": query["agency"],
            "nav_agency": query["agency"] or (agencies[0] if len(agencies) == 1 else None),
            "querystring": keep.urlencode(),
            "filtered": bool(query["q"] or query["mine"] or query["status"] != CaseStatus.OPEN),
        },
    )


def _case_for(request, pk):
    """The case, for someone who may change it: other agencies 404, colleagues without a part
    in it 403."""
    case = get_object_or_404(
        queries.cases_visible_to(request.user).select_related("agency", "project", "language"),
        pk=pk,
    )
    if not may(request.user, CHANGE, case):
        raise PermissionDenied
    return case


def _posted(request):
    # Not `request.POST or None`: a form posted with every box unticked must still be checked.
    return request.POST if request.method == "POST" else None


def _render(request, template, case, form, **extra):
    return render(request, f"counselling/cases/{template}", {"case": case, "form": form, **extra})


@login_required
@require_http_methods(["GET", "POST"])
def case_create(request, agency):
    agency = agency_for(request, agency, OPEN_CASE)
    form = CaseCreateForm(
        _posted(request),
        agency=agency,
        initial={"advisors": [request.user.pk], "case_type": CaseType.SINGLE},
    )
    if request.method == "POST" and form.is_valid():
        try:
            case = services.cases.open_case(agency=agency, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Case %(reference)s has been opened.")
                % {"reference": isolate(case.reference, "ltr")},
            )
            return redirect("counselling:case-detail", pk=case.pk)
    return _render(request, "case_form.html", None, form, agency=agency)


@login_required
@require_http_methods(["GET", "POST"])
def case_edit(request, pk):
    case = _case_for(request, pk)
    form = CaseEditForm(
        _posted(request),
        agency=case.agency,
        initial={
            "title": case.title,
            "case_type": case.case_type,
            "organizations": list(case.organizations.order_by("name")),
            "topics": list(case.topics.all()),
            "language": case.language,
            "project": case.project,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.cases.update_case(case, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The case has been saved."))
            return redirect("counselling:case-detail", pk=case.pk)
    return _render(request, "case_form.html", case, form, agency=case.agency)


@login_required
@require_http_methods(["GET", "POST"])
def case_advisors(request, pk):
    case = _case_for(request, pk)
    form = AdvisorsForm(
        _posted(request),
        agency=case.agency,
        initial={"advisors": [a.pk for a in case.advisors.all()]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.cases.assign_advisors(case, form.cleaned_data["advisors"], by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The case's advisors have been saved."))
            return redirect("counselling:case-detail", pk=case.pk)
    return _render(request, "case_advisors.html", case, form)


@login_required
@require_http_methods(["GET", "POST"])
def case_forward(request, pk):
    case = _case_for(request, pk)
    form = CaseForwardForm(_posted(request), exclude=case.agency)
    if request.method == "POST" and form.is_valid():
        to_agency = form.cleaned_data["to_agency"]
        try:
            services.cases.forward_case(
                case, to_agency=to_agency, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Case %(reference)s has gone to %(agency)s, whose managers now advise it.")
                % {"reference": isolate(case.reference, "ltr"), "agency": isolate(to_agency)},
            )
            return redirect("counselling:case-list")
    return _render(request, "case_forward.html", case, form)


@login_required
@require_POST
def case_close(request, pk):
    case = _case_for(request, pk)
    if case.status == CaseStatus.CLOSED:
        messages.info(request, _("This case was already closed."))
    else:
        services.cases.close_case(case, by=request.user)
        messages.success(request, _("The case has been closed."))
    return redirect("counselling:case-detail", pk=case.pk)


@login_required
@require_POST
def case_reopen(request, pk):
    case = _case_for(request, pk)
    if case.status == CaseStatus.OPEN:
        messages.info(request, _("This case is open."))
        return redirect("counselling:case-detail", pk=case.pk)
    try:
        services.cases.reopen_case(case, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The case has been reopened."))
    return redirect("counselling:case-detail", pk=case.pk)
