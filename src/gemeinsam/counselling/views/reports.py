"""The figures for funders: on screen for the agency's staff, and as CSV, Excel and PDF.

The page shows exact figures (only the agency's staff see it); every download leaves the
agency, so small counts are suppressed there (`exports`).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from gemeinsam.agencies.models import Agency
from gemeinsam.agencies.queries import agency_for

from .. import charts, exports, reports, tables
from ..forms.reports import ReportForm

PERMISSION = "counselling.view_reports"


def _report(agency: Agency, form: ReportForm) -> reports.Report:
    project, date_from, date_to = form.period()
    return reports.funder_report(agency, project=project, date_from=date_from, date_to=date_to)


@login_required
@require_http_methods(["GET", "HEAD"])
def report(request, agency):
    agency = agency_for(request.user, agency, PERMISSION)
    form = ReportForm(request.GET or None, agency=agency)
    result = _report(agency, form)
    by_key = {t.key: t for t in tables.tables(result, suppress=False)}
    period = tables.period_label(result)
    total, months = by_key.pop("total"), by_key.pop("months")
    return render(
        request,
        "counselling/reports/report.html",
        {
            "agency": agency,
            "form": form,
            "report": result,
            "period": period,
            "total_table": total,
            "months_table": months,
            "tables": list(by_key.values()),
            "note": tables.note(suppress=False),
            "months_chart": charts.months_chart(months, [m.month for m in result.months], period),
            "topics_chart": charts.topics_chart(by_key["topic"], period),
            "query": form.query(),
            "formats": [("csv", "CSV"), ("xlsx", "Excel"), ("pdf", "PDF")],
        },
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def report_export_view(request, agency, fmt):
    if fmt not in exports.WRITERS:
        raise Http404
    agency = agency_for(request.user, agency, PERMISSION)
    form = ReportForm(request.GET or None, agency=agency)
    if form.is_bound and not form.is_valid():
        # The page says what is wrong with the choice; nothing is downloaded meanwhile.
        url = reverse("counselling:report", kwargs={"agency": agency.slug})
        return redirect(f"{url}?{request.GET.urlencode()}")
    result = _report(agency, form)
    response = HttpResponse(exports.WRITERS[fmt](result), content_type=exports.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(result, fmt)}"'
    return response
