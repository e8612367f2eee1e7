"""The staff overview: readiness of the organizations in their region at a glance, filtered,
paged, and exported as CSV or XLSX. Agency staff and platform admins only."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gemeinsam.core.enums import FederalState

from .overview import PER_PAGE, STATUSES, cells, overview_rows, totals, with_saved
from .overview_export import CONTENT_TYPES, WRITERS


def _allowed(request) -> None:
    if not request.user.has_perm("funding.view_readiness_overview"):
        raise PermissionDenied


@login_required
def readiness_overview(request):
    _allowed(request)
    today = timezone.localdate()
    states, checks, form, used, rows = overview_rows(request.user, request.GET, as_of=today)
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
    if fmt not in WRITERS:
        raise Http404
    _allowed(request)
    today = timezone.localdate()
    _states, checks, _form, _used, rows = overview_rows(request.user, request.GET, as_of=today)
    listed = with_saved(rows, checks).prefetch_related("fields").order_by("name", "pk")
    response = HttpResponse(WRITERS[fmt](listed, checks), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="readiness-{today.isoformat()}.{fmt}"'
    return response
