"""The gap, live: the dashboard (public, figures only), the drill-down to the organizations behind
a count (agency staff and platform admins) and the figures as CSV or XLSX (public)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gemeinsam.core.enums import FederalState
from gemeinsam.organizations.models import FieldOfActivity
from gemeinsam.organizations.queries import organizations_visible_to

from ..charts import gap_chart
from ..exports import CONTENT_TYPES, GAP_WRITERS
from ..forms import GapFilterForm
from ..queries import gap

PERM = "funding.view_gap_organizations"
PER_PAGE = 25


def _filters(request) -> tuple[gap.Filters, list[FieldOfActivity], list[str]]:
    fields = list(FieldOfActivity.objects.all())
    state = str(request.GET.get("state", "")).strip().upper()
    districts = gap.districts(state if state in FederalState.values else "")
    return gap.parse_filters(request.GET, fields, districts), fields, districts


def _group_labels() -> dict[str, str]:
    return {
        gap.Group.ACTIVE: _("active in the field"),
        gap.Group.REGULAR: _("funding that work through the field's regular funding"),
        gap.Group.ACTIVE_WITHOUT_REGULAR: _("active in the field without regular funding there"),
    }


@require_http_methods(["GET", "HEAD"])
def gap_dashboard(request):
    filters, fields, districts = _filters(request)
    field_rows = gap.by_field(filters, fields)
    state_rows = gap.by_state(filters)
    chosen = next((r for r in field_rows if filters.field and r.key == filters.field.code), None)
    form = GapFilterForm(filters.query(), districts=districts, fields=fields)
    return render(
        request,
        "funding/gap.html",
        {
            "filters": filters,
            "form": form,
            "field_rows": field_rows,
            "chart": gap_chart(field_rows, filters.region_label),
            "state_rows": state_rows,
            "chosen": chosen,
            "can_drill": request.user.has_perm(PERM),
            "query": urlencode(filters.query()),
            "region_query": urlencode(filters.query(field="")),
            "formats": [("csv", "CSV"), ("xlsx", "Excel")],
        },
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def gap_organizations(request):
    if not request.user.has_perm(PERM):
        raise PermissionDenied
    filters, _fields, _districts = _filters(request)
    group = request.GET.get("group", "")
    if group not in gap.Group.ALL:
        group = gap.Group.ACTIVE
    kind = request.GET.get("kind", "")
    if kind not in gap.KINDS:
        kind = gap.MIGRANT
    visible = organizations_visible_to(request.user).values("pk")
    orgs = (
        gap.organizations(filters, group, kind)
        .filter(pk__in=visible)
        .order_by("name", "pk")
        .only("name", "slug", "city", "district", "federal_state", "is_public")
    )
    page = Paginator(orgs, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "funding/gap_organizations.html",
        {
            "filters": filters,
            "group": group,
            "group_label": _group_labels()[group],
            "kind_label": gap.OrganizationKind(kind).label,
            "page": page,
            "querystring": urlencode(filters.query(group=group, kind=kind)),
            "back": urlencode(filters.query()),
        },
    )


# --- Export ----------------------------------------------------------------------------------


def _tables(request) -> tuple[gap.Filters, list[tuple[str, list[list]]]]:
    filters, fields, _districts = _filters(request)
    field_label = filters.field.label if filters.field else ""
    by_field = gap.table(
        gap.by_field(filters, fields), region=filters.region_label, first=_("Field of activity")
    )
    by_state = gap.table(gap.by_state(filters), region="", first=_("Federal state"))
    for line in by_state[1:]:
        line[0] = field_label  # the state table is for one field: say which, on every line
    by_state[0][0] = _("Field of activity")
    return filters, [(_("By field"), by_field), (_("By federal state"), by_state)]


@require_http_methods(["GET", "HEAD"])
def gap_export(request, fmt: str):
    """The figures table: CSV holds one table (`table=states` for the federal states, else the
    fields), XLSX both, one sheet each."""
    if fmt not in GAP_WRITERS:
        raise Http404
    filters, tables = _tables(request)
    which = 1 if request.GET.get("table") == "states" else 0
    response = HttpResponse(GAP_WRITERS[fmt](tables, which), content_type=CONTENT_TYPES[fmt])
    name = "-".join(part for part in ("funding-gap", filters.state.lower()) if part)
    if fmt == "csv" and which:
        name += "-states"
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
