"""The funder report's charts: sessions per month, and cases by topic. Each is built from the
report's table (`tables.tables`), so the page draws the exact figures its tables show and the PDF
draws what its suppressed tables show: a "<5" or an "x" is written, never drawn as a bar.
`core.charts` lays them out, as SVG for the page and with fpdf2 for the PDF.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.utils import formats
from django.utils.translation import gettext as _

from gemeinsam.core.charts import BARS, COLUMNS, Chart, Group, Series, values

from .reports import DIMENSIONS
from .tables import COUNT, Table, display


def months_chart(table: Table, months: Sequence[datetime.date], period: str) -> Chart:
    """One bar per month: the sessions held (the months table's first column)."""
    labels = axis_labels(months)
    return Chart(
        title=table.caption,
        description=_(
            "Bar chart: sessions per month, %(period)s, one bar per month. The table beside "
            "it lists the same numbers."
        )
        % {"period": period},
        series=(Series(table.columns[0].label),),
        groups=tuple(
            Group(label, values([row[0]], [display(row[0], COUNT)]), axis_label=axis)
            for (label, row), axis in zip(table.rows, labels, strict=True)
        ),
        kind=COLUMNS,
    )


def topics_chart(table: Table, period: str) -> Chart:
    """One bar per topic: the cases active (a case with several topics counts under each)."""
    column = DIMENSIONS["topic"].index("cases_active")
    return Chart(
        title=_("Cases active by topic"),
        description=_(
            "Bar chart: cases active per topic, %(period)s, one bar per topic. A case with "
            "several topics counts under each. The table beside it lists the same numbers."
        )
        % {"period": period},
        series=(Series(table.columns[column].label),),
        groups=tuple(
            Group(label, values([row[column]], [display(row[column], COUNT)]))
            for label, row in table.rows
        ),
        kind=BARS,
    )


def axis_labels(months: Sequence[datetime.date]) -> list[str]:
    """Under the bars: each month's short name for up to a year, else the years (at January,
    and at the first month when its year has room before the next January)."""
    if len(months) <= 12:
        return [formats.date_format(month, "M") for month in months]
    return [
        formats.date_format(month, "Y") if month.month == 1 or (i == 0 and month.month < 11) else ""
        for i, month in enumerate(months)
    ]
