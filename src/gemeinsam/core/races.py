"""The locks that keep places from being overbooked, and the one way a test may loosen them.

A service that counts free places and then takes them holds a lock in between (events: the
event's row; rooms: the rooms' rows; on SQLite the write lock that BEGIN IMMEDIATE takes). The
concurrency tests' negative controls must show that without the lock the same race overbooks,
so they need to switch a lock off and widen the window between counting and taking.

They do it through `GEMEINSAM_RACE_HOOKS`, which only the test settings (`tests/settings.py`,
outside the package) define: the dotted path of a module with `locks(name) -> bool` and
`window(name)`. The production settings have no such setting and read nothing about it from the
environment, so there every lock is taken and no window is opened.
"""

from __future__ import annotations

import importlib

from django.conf import settings

REGISTRATION = "registration"
BOOKING = "booking"


def _hooks():
    path = getattr(settings, "GEMEINSAM_RACE_HOOKS", None)
    return importlib.import_module(path) if path else None


def locks(name: str) -> bool:
    """Whether the service takes its lock (always, outside the negative controls)."""
    hooks = _hooks()
    return True if hooks is None else hooks.locks(name)


def window(name: str) -> None:
    """Called between counting places and taking them; does nothing outside the tests."""
    hooks = _hooks()
    if hooks is not None:
        hooks.window(name)
