"""A funder report as tables: what the page, the CSV, the Excel file and the PDF show.

The page shows the exact figures to the agency's staff; everything that leaves the agency is
built with `suppress=True`: counts from 1 to 4 become "<5" (`reports.suppress`), and where a
published total would give such a count away by subtraction (167 in all, 164 shown, so the
hidden one is 3), more counts of its column are withheld (`hidden_cells`).
"""

from __future__ import annotations

from collections.abc import Sequence
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


def hidden_cells(counts: Sequence[int | None]) -> set[int]:
    """The positions in a column of counts that must not be shown, when its total is.

    Counts from 1 to 4 are hidden ("<5"). The reader knows the total and every count shown, so
    the sum of the hidden ones too, and that each is from 1 to 4 ("<5") or at least 5 (withheld,
    "x"). While that sum pins a hidden count to one value (a single hidden count; two "<5" that
    add up to 2; a "<5" and a withheld count that add up to 6), the smallest count still shown
    is withheld as well. Zeros are never hidden: an empty cell names nobody.
    """
    hidden = {i for i, count in enumerate(counts) if count and count < reports.SMALL}
    while hidden and _pinned([counts[i] for i in hidden]):
        shown = [i for i, count in enumerate(counts) if count and i not in hidden]
        if not shown:
            break  # everything is hidden already; the total is then itself below 5
        hidden.add(min(shown, key=lambda i: (counts[i], i)))
    return hidden


def _pinned(hidden: list[int]) -> bool:
    """Whether the sum of the hidden counts narrows one of them down to a single value."""
    total = sum(hidden)
    bounds = [
        (1, reports.SMALL - 1) if c < reports.SMALL else (reports.SMALL, total) for c in hidden
    ]
    for i, (low, high) in enumerate(bounds):
        others_low = sum(b[0] for j, b in enumerate(bounds) if j != i)
        others_high = sum(b[1] for j, b in enumerate(bounds) if j != i)
        if max(low, total - others_high) == min(high, total - others_low):
            return True
    return False


def _rows(items: Sequence, metrics, suppress: bool) -> list[tuple]:
    """Each item's values in the order of `metrics`, minutes shown as hours.

    Suppressed, each count column is checked against its total (`hidden_cells`): the rows of a
    breakdown add up to the report's total (topics nearly so), the months to the sessions. The
    hours follow their sessions: withheld when the sessions are hidden.
    """
    hidden = {
        metric: hidden_cells([getattr(item, metric) for item in items]) if suppress else set()
        for metric in metrics
        if metric != "minutes"
    }
    rows = []
    for position, item in enumerate(items):
        values = []
        for metric in metrics:
            if metric == "minutes":
                withheld = position in hidden["sessions"] and item.hours is not None
                values.append(reports.WITHHELD if withheld else item.hours)
                continue
            count = getattr(item, metric)
            if position not in hidden[metric]:
                values.append(count)
            elif count < reports.SMALL:
                values.append(reports.SUPPRESSED)
            else:
                values.append(reports.WITHHELD)
        rows.append(tuple(values))
    return rows


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
            ((period_label(report), _rows([report.total], reports.METRICS, suppress)[0]),),
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
                    zip(
                        (line.label for line in breakdown.lines),
                        _rows(
                            [line.figures for line in breakdown.lines], breakdown.metrics, suppress
                        ),
                        strict=True,
                    )
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
                zip(
                    (month_label(m.month) for m in report.months),
                    _rows(report.months, ("sessions", "minutes"), suppress),
                    strict=True,
                )
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
            "Counts from 1 to 4 are shown as “<5” so that no organization can be recognised. "
            "Hours and amounts that belong to such a count are withheld (“x”), and so is another "
            "count where the total would otherwise give a small count away. "
            "“–”: does not apply."
        )
    return _(
        "Exact figures, for your agency only. In the downloads (CSV, Excel, PDF), counts from "
        "1 to 4 are shown as “<5”; the hours and amounts that belong to them, and another count "
        "where the total would give a small one away, are withheld."
    )
