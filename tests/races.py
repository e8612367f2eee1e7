"""The race hooks of the test settings (see `gemeinsam.core.races`): per lock name, whether the
lock is taken and how long to wait between counting places and taking them."""

import time

from django.conf import settings


def _race(name: str) -> dict:
    return settings.GEMEINSAM_RACES.get(name, {})


def locks(name: str) -> bool:
    return _race(name).get("lock", True)


def window(name: str) -> None:
    delay = _race(name).get("delay", 0)
    if delay:
        time.sleep(delay)
