"""Overbooking protection cannot be switched off in production: only the test settings, outside
the package, install the race hooks."""

from pathlib import Path

import gemeinsam
from gemeinsam import settings as production
from gemeinsam.core import races

SOURCE = Path(gemeinsam.__file__).resolve().parent


def test_production_settings_install_no_race_hooks():
    assert not hasattr(production, "GEMEINSAM_RACE_HOOKS")
    assert not hasattr(production, "GEMEINSAM_RACES")


def test_without_hooks_every_lock_is_taken_and_no_window_opens(settings):
    del settings.GEMEINSAM_RACE_HOOKS
    settings.GEMEINSAM_RACES = {"registration": {"lock": False, "delay": 60}}
    assert races.locks(races.REGISTRATION) is True
    assert races.window(races.REGISTRATION) is None  # returns at once: no hook, no sleep


def test_the_test_settings_hooks_switch_a_lock_off(settings):
    settings.GEMEINSAM_RACES = {"booking": {"lock": False}}
    assert races.locks(races.BOOKING) is False
    assert races.locks(races.REGISTRATION) is True


def test_no_service_sleeps_and_nothing_reads_a_lock_switch():
    switches = ("GEMEINSAM_REGISTRATION_LOCK", "GEMEINSAM_BOOKING_LOCK", "RACE_DELAY")
    sleeping, switching = [], []
    for path in SOURCE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if "services" in str(path.relative_to(SOURCE)) and "sleep(" in text:
            sleeping.append(path.name)
        if any(switch in text for switch in switches):
            switching.append(path.name)
    assert (sleeping, switching) == ([], [])
