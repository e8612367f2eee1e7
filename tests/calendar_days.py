"""The days on which everything that reads today's date is run in the suite.

The first of every month of a year, the days from Christmas Eve to New Year's Day, 29 February,
and both daylight-saving switches in Europe/Berlin. Each day comes with a local time of day;
the clock is moved with time-machine, so the code under test reads the real `timezone.now()`.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest

BERLIN = ZoneInfo("Europe/Berlin")

# The last Sundays of March and October 2027: at 02:00 the clock jumps to 03:00, and at 03:00
# it goes back to 02:00.
SPRING_FORWARD = datetime.date(2027, 3, 28)
FALL_BACK = datetime.date(2027, 10, 31)
LEAP_DAY = datetime.date(2028, 2, 29)

DAYS = sorted(
    {datetime.date(2027, month, 1) for month in range(1, 13)}
    | {datetime.date(2027, 12, day) for day in range(24, 32)}
    | {datetime.date(2028, 1, 1), LEAP_DAY, SPRING_FORWARD, FALL_BACK}
)


def local(day: datetime.date, hour: int = 9, minute: int = 30) -> datetime.datetime:
    """`hour:minute` on `day` in Berlin (on the switch days, hours that exist once)."""
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=BERLIN)


def each_day():
    """pytest.mark.parametrize over the days, each with a readable id."""
    return pytest.mark.parametrize("day", DAYS, ids=[d.isoformat() for d in DAYS])
