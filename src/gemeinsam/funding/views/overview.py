"""The staff overview: readiness of the organizations in their region at a glance, filtered,
paged, and exported as CSV or XLSX. Agency staff and platform admins only."""

from __future__ import annotations

import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gemeinsam.core.enums import FederalState
from gemeinsam.organizations.models import FieldOfActivity

from ..charts import readiness_chart
from ..exports import CONTENT_TYPES, OVERVIEW_WRITERS
from ..forms import read_filters
from ..queries.overview import (
    PER_PAGE,
    STATUSES,
    cells,
    filtered,
    in_region,
    readiness_checks,
    region_states,
    totals,
    with_saved,
    with_statuses,
)


def _allowed(request) -> None:
    if not request.user.has_perm("funding.view_readiness_overview"):
        raise PermissionDenied


def _overview_rows(user, data, *, as_of: datetime.date):
    """Everything the page and the export need: (region states, checks, filter form, the
    filters in use, the filtered rows with statuses, in no order yet)."""
    states = region_states(user)
    checks = readiness_checks()
    fields = list(FieldOfActivity.objects.order_by("position", "code"))
    form, used = read_filters(data, states=states, checks=checks, fields=fields)
    rows = filtered(with_statuses(in_region(states), checks, as_of=as_of), used, checks)
    return states, checks, form, used, rows


@login_required
def readiness_overview(request):
    _allowed(request)
    today = timezone.localdate()
    states, checks, form, used, rows = _overview_rows(request.user, request.GET, as_of=today)
    figures = totals(rows, checks)
    listed = with_saved(rows, checks).select_related("legal_form").order_by("name", "pk")
    page = Paginator(listed, PER_PAGE).get_page(request.GET.get("page"))
    keep = request.GET.copy()
    keep.pop("page", None)
    labels = dict(FederalState.choices)
    return render(
        request,
        "funding/readiness_overview.html",
        {
            "checks": checks,
            "totals": figures,
            "chart": readiness_chart(figures),
            "statuses": STATUSES,
            "form": form,
            "filtered": bool(used),
            "page": page,
            "rows": [(org, cells(org, checks)) for org in page.object_list],
            "region": [labels[s] for s in states] if states is not None else None,
            "querystring": keep.urlencode(),
            "export_query": keep.urlencode(),
            "as_of": today,
        },
    )


@login_required
def readiness_export(request, fmt: str):
    if fmt not in OVERVIEW_WRITERS:
        raise Http404
    _allowed(request)
    today = timezone.localdate()
    _states, checks, _form, _used, rows = _overview_rows(request.user, request.GET, as_of=today)
    listed = with_saved(rows, checks).prefetch_related("fields").order_by("name", "pk")
    response = HttpResponse(OVERVIEW_WRITERS[fmt](listed, checks), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="readiness-{today.isoformat()}.{fmt}"'
    return response
