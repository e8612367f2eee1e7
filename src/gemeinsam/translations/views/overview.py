"""The overview of what the person may translate into one language, and the XLIFF exchange."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from .. import queries, services
from ..enums import MAX_XLIFF_BYTES, PAGE_SIZE, target_languages
from ..forms import OverviewFilterForm, XliffUploadForm, language_name
from ..inputs import Refused

_ITEM = re.compile(r"^(?P<label>[a-z_]+\.[a-z_]+):(?P<pk>\d+)$")


@login_required
@require_http_methods(["GET", "HEAD"])
def overview(request, language: str):
    filters = OverviewFilterForm(request.GET)
    wanted = filters.cleaned_data if filters.is_valid() else {}
    rows = queries.overview(
        request.user, language, status=wanted.get("status", ""), kind=wanted.get("kind", "")
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "translations/overview.html",
        {
            "filters": filters,
            "page": page,
            "rows": page.object_list,
            "count": len(rows),
            "language": language,
            "language_name": language_name(language),
            "languages": [(code, language_name(code)) for code, _name in target_languages()],
            "querystring": query.urlencode(),
        },
    )


@login_required
@require_POST
def export(request, language: str):
    items = []
    for value in request.POST.getlist("items"):
        match = _ITEM.match(value)
        if match is None:
            raise Http404
        items.append(queries.item_for(request.user, match["label"], int(match["pk"])))
    if not items:
        messages.error(request, _("Choose the items to export."))
        return redirect("translations:overview", language=language)
    data = services.export_xliff(request.user, items, language)
    response = HttpResponse(data, content_type="application/xliff+xml; charset=utf-8")
    name = f"gemeinsam-{language}-{timezone.localdate():%Y-%m-%d}.xlf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def xliff_import(request):
    form = XliffUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read(MAX_XLIFF_BYTES + 1)
        try:
            done = services.import_xliff(request.user, data)
        except Refused as refused:
            for problem in refused.problems:
                form.add_error("file", problem)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d paragraph imported.",
                    "%(count)d paragraphs imported.",
                    done.paragraphs,
                )
                % {"count": done.paragraphs},
            )
            return redirect("translations:overview", language=done.language)
    return render(request, "translations/import.html", {"form": form})
