"""A funder report as tables: what the page, the CSV, the Excel file and the PDF show.

The page shows the exact figures to the agency's staff; everything that leaves the agency is
built with `suppress=True`, which passes every row through `reports.suppress`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from . import reports

COUNT, HOURS, AMOUNT = "count", "hours", "amount"
NOT_APPLICABLE = "–"


@dataclass(frozen=True)
class Column:
    label: str
    kind: str  # COUNT, HOURS or AMOUNT


@dataclass(frozen=True)
class Table:
    key: str
    caption: str
    head: str  # the title of the column of row labels
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, tuple], ...]  # (row label, values); a value may be "<5", "x" or None

    def formatted(self) -> list[tuple[str, list[str]]]:
        """Rows with every value as text in the active language's number format."""
        return [
            (label, [display(v, c.kind) for v, c in zip(values, self.columns, strict=True)])
            for label, values in self.rows
        ]


def metric_labels() -> dict[str, str]:
    return {
        "requests": _("Requests received"),
        "cases_opened": _("Cases opened"),
        "cases_active": _("Cases active"),
        "sessions": _("Sessions"),
        "minutes": _("Hours"),
    }


def dimension_labels() -> dict[str, tuple[str, str]]:
    """Each breakdown's caption and the title of its column of row labels."""
    return {
        "topic": (_("By topic"), _("Topic")),
        "language": (_("By language"), _("Language")),
        "channel": (_("By channel"), _("Channel")),
        "organization_kind": (_("By kind of organization"), _("Kind of organization")),
        "client": (_("New or returning organizations"), pgettext("figures", "Organizations")),
    }


def _figures_row(figures: reports.Figures, metrics, suppress: bool) -> tuple:
    """The row's values in the order of `metrics`, minutes shown as hours. Suppressed, the
    hours follow their sessions: withheld when the sessions are."""
    values = {m: figures.hours if m == "minutes" else getattr(figures, m) for m in metrics}
    if suppress:
        for metric in metrics:
            if metric != "minutes":
                (values[metric],) = reports.suppress(values[metric])
        if "minutes" in values:
            _sessions, values["minutes"] = reports.suppress(figures.sessions, values["minutes"])
    return tuple(values[m] for m in metrics)


def tables(report: reports.Report, *, suppress: bool) -> list[Table]:
    """The totals, one table per breakdown, the outcomes and the sessions per month."""
    labels = metric_labels()
    kinds = {metric: HOURS if metric == "minutes" else COUNT for metric in reports.METRICS}

    def columns(metrics) -> tuple[Column, ...]:
        return tuple(Column(labels[m], kinds[m]) for m in metrics)

    result = [
        Table(
            "total",
            _("All together"),
            _("Period"),
            columns(reports.METRICS),
            ((period_label(report), _figures_row(report.total, reports.METRICS, suppress)),),
        )
    ]
    for breakdown in report.breakdowns:
        caption, head = dimension_labels()[breakdown.dimension]
        result.append(
            Table(
                breakdown.dimension,
                caption,
                head,
                columns(breakdown.metrics),
                tuple(
                    (line.label, _figures_row(line.figures, breakdown.metrics, suppress))
                    for line in breakdown.lines
                ),
            )
        )
    result.append(
        Table(
            "outcomes",
            _("Outcomes reached"),
            _("Outcome"),
            (
                Column(pgettext("figures", "Number"), COUNT),
                Column(_("Amount approved (€)"), AMOUNT),
            ),
            tuple(
                (o.label, reports.suppress(o.count, o.amount) if suppress else (o.count, o.amount))
                for o in report.outcomes
            ),
        )
    )
    result.append(
        Table(
            "months",
            _("Sessions per month"),
            _("Month"),
            columns(("sessions", "minutes")),
            tuple(
                (
                    month_label(m.month),
                    reports.suppress(m.sessions, m.hours) if suppress else (m.sessions, m.hours),
                )
                for m in report.months
            ),
        )
    )
    return result


def period_label(report: reports.Report) -> str:
    return "{} – {}".format(
        formats.date_format(report.date_from, "SHORT_DATE_FORMAT"),
        formats.date_format(report.date_to, "SHORT_DATE_FORMAT"),
    )


def month_label(month) -> str:
    return formats.date_format(month, "YEAR_MONTH_FORMAT")


def display(value, kind: str) -> str:
    """A value as text in the active language: grouped digits, one decimal for hours."""
    if value is None:
        return NOT_APPLICABLE
    if isinstance(value, str):
        return value
    if kind == HOURS:
        return formats.number_format(value, 1, use_l10n=True, force_grouping=True)
    if kind == AMOUNT:
        return formats.number_format(value, 2, use_l10n=True, force_grouping=True)
    return formats.number_format(value, 0, use_l10n=True, force_grouping=True)


def raw(value):
    """A value for a spreadsheet cell: numbers stay numbers."""
    if isinstance(value, Decimal):
        return float(value)
    return value


def note(*, suppress: bool) -> str:
    if suppress:
        return _(
            "Counts from 1 to 4 are shown as “<5” so that no organization can be recognised; "
            "hours and amounts that belong to such a count are withheld (“x”). "
            "“–”: does not apply."
        )
    return _(
        "Exact figures, for your agency only. In the downloads (CSV, Excel, PDF), counts from "
        "1 to 4 are shown as “<5”, and the hours and amounts that belong to them are withheld."
    )
