"""One limit on asking for counselling, shared by the web form and the API.

At most `GEMEINSAM_REQUEST_RATE` (e.g. "5/h") requests per client address, counted in the
shared "default" cache, so every application server counts against the same history. Only
submissions that would be stored count: someone correcting a form with errors is not punished.
An empty rate switches the limit off.
"""

from __future__ import annotations

import re
import time

from django.conf import settings
from django.core.cache import cache

PERIODS = {"s": 1, "m": 60, "h": 60 * 60, "d": 24 * 60 * 60}
RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])[a-z]*\s*$")
KEY = "counselling-request:%s"


def parse_rate(rate: str | None) -> tuple[int, int] | None:
    """ "5/h" → (5, 3600); "10/15m" → (10, 900); empty → None (no limit)."""
    if not rate:
        return None
    match = RATE.match(rate)
    if match is None:
        raise ValueError(f"GEMEINSAM_REQUEST_RATE {rate!r} is not like '5/h'")
    count, multiple, unit = match.groups()
    return int(count), int(multiple or 1) * PERIODS[unit]


def client_address(request) -> str:
    # REMOTE_ADDR only: a forwarded-for header is the client's to invent. Behind a proxy, the
    # proxy sets REMOTE_ADDR (e.g. gunicorn's --forwarded-allow-ips).
    return request.META.get("REMOTE_ADDR") or "unknown"


def take(request) -> bool:
    """Count one request from this address. False, and nothing counted, when over the limit."""
    rate = parse_rate(getattr(settings, "GEMEINSAM_REQUEST_RATE", ""))
    if rate is None:
        return True
    allowed, duration = rate
    key = KEY % client_address(request)
    now = time.time()
    history = [moment for moment in cache.get(key, []) if moment > now - duration]
    if len(history) >= allowed:
        return False
    history.append(now)
    cache.set(key, history, duration)
    return True
