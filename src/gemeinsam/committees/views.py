"""The committee register: public list, detail and meeting calendar; the keeping agency's forms
and the mandates' lifecycle; the OParl 1.1 export.

Every view parses, authorises through a fetcher, calls one service and responds. The register
is public; a mandate on its way to a seat is seen by the keeping agency's staff and the members
of the organization it is for (others: 404), and changed by the staff only (members: 403).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gemeinsam.agencies.queries import agency_for
from gemeinsam.core import content, ical
from gemeinsam.organizations.queries import organization_for, organizations_visible_to

from . import oparl, paths, queries, services
from .enums import steps_from
from .forms import CommitteeForm, MandateForm, MandateStepForm, MeetingForm, SeatForm

PRODID = "-//gemeinsam//committees//DE"


@require_http_methods(["GET", "HEAD"])
def committee_list(request):
    body = request.GET.get("body", "")[:80]
    committees = content.prefetch(list(queries.committees_for_list(body)))
    return render(
        request,
        "committees/committee_list.html",
        {
            "committees": committees,
            "bodies": queries.bodies_with_committees(),
            "body": body,
            "managed_agencies": queries.agencies_keeping(request.user),
            "my_organizations": queries.organizations_of(request.user),
        },
    )


@require_http_methods(["GET", "HEAD"])
def committee_detail(request, body, slug):
    committee = queries.committee_for(request.user, body, slug)
    content.prefetch([committee])
    return render(
        request,
        "committees/committee_detail.html",
        {
            "committee": committee,
            "seats": queries.seats_with_holders(committee),
            "terms": list(queries.terms_of(committee)),
            "meetings": list(queries.upcoming_meetings(committee).filter(is_public=True)),
            "can_change": request.user.has_perm("committees.change_committee", committee),
            "today": timezone.localdate(),
        },
    )


@require_http_methods(["GET", "HEAD"])
def committee_calendar(request, body, slug):
    # Calendar apps fetch without a session: the public meetings only.
    committee = queries.committee_for(request.user, body, slug)
    name = content.text(committee, "name")
    url = request.build_absolute_uri(committee.get_absolute_url())
    entries = [
        ical.entry(
            uid=f"{m.uid}@gemeinsam",
            starts_at=m.starts_at,
            ends_at=m.ends_at,
            summary=name,
            sequence=m.sequence,
            stamp=m.updated_at,
            location=m.location,
            url=url,
            cancelled=m.cancelled,
        )
        for m in queries.calendar_meetings(committee)
    ]
    response = HttpResponse(
        ical.calendar(entries, prodid=PRODID, name=name),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{committee.slug}.ics"'
    return response


def _form_page(request, form, *, title, back, submit):
    return render(
        request,
        "committees/form.html",
        {"form": form, "title": title, "back": back, "submit": submit},
    )


@login_required
@require_http_methods(["GET", "POST"])
def committee_create(request, agency):
    agency = agency_for(request.user, agency, perm="committees.add_committee")
    form = CommitteeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            committee = services.save_committee(agency, form.to_input(), by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The committee is in the register."))
            return redirect(committee)
    title = _("Add a committee to the register of %(agency)s") % {"agency": agency.name}
    return _form_page(
        request, form, title=title, back=reverse("committees:committee-list"), submit=_("Save")
    )


@login_required
@require_http_methods(["GET", "POST"])
def committee_update(request, body, slug):
    committee = queries.committee_for(request.user, body, slug, perm="committees.change_committee")
    form = CommitteeForm(request.POST or None, instance=committee)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_committee(
                committee.agency, form.to_input(), by=request.user, committee=committee
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The committee is saved."))
            return redirect(committee)
    committee.refresh_from_db()
    return _form_page(
        request,
        form,
        title=_("Change the committee"),
        back=committee.get_absolute_url(),
        submit=_("Save"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request, body, slug):
    committee = queries.committee_for(request.user, body, slug, perm="committees.change_committee")
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_meeting(committee, form.to_input(), by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The meeting is in the calendar."))
            return redirect(committee)
    return _form_page(
        request,
        form,
        title=_("Add a meeting"),
        back=committee.get_absolute_url(),
        submit=_("Add meeting"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def seat_create(request, body, slug):
    committee = queries.committee_for(request.user, body, slug, perm="committees.change_committee")
    form = SeatForm(request.POST or None, terms=queries.terms_of(committee))
    if request.method == "POST" and form.is_valid():
        try:
            services.add_seat(committee, form.to_input(), by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The seat is listed."))
            return redirect(committee)
    return _form_page(
        request,
        form,
        title=_("Add a seat"),
        back=committee.get_absolute_url(),
        submit=_("Add seat"),
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def mandate_list(request, body, slug):
    committee = queries.committee_for(request.user, body, slug, perm="committees.follow_mandates")
    content.prefetch([committee])
    return render(
        request,
        "committees/mandate_list.html",
        {
            "committee": committee,
            "mandates": [(m, steps_from(m.status)) for m in queries.pipeline(committee)],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def mandate_create(request, body, slug):
    committee = queries.committee_for(request.user, body, slug, perm="committees.follow_mandates")
    form = MandateForm(
        request.POST or None,
        seats=committee.seats.all(),
        organizations=organizations_visible_to(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.start_mandate(committee, form.to_input(), by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The interest in the seat is noted."))
            return redirect("committees:mandate-list", body=body, slug=slug)
    return _form_page(
        request,
        form,
        title=_("Note an interest in a seat"),
        back=committee.get_absolute_url(),
        submit=_("Save"),
    )


@login_required
@require_POST
def mandate_step(request, pk):
    mandate = queries.mandate_for(request.user, pk, perm="committees.change_mandate")
    committee = mandate.seat.committee
    form = MandateStepForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("This step is not part of a mandate's lifecycle."))
        services.advance_mandate(mandate, form.cleaned_data["action"], by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The mandate is updated."))
    return redirect("committees:mandate-list", body=committee.body.slug, slug=committee.slug)


@login_required
@require_http_methods(["GET", "HEAD"])
def seat_paths(request, organization):
    organization = organization_for(request.user, organization, perm="committees.view_paths")
    found = paths.paths_for(organization)
    mandates = list(queries.mandates_of_organization(request.user, organization))
    content.prefetch([p.seat.committee for p in found] + [m.seat.committee for m in mandates])
    return render(
        request,
        "committees/seat_paths.html",
        {"organization": organization, "paths": found, "mandates": mandates},
    )


def _json(data: dict) -> JsonResponse:
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@require_http_methods(["GET", "HEAD"])
def oparl_system(request):
    return _json(oparl.system(oparl.Urls(request.build_absolute_uri)))


@require_http_methods(["GET", "HEAD"])
def oparl_bodies(request):
    urls = oparl.Urls(request.build_absolute_uri)
    return _json(oparl.bodies(urls, queries.bodies_with_committees()))


@require_http_methods(["GET", "HEAD"])
def oparl_body(request, body):
    body = get_object_or_404(queries.bodies_with_committees(), slug=body)
    return _json(oparl.body(oparl.Urls(request.build_absolute_uri), body))


@require_http_methods(["GET", "HEAD"])
def oparl_list(request, body, kind):
    body = get_object_or_404(queries.bodies_with_committees(), slug=body)
    if kind not in oparl.LISTS:
        raise Http404
    return _json(oparl.page(oparl.Urls(request.build_absolute_uri), body, kind))
