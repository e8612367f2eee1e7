"""The demo on every kind of day: loading it again, or a week later, adds no row and only moves
dates — in December (the Christmas closure), on 29 February and on the daylight-saving switches.

The demo is loaded once on an ordinary day (a Tuesday in June); each test then moves the clock
to its day and loads it there, again, and a week later, inside its own transaction.
"""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.apps import apps
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from gemeinsam.demo.loader import load_demo_data
from gemeinsam.demo.rooms import rooms_data
from gemeinsam.events.models import Event
from gemeinsam.rooms.models import Booking, Closure
from tests.calendar_days import each_day, local

pytestmark = pytest.mark.django_db

BASE_DAY = datetime.date(2027, 6, 15)
BOCHUM = "powersharing-und-solidaritaet-2024"  # the past closing event
WEEKLY = rooms_data().weekly
WEEK = datetime.timedelta(days=7)


# The search's change log records every rewrite of a search document (a load rebuilds them
# all) for the facet bitmaps of every process to follow; it trims itself, and holds no content.
LOGS = {"organizations.SearchChange"}


def _counts() -> dict[str, int]:
    """Rows of every table, the queued jobs (mails) included."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if not model._meta.proxy and model._meta.label not in LOGS
    }


@pytest.fixture(scope="module")
def base_counts(django_db_setup, django_db_blocker, tmp_path_factory):
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(
            PASSWORD_HASHERS=fast,
            MEDIA_ROOT=tmp_path_factory.mktemp("media"),
            GEMEINSAM_PRIVATE_MEDIA_ROOT=tmp_path_factory.mktemp("private"),
        ),
        transaction.atomic(),
    ):
        with time_machine.travel(local(BASE_DAY), tick=False):
            load_demo_data()
        yield _counts()
        transaction.set_rollback(True)


def _starts() -> dict[str, datetime.datetime]:
    return dict(Event.objects.values_list("slug", "starts_at"))


def _weekly_days() -> list[datetime.date]:
    bookings = Booking.objects.filter(series=WEEKLY.series).order_by("starts_at")
    return [timezone.localtime(b.starts_at).date() for b in bookings]


def _weekly_hours() -> set[tuple[int, int]]:
    bookings = Booking.objects.filter(series=WEEKLY.series)
    return {
        (timezone.localtime(b.starts_at).hour, timezone.localtime(b.ends_at).hour) for b in bookings
    }


@each_day()
def test_loading_on_the_day_again_and_a_week_later_adds_no_row(base_counts, day):
    with time_machine.travel(local(day), tick=False):
        load_demo_data()
        assert _counts() == base_counts
        starts, weekly = _starts(), _weekly_days()
        # 16:00 to 18:00 Berlin time, in summer and winter time and across a switch.
        assert _weekly_hours() == {(16, 18)}

        load_demo_data()
        assert _counts() == base_counts
        assert _starts() == starts
        assert _weekly_days() == weekly

    with time_machine.travel(local(day + WEEK), tick=False):
        load_demo_data()
        assert _counts() == base_counts
        moved = _starts()

    assert moved[BOCHUM] == starts[BOCHUM]  # a past event stays
    assert all(moved[slug] >= starts[slug] for slug in starts)
    assert moved != starts
    # The weekly parents' café: six Wednesdays after the day, none in the closure.
    closure = Closure.objects.get(reason__startswith="Betriebsferien")
    later = _weekly_days()
    assert len(later) == WEEKLY.weeks
    assert all(d > day + WEEK and d.weekday() == 2 for d in later)
    assert not [d for d in later if closure.starts_on <= d <= closure.ends_on]
