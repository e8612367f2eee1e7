"""Days and times in the demo's data: fixed, or counted from the day the demo is loaded.

Upcoming dates fall on weekdays at usual local times (Europe/Berlin, the installation's zone),
never between Christmas and New Year.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Literal

from django.utils import timezone

from . import records

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def is_holiday(day: datetime.date) -> bool:
    """Between Christmas and New Year nobody holds an event (and KomMig is closed)."""
    return (day.month == 12 and day.day >= 22) or (day.month == 1 and day.day <= 3)


def on(
    today: datetime.date,
    days: int,
    weekday: int,
    *,
    length: int = 1,
    taken: set[datetime.date] | None = None,
) -> datetime.date:
    """The first given weekday (0 = Monday) at least `days` after today whose `length` days
    are all outside the holidays and not in `taken` (the days a venue is already used; the
    chosen days are added to it)."""
    day = today + datetime.timedelta(days=days)
    day += datetime.timedelta(days=(weekday - day.weekday()) % 7)

    def span(first):
        return [first + datetime.timedelta(days=n) for n in range(length)]

    while any(is_holiday(d) or d in (taken or ()) for d in span(day)):
        day += datetime.timedelta(days=7)
    if taken is not None:
        taken.update(span(day))
    return day


def at(day: datetime.date, hour: int | datetime.time, minute: int = 0) -> datetime.datetime:
    """A local time (Europe/Berlin, the installation's zone) on that day."""
    time = hour if isinstance(hour, datetime.time) else datetime.time(hour, minute)
    return timezone.make_aware(datetime.datetime.combine(day, time))


@dataclass(frozen=True)
class When:
    """The days something takes place: on a fixed `date`, or on the first `weekday` at least
    `in_days` after today (see `on`); `days` in a row, from `starts` on the first to `ends` on
    the last. Things with the same `one_per_day` (one room) never share a day."""

    starts: datetime.time
    ends: datetime.time
    date: datetime.date | None = None
    in_days: int | None = None
    weekday: Weekday | None = None
    days: int = 1
    one_per_day: str = ""

    @classmethod
    def from_data(cls, value, where: records.Where) -> When:
        found = records.record(cls, value, where)
        if found.date is None and (found.in_days is None or found.weekday is None):
            raise where.error("needs a date, or in_days and a weekday")
        if found.days < 1:
            raise where.error("days must be 1 or more")
        return found

    def first_day(self, today: datetime.date, taken: dict[str, set[datetime.date]]):
        if self.date is not None:
            return self.date
        group = taken.setdefault(self.one_per_day, set()) if self.one_per_day else None
        return on(today, self.in_days, WEEKDAYS.index(self.weekday), length=self.days, taken=group)

    def span(self, today: datetime.date, taken: dict[str, set[datetime.date]]):
        """(first day, starts at, ends at)."""
        first = self.first_day(today, taken)
        last = first + datetime.timedelta(days=self.days - 1)
        return first, at(first, self.starts), at(last, self.ends)


@dataclass(frozen=True)
class Moment:
    """A time of day on a fixed `date`, or `days_before` a day."""

    at: datetime.time
    date: datetime.date | None = None
    days_before: int | None = None

    @classmethod
    def from_data(cls, value, where: records.Where) -> Moment:
        found = records.record(cls, value, where)
        if (found.date is None) == (found.days_before is None):
            raise where.error("needs either a date or days_before")
        return found

    def before(self, day: datetime.date | None = None) -> datetime.datetime:
        if self.date is not None:
            return at(self.date, self.at)
        return at(day - datetime.timedelta(days=self.days_before), self.at)


@dataclass(frozen=True)
class Day:
    """A day: a fixed `date`, or the day the demo is loaded, or a `month_day` ("09-30") of the
    year `years_ahead` of today's; then `days_before` it."""

    date: datetime.date | None = None
    month_day: str = ""
    years_ahead: int = 0
    days_before: int = 0

    @classmethod
    def from_data(cls, value, where: records.Where) -> Day:
        found = records.record(cls, value, where)
        if found.date is not None and (found.month_day or found.years_ahead):
            raise where.error("a date needs no month_day or years_ahead")
        if found.years_ahead and not found.month_day:
            raise where.error("years_ahead needs a month_day")
        if found.month_day:
            try:
                datetime.date.fromisoformat(f"2000-{found.month_day}")
            except ValueError:
                raise where.error("month_day is a day of the year, such as '09-30'") from None
        return found

    def of(self, today: datetime.date) -> datetime.date:
        if self.date is not None:
            base = self.date
        elif self.month_day:
            base = datetime.date.fromisoformat(f"{today.year + self.years_ahead}-{self.month_day}")
        else:
            base = today
        return base - datetime.timedelta(days=self.days_before)
