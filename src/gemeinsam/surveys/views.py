"""An agency's questionnaires: the list, importing an XLSForm, a questionnaire's latest
version, its launch and its export. Every view parses, authorises (a fetcher), calls one
service and responds: outsiders 404, too little right 403, nobody logged in the log-in page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gemeinsam.accounts.roles import may
from gemeinsam.agencies.queries import agency_for
from gemeinsam.core import tabular

from . import queries, services, xlsform
from .forms import XlsFormUploadForm
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
