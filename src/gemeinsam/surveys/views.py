"""An agency's questionnaires (the list, importing an XLSForm, a questionnaire's latest
version, its launch, its export and its invitations) and the answering page behind a personal
link. Every view parses, authorises (a fetcher), calls one
service and responds: outsiders 404, too little right 403, nobody logged in the log-in page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from gemeinsam.accounts.roles import may
from gemeinsam.agencies.queries import agency_for
from gemeinsam.core import tabular

from . import exports, queries, results, services, xlsform
from .enums import Audience
from .forms import AnswerForm, InvitationForm, XlsFormUploadForm
from .inputs import LANGUAGE_CODES, SOURCE, Invalid


@login_required
@require_http_methods(["GET", "HEAD"])
def questionnaire_list(request, agency):
    agency = agency_for(request.user, agency, "surveys.manage_questionnaires")
    return render(
        request,
        "surveys/questionnaire_list.html",
        {"agency": agency, "questionnaires": list(queries.questionnaires_of(agency))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def questionnaire_import(request, agency):
    agency = agency_for(request.user, agency, "surveys.manage_questionnaires")
    form = XlsFormUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.import_form(agency, form.to_input(), by=request.user)
        except Invalid as invalid:
            for problem in invalid.problems:
                form.add_error("file", problem)
        else:
            messages.success(
                request,
                _("Version %(number)s is saved as a draft.") % {"number": version.number},
            )
            return redirect(
                "surveys:questionnaire-detail",
                agency=agency.slug,
                slug=version.questionnaire.slug,
            )
    return render(request, "surveys/questionnaire_import.html", {"agency": agency, "form": form})


@login_required
@require_http_methods(["GET", "HEAD"])
def questionnaire_detail(request, agency, slug):
    questionnaire = queries.questionnaire_for(
        request.user, agency, slug, "surveys.change_questionnaire"
    )
    version = queries.latest_version(questionnaire)
    rows = queries.rows_of(version) if version else []
    return render(
        request,
        "surveys/questionnaire_detail.html",
        {
            "questionnaire": questionnaire,
            "agency": questionnaire.agency,
            "version": version,
            "rows": rows,
            "problems": queries.untranslated(version, rows) if version else [],
            "may_launch": may(request.user, "surveys.launch_questionnaire", questionnaire),
            "languages": [code for code in LANGUAGE_CODES if code != SOURCE],
        },
    )


@login_required
@require_POST
def questionnaire_launch(request, agency, slug):
    questionnaire = queries.questionnaire_for(
        request.user, agency, slug, "surveys.launch_questionnaire"
    )
    version = queries.latest_version(questionnaire)
    try:
        if version is None:
            raise Invalid([_("A questionnaire without questions cannot be launched.")])
        services.launch(version, by=request.user)
    except Invalid as invalid:
        messages.error(request, _("The questionnaire was not launched."))
        for problem in invalid.problems[:20]:
            messages.error(request, problem)
    else:
        messages.success(request, _("Version %(number)s is launched.") % {"number": version.number})
    return redirect("surveys:questionnaire-detail", agency=agency, slug=slug)


@login_required
@require_http_methods(["GET", "HEAD"])
def questionnaire_export(request, agency, slug):
    questionnaire = queries.questionnaire_for(
        request.user, agency, slug, "surveys.change_questionnaire"
    )
    version = queries.latest_version(questionnaire)
    if version is None:
        messages.error(request, _("This questionnaire has no questions yet."))
        return redirect("surveys:questionnaire-detail", agency=agency, slug=slug)
    response = HttpResponse(
        xlsform.write(queries.spec_of(version)), content_type=tabular.CONTENT_TYPES["xlsx"]
    )
    name = f"{questionnaire.slug}-v{version.number}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def questionnaire_invitations(request, agency, slug):
    questionnaire = queries.questionnaire_for(
        request.user, agency, slug, "surveys.change_questionnaire"
    )
    form = InvitationForm(
        request.POST or None, initial={"language": translation.get_language(), "count": 0}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = services.create_invitations(
                questionnaire,
                emails=data["emails"],
                count=data["count"],
                language=data["language"],
                by=request.user,
            )
        except Invalid as invalid:
            for problem in invalid.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, _("Links made: %(count)s.") % {"count": len(made)})
            return redirect("surveys:questionnaire-invitations", agency=agency, slug=slug)
    invitations = list(queries.invitations_of(questionnaire))
    for invitation in invitations:
        with translation.override(invitation.language):
            path = reverse("surveys:answer", kwargs={"token": invitation.token})
        invitation.link = request.build_absolute_uri(path)
    return render(
        request,
        "surveys/questionnaire_invitations.html",
        {
            "questionnaire": questionnaire,
            "agency": questionnaire.agency,
            "form": form,
            "invitations": invitations,
            "answered": sum(1 for i in invitations if i.answered_on),
            "live": queries.live_version(questionnaire),
            "may_launch": may(request.user, "surveys.launch_questionnaire", questionnaire),
            "public_link": _public_link(request, questionnaire),
        },
    )


def _public_link(request, questionnaire) -> str:
    if not questionnaire.public_token:
        return ""
    path = reverse("surveys:public-answer", kwargs={"token": questionnaire.public_token})
    return request.build_absolute_uri(path)


def _statement(questionnaire) -> str:
    """The anonymity statement, from the settings in force."""
    if questionnaire.anonymous:
        return _(
            "This survey is anonymous. Your answers are stored under a random number, without "
            "your link, your name or your address, and with the day only, not the time. "
            "Separately, the agency notes that your link was used, so that it works only once "
            "and you get no reminder."
        )
    return _(
        "This survey is not anonymous. The agency's staff can see that these answers come from "
        "your link, and when you sent them."
    )


# Answers to whoever holds the link: no browser or proxy cache keeps a copy (never_cache).
@never_cache
@require_http_methods(["GET", "POST"])
def answer(request, token):
    invitation = queries.invitation_for(token)
    questionnaire = invitation.questionnaire
    context = {"questionnaire": questionnaire, "statement": _statement(questionnaire)}
    if invitation.answered_on is not None:
        return render(request, "surveys/answer_done.html", context)
    version = queries.live_version(questionnaire)
    if version is None:
        raise Http404
    language = translation.get_language()
    rows = queries.rows_of(version)
    form = AnswerForm(rows, language, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit(invitation, version, form.to_input(), language=language)
        except Invalid as invalid:
            for problem in invalid.problems:
                messages.error(request, problem)
        return redirect("surveys:answer", token=invitation.token)
    context |= {"form": form, "version": version}
    return render(request, "surveys/answer.html", context)


@login_required
@require_http_methods(["GET", "HEAD"])
def results_page(request, agency):
    agency = agency_for(request.user, agency, "surveys.manage_questionnaires")
    language = translation.get_language()
    return render(
        request,
        "surveys/results.html",
        {
            "agency": agency,
            "indicators": results.indicators(agency, language),
            "results": results.choice_results(agency, language),
            "audiences": Audience.choices,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def results_export(request, agency):
    agency = agency_for(request.user, agency, "surveys.manage_questionnaires")
    language = translation.get_language()
    table = results.long_table(results.choice_results(agency, language), language)
    kind = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    data = tabular.to_xlsx([("results", table)]) if kind == "xlsx" else tabular.to_csv(table)
    response = HttpResponse(data, content_type=tabular.CONTENT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="{agency.slug}-results.{kind}"'
    return response


@login_required
@require_http_methods(["GET", "HEAD"])
def responses_export(request, agency, slug):
    questionnaire = queries.questionnaire_for(
        request.user, agency, slug, "surveys.change_questionnaire"
    )
    table = exports.wide_table(questionnaire)
    kind = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    data = tabular.to_xlsx([("responses", table)]) if kind == "xlsx" else tabular.to_csv(table)
    response = HttpResponse(data, content_type=tabular.CONTENT_TYPES[kind])
    name = f"{questionnaire.slug}-responses.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def questionnaire_remind(request, agency, slug):
    questionnaire = queries.questionnaire_for(
        request.user, agency, slug, "surveys.change_questionnaire"
    )
    count = services.remind(questionnaire, by=request.user)
    messages.success(request, _("Reminders queued: %(count)s.") % {"count": count})
    return redirect("surveys:questionnaire-invitations", agency=agency, slug=slug)


@login_required
@require_POST
def questionnaire_public_link(request, agency, slug):
    questionnaire = queries.questionnaire_for(
        request.user, agency, slug, "surveys.launch_questionnaire"
    )
    try:
        services.set_public_link(questionnaire, on=request.POST.get("on") == "1", by=request.user)
    except Invalid as invalid:
        for problem in invalid.problems:
            messages.error(request, problem)
    return redirect("surveys:questionnaire-invitations", agency=agency, slug=slug)


@never_cache
@require_http_methods(["GET", "POST"])
def public_answer(request, token):
    questionnaire = queries.questionnaire_by_public_link(token)
    version = queries.live_version(questionnaire)
    if version is None:
        raise Http404
    context = {"questionnaire": questionnaire, "statement": _statement(questionnaire)}
    language = translation.get_language()
    form = AnswerForm(
        queries.rows_of(version), language, request.POST if request.method == "POST" else None
    )
    if request.method == "POST" and form.is_valid():
        services.submit_public(version, form.to_input(), language=language)
        return render(request, "surveys/answer_done.html", context | {"public": True})
    context |= {"form": form, "version": version}
    return render(request, "surveys/answer.html", context)
