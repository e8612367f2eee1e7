"""The figures for funders: on screen for the agency's staff, and as CSV, Excel and PDF.

The page shows exact figures (only the agency's staff see it); every download leaves the
agency, so small counts are suppressed there (`exports`).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _
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
    months = result.months
    chart_tables = tables.tables(result, suppress=False)
    return render(
        request,
        "counselling/reports/report.html",
        {
            "agency": agency,
            "form": form,
            "report": result,
            "period": tables.period_label(result),
            "tables": [t for t in chart_tables if t.key != "months"],
            "months_table": next(t for t in chart_tables if t.key == "months"),
            "note": tables.note(suppress=False),
            "chart": charts.bar_chart(
                [(tables.month_label(m.month), m.sessions) for m in months],
                label=_chart_label(result),
                rtl=translation.get_language_bidi(),
                axis_labels=_axis_labels([m.month for m in months]),
            ),
            "query": form.query(),
            "formats": [("csv", "CSV"), ("xlsx", "Excel"), ("pdf", "PDF")],
        },
    )


def _axis_labels(months) -> list[str]:
    """Under the bars: each month's short name for up to a year, else the years (at January,
    and at the first month when its year has room before the next January)."""
    if len(months) <= 12:
        return [formats.date_format(month, "M") for month in months]
    return [
        formats.date_format(month, "Y") if month.month == 1 or (i == 0 and month.month < 11) else ""
        for i, month in enumerate(months)
    ]


def _chart_label(result: reports.Report) -> str:
    return _(
        "Bar chart: sessions per month, %(period)s. The table below lists the same numbers."
    ) % {"period": tables.period_label(result)}


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
