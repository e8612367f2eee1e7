"""Data protection pages: an agency's people, everything about a person or an organization (as a
page and as JSON), erasing a person, and a person's own data.

Managers of an agency answer data-protection requests for it (`counselling.manage_gdpr`). A
person is reached through the manager's agencies, so anyone else gets 404. Every staff export,
page or download, is logged on each case involved and in the audit log.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gemeinsam.agencies.models import Agency
from gemeinsam.organizations.models import Organization

from .. import gdpr, services
from ..forms.gdpr import ContactSearchForm, EraseForm

PAGE_SIZE = 50


def _json(data: dict, filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _log(request, subject, data: dict, fmt: str) -> None:
    services.gdpr.log_export(
        request.user,
        subject=subject,
        case_ids=[case["id"] for case in data["cases"]],
        fmt=fmt,
        notes_included=any(case["internal_notes"]["included"] for case in data["cases"]),
    )


def _contact(request, pk: int):
    return get_object_or_404(gdpr.contacts_reachable_by(request.user), pk=pk)


@login_required
@require_http_methods(["GET", "HEAD"])
def contact_list(request, agency):
    agency = get_object_or_404(Agency, slug=agency, is_active=True)
    # Platform admins hold every permission, but do not read counselling: staff of the agency only.
    if agency not in gdpr.gdpr_agencies(request.user):
        raise PermissionDenied
    form = ContactSearchForm(request.GET or None)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    page = Paginator(gdpr.contacts_of_agency(agency, q), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "counselling/gdpr/contact_list.html",
        {
            "agency": agency,
            "form": form,
            "q": q,
            "page": page,
            "contacts": page.object_list,
            "querystring": urlencode({"q": q}) if q else "",
        },
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def contact_detail(request, pk):
    contact = _contact(request, pk)
    data = gdpr.person_data(contact, viewer=request.user)
    _log(request, contact, data, "page")
    agencies = gdpr.gdpr_agencies(request.user)
    return render(
        request,
        "counselling/gdpr/contact_detail.html",
        {
            "contact": contact,
            "data": data,
            "agencies": agencies,
            "erase_form": EraseForm(),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def contact_export(request, pk):
    contact = _contact(request, pk)
    data = gdpr.person_data(contact, viewer=request.user)
    _log(request, contact, data, "json")
    return _json(data, f"person-{contact.pk}.json")


@login_required
@require_POST
def contact_erase(request, pk):
    contact = _contact(request, pk)
    form = EraseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please confirm the erasure by ticking the box."))
        return redirect("counselling:contact-detail", pk=contact.pk)
    agencies = gdpr.gdpr_agencies(request.user)
    cases = gdpr.cases_held(contact, agencies)
    try:
        services.gdpr.erase_for_agencies(contact, by=request.user, agencies=agencies)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("counselling:contact-detail", pk=contact.pk)
    # The same words whether or not other agencies hold the person: this agency must not
    # learn who else counsels them.
    messages.success(
        request,
        _(
            "The person's data at your agencies has been erased. %(cases)d cases no longer "
            "name them; the figures are unchanged. If other agencies hold data about the "
            "person, their managers have been told by mail."
        )
        % {"cases": cases},
    )
    # Unlinked from every case of ours, the person is out of reach: back to the list.
    if gdpr.contacts_reachable_by(request.user).filter(pk=contact.pk).exists():
        return redirect("counselling:contact-detail", pk=contact.pk)
    return redirect("counselling:contact-list", agency=gdpr.gdpr_agencies(request.user)[0].slug)


def _organization(request, slug) -> Organization:
    if not gdpr.gdpr_agencies(request.user):
        raise Http404
    return get_object_or_404(Organization, slug=slug)


@login_required
@require_http_methods(["GET", "HEAD"])
def organization_data(request, slug):
    organization = _organization(request, slug)
    data = gdpr.organization_data(organization, viewer=request.user)
    _log(request, organization, data, "page")
    return render(
        request,
        "counselling/gdpr/organization_data.html",
        {"organization": organization, "data": data},
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def organization_export(request, slug):
    organization = _organization(request, slug)
    data = gdpr.organization_data(organization, viewer=request.user)
    _log(request, organization, data, "json")
    return _json(data, f"organization-{organization.slug}.json")


@login_required
@require_http_methods(["GET", "HEAD"])
def my_data(request):
    return render(request, "counselling/gdpr/my_data.html", {"data": gdpr.own_data(request.user)})


@login_required
@require_http_methods(["GET", "HEAD"])
def my_data_export(request):
    return _json(gdpr.own_data(request.user), "my-data.json")
