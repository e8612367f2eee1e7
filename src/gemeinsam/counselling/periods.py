"""The period of a funder report: its defaults, its limits, its days and months."""

from __future__ import annotations

import datetime

from django.utils import timezone

MAX_YEARS = 10


def day_bounds(date_from: datetime.date, date_to: datetime.date):
    """The period as aware datetimes [start, end) in the installation's time zone."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(date_from, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(date_to + datetime.timedelta(days=1), datetime.time.min)
    return start, end.replace(tzinfo=zone)


def months_between(date_from: datetime.date, date_to: datetime.date) -> list[datetime.date]:
    month = date_from.replace(day=1)
    result = []
    while month <= date_to:
        result.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return result


def default_period(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The current calendar year."""
    today = today or timezone.localdate()
    return datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31)


def years_later(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
