"""Applying (both sides), one's applications, invitations, and a call's applications."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gemeinsam.accounts.roles import may, roles_of
from gemeinsam.core import content

from .. import queries, services
from ..enums import ApplicationStatus, PartnerAnswer
from ..forms import AnswerForm, ApplicationForm, show_problems
from ..inputs import Invalid


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
    tandems = list(queries.tandems_of(request.user))
    content.prefetch([a.call for a in applications] + [t.call for t in tandems])
    mine = set(roles_of(request.user).organizations)
    return render(
        request,
        "tandems/my_applications.html",
        {
            "tandems": tandems,
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
        {
            "call": call,
            "applications": list(queries.applications_of_call(call)),
            "paired": {
                org
                for pair in queries.tandems_of_call(call).values_list("migrant_org", "partner")
                for org in pair
            },
        },
    )


@login_required
@require_POST
def application_withdraw(request, pk):
    application = queries.application_for(request.user, pk, "tandems.change_application")
    if application.status == ApplicationStatus.WITHDRAWN:
        messages.error(request, _("This application has been withdrawn."))
    else:
        services.withdraw_application(application, by=request.user)
        messages.success(request, _("Your application has been withdrawn."))
    return redirect(application.get_absolute_url())


@login_required
@require_POST
def application_tandem(request, agency, slug, pk):
    call = queries.call_for(request.user, agency, slug, "tandems.form_tandems")
    application = get_object_or_404(queries.counting_applications(call), pk=pk)
    try:
        tandem = services.form_pair_first_tandem(call, application, by=request.user)
    except Invalid as error:
        for problem in error.problems.get("__all__", []):
            messages.error(request, problem)
        return redirect("tandems:application-list", agency=call.agency.slug, slug=call.slug)
    messages.success(
        request,
        _("%(mo)s and %(partner)s now form a tandem.")
        % {"mo": tandem.migrant_org.name, "partner": tandem.partner.name},
    )
    return redirect(tandem.get_absolute_url())
