"""Tandems: the public calls, applying (both sides), and the agency's calls and applications.

Every view parses, authorises (a fetcher), calls one service and responds. Calls and
applications are fetched through the person asking: an outsider gets 404, too little right
403, nobody logged in the log-in page.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gemeinsam.accounts.roles import may, roles_of
from gemeinsam.agencies.models import Agency
from gemeinsam.agencies.queries import agency_for
from gemeinsam.core import content
from gemeinsam.organizations.models import FieldOfActivity, WorkingLanguage

from . import pairing, queries, services
from .enums import ApplicationStatus, PartnerAnswer
from .forms import AnswerForm, ApplicationForm, CallForm, PairForm, show_problems
from .inputs import Invalid


@require_http_methods(["GET", "HEAD"])
def call_list(request):
    calls = content.prefetch(list(queries.open_calls(timezone.localdate())))
    ids = roles_of(request.user).agencies
    # Staff reach their agency's calls from here, also before it has any.
    managed = Agency.objects.filter(pk__in=ids, is_active=True).order_by("name") if ids else []
    return render(request, "tandems/call_list.html", {"calls": calls, "managed_agencies": managed})


@require_http_methods(["GET", "HEAD"])
def call_detail(request, agency, slug):
    call = queries.call_for(request.user, agency, slug)
    content.prefetch([call])
    return render(
        request,
        "tandems/call_detail.html",
        {
            "call": call,
            "is_open": call.is_open(),
            "can_change": may(request.user, "tandems.change_call", call),
            "may_apply": bool(roles_of(request.user).organizations)
            or not request.user.is_authenticated,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def call_manage(request, agency):
    agency = agency_for(request.user, agency, "tandems.manage_calls")
    calls = content.prefetch(list(queries.calls_of_agency(agency)))
    return render(request, "tandems/call_manage.html", {"agency": agency, "calls": calls})


@login_required
@require_http_methods(["GET", "POST"])
def call_form(request, agency, slug=None):
    agency = agency_for(request.user, agency, "tandems.manage_calls")
    call = (
        queries.call_for(request.user, agency.slug, slug, "tandems.change_call") if slug else None
    )
    form = CallForm(request.POST or None, instance=call)
    if request.method == "POST" and form.is_valid():
        try:
            call = services.save_call(
                agency,
                form.to_input(),
                by=request.user,
                call=call,
                minor_edit=form.cleaned_data.get("minor_edit", False),
            )
        except Invalid as error:
            show_problems(form, error.problems)
        else:
            messages.success(request, _("The call has been saved."))
            return redirect(call.get_absolute_url())
    return render(request, "tandems/call_form.html", {"agency": agency, "call": call, "form": form})


def _submit_wanted(request) -> bool:
    return request.POST.get("action") == "submit"


@login_required
@require_http_methods(["GET", "POST"])
def application_create(request, agency, slug):
    call = queries.call_for(request.user, agency, slug)
    if not roles_of(request.user).organizations:
        raise PermissionDenied
    organizations = queries.organizations_to_apply_for(request.user, call)
    form = ApplicationForm(
        request.POST or None, request.FILES or None, call=call, organizations=organizations
    )
    if request.method == "POST" and form.is_valid():
        try:
            application = services.save_application(
                call, form.to_input(submit=_submit_wanted(request)), by=request.user
            )
        except Invalid as error:
            show_problems(form, error.problems)
        else:
            messages.success(request, _saved_message(application))
            return redirect(application.get_absolute_url())
    content.prefetch([call])
    return render(
        request,
        "tandems/application_form.html",
        {"call": call, "form": form, "application": None, "is_open": call.is_open()},
    )


def _saved_message(application) -> str:
    if application.status == ApplicationStatus.DRAFT:
        return _("Your draft has been saved. You can change it until the deadline.")
    if application.partner_id and application.partner_answer == PartnerAnswer.INVITED:
        return _(
            "Your application has been submitted. It counts once your partner organization "
            "has accepted."
        )
    return _("Your application has been submitted.")


@login_required
@require_http_methods(["GET", "HEAD"])
def my_applications(request):
    applications = list(queries.applications_of(request.user))
    content.prefetch([a.call for a in applications])
    mine = set(roles_of(request.user).organizations)
    return render(
        request,
        "tandems/my_applications.html",
        {
            "own": [a for a in applications if a.organization_id in mine],
            "invitations": [
                a for a in applications if a.organization_id not in mine and a.partner_id in mine
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_detail(request, pk):
    application = queries.application_for(request.user, pk, "tandems.view_application")
    call = application.call
    may_change = may(request.user, "tandems.change_application", application) and (
        application.status != ApplicationStatus.WITHDRAWN
    )
    if request.method == "POST" and not may_change:
        raise PermissionDenied
    form = None
    if may_change:
        form = ApplicationForm(
            request.POST or None,
            request.FILES or None,
            call=call,
            application=application,
            initial=ApplicationForm.initial_for(application),
        )
        if request.method == "POST" and form.is_valid():
            try:
                application = services.save_application(
                    call,
                    form.to_input(submit=_submit_wanted(request)),
                    by=request.user,
                    application=application,
                )
            except Invalid as error:
                show_problems(form, error.problems)
            else:
                messages.success(request, _saved_message(application))
                return redirect(application.get_absolute_url())
    content.prefetch([call])
    return render(
        request,
        "tandems/application_detail.html",
        {
            "application": application,
            "call": call,
            "form": form,
            "is_open": call.is_open(),
            "may_answer": may(request.user, "tandems.answer_invitation", application)
            and application.partner_answer == PartnerAnswer.INVITED,
        },
    )


@login_required
@require_POST
def invitation_answer(request, pk):
    application = queries.application_for(request.user, pk, "tandems.answer_invitation")
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose to accept or decline."))
        return redirect(application.get_absolute_url())
    accept = form.cleaned_data["decision"] == "accept"
    try:
        services.answer_invitation(application, accept=accept, by=request.user)
    except Invalid as error:
        for problem in error.problems.get("__all__", []):
            messages.error(request, problem)
    else:
        messages.success(
            request,
            _("You have accepted the invitation. The application now counts.")
            if accept
            else _("You have declined the invitation."),
        )
    return redirect(application.get_absolute_url())


@login_required
@require_http_methods(["GET", "HEAD"])
def application_document(request, pk, position):
    application = queries.application_for(request.user, pk, "tandems.view_application")
    document = get_object_or_404(application.documents.all(), position=position)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    return FileResponse(handle, as_attachment=True, filename=document.original_name)


@login_required
@require_http_methods(["GET", "HEAD"])
def application_list(request, agency, slug):
    call = queries.call_for(request.user, agency, slug, "tandems.view_applications")
    content.prefetch([call])
    return render(
        request,
        "tandems/application_list.html",
        {"call": call, "applications": list(queries.applications_of_call(call))},
    )


def _excluded(request) -> set[tuple[int, int]]:
    pairs = set()
    for value in request.GET.getlist("exclude")[:200]:
        mo, _sep, partner = value.partition("-")
        if mo.isdigit() and partner.isdigit():
            pairs.add((int(mo), int(partner)))
    return pairs


@login_required
@require_http_methods(["GET", "HEAD"])
def pair_list(request, agency, slug):
    call = queries.call_for(request.user, agency, slug, "tandems.form_tandems")
    applications = list(queries.applications_to_pair(call))
    excluded = _excluded(request)
    proposal = pairing.propose(applications, within_land=call.pairs_within_land, excluded=excluded)
    fields = {f.pk: f.label for f in FieldOfActivity.objects.all()}
    languages = {lang.pk: lang.label for lang in WorkingLanguage.objects.all()}
    exclusions = [f"{mo}-{partner}" for mo, partner in sorted(excluded)]
    content.prefetch([call])
    return render(
        request,
        "tandems/pair_list.html",
        {
            "call": call,
            "tandems": [
                (t, pairing.reason_chips(t.reasons, fields, languages))
                for t in queries.tandems_of_call(call)
            ],
            "suggestions": [
                (
                    s,
                    pairing.reason_chips(s.reasons.as_json(), fields, languages),
                    "&".join(f"exclude={e}" for e in [*exclusions, f"{s.mo.pk}-{s.partner.pk}"]),
                )
                for s in proposal.suggestions
            ],
            "unpaired": proposal.unpaired,
            "excluded": bool(excluded),
            "form": PairForm(applications=applications),
        },
    )


@login_required
@require_POST
def tandem_create(request, agency, slug):
    call = queries.call_for(request.user, agency, slug, "tandems.form_tandems")
    form = PairForm(request.POST, applications=list(queries.applications_to_pair(call)))
    if not form.is_valid():
        messages.error(request, _("Choose a migrant organization and a partner that applied."))
        return redirect("tandems:pair-list", agency=call.agency.slug, slug=call.slug)
    mo, partner = form.cleaned_data["mo"], form.cleaned_data["partner"]
    points, reasons = pairing.score(pairing.Side.of(mo), pairing.Side.of(partner))
    try:
        services.form_tandem(
            call, mo, partner, by=request.user, reasons=reasons.as_json(), score=points
        )
    except Invalid as error:
        for problem in error.problems.get("__all__", []):
            messages.error(request, problem)
    else:
        messages.success(
            request,
            _("%(mo)s and %(partner)s now form a tandem.")
            % {"mo": mo.organization.name, "partner": partner.organization.name},
        )
    return redirect("tandems:pair-list", agency=call.agency.slug, slug=call.slug)
