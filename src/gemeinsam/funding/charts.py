"""Funding's charts: the gap per field of activity, and the readiness totals per check. Each is
built from the rows its table shows beside it; `core.charts` draws them, as SVG for the page and
with fpdf2 for a PDF."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gemeinsam.core.charts import BARS, Chart, Group, Series, Value

from .queries.gap import Row


def share(value: float | None) -> Value:
    """A share in per cent as the tables write it ("66,7 %" in German); "–" when there is
    nothing to divide by."""
    if value is None:
        return Value(None, "–")
    return Value(value, f"{number_format(value, 1)} %")


def gap_chart(rows: list[Row], region: str) -> Chart:
    """Per field, the share of migrant organizations active in it and the share funding that
    work through the field's regular funding; the established providers' share with regular
    funding is the reference mark."""
    return Chart(
        title=_("Migrant organizations per field of activity, %(region)s") % {"region": region},
        description=_(
            "Bar chart: the share of migrant organizations in %(region)s active in each field, "
            "and the share funding that work through the field's regular funding. The dashed "
            "line marks the share of established providers with regular funding in the field. "
            "The table lists the same numbers."
        )
        % {"region": region},
        series=(Series(_("active in the field")), Series(_("with regular funding"), "ok")),
        groups=tuple(
            Group(
                row.label,
                (share(row.migrant.active_share), share(row.migrant.regular_share)),
                reference=share(row.established.regular_share) if row.established.total else None,
            )
            for row in rows
        ),
        kind=BARS,
        maximum=100,
        reference_label=_("Established providers with regular funding"),
    )


def readiness_chart(totals: list[dict]) -> Chart:
    """Per readiness check, how many organizations meet it, miss something, or are unknown."""
    statuses = (
        ("met", pgettext("requirement", "met"), "ok"),
        ("not_met", pgettext("requirement", "missing"), "error"),
        ("unknown", pgettext("requirement", "unknown"), "warn"),
    )
    return Chart(
        title=_("Totals per readiness check"),
        description=_(
            "Bar chart: per readiness check, how many organizations meet it, miss something, "
            "or cannot be told yet. The table beside it lists the same numbers."
        ),
        series=tuple(Series(label, tone) for _key, label, tone in statuses),
        groups=tuple(
            Group(
                figure["check"].label,
                tuple(
                    Value(figure[key], number_format(figure[key], 0, force_grouping=True))
                    for key, _label, _tone in statuses
                ),
            )
            for figure in totals
        ),
        kind=BARS,
    )
