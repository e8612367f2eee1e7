"""Whole pages cached for anonymous visitors, dropped as soon as their data changes.

A page is stored per language and full path under a version the view names (for the event
list: the time of the latest change to any event, which registrations update too). The copy
lives in each server process's memory; asking for the version costs one indexed query, so a
page served from the cache costs about as much as the trivial health check.

Only anonymous GET requests are cached, and only pages without a form that carries a CSRF token
or a message; everyone logged in gets the page freshly built.
"""

from __future__ import annotations

import functools
import hashlib

from django.core.cache import caches
from django.utils.translation import get_language

CACHE = "pages"


def anonymous_page_cache(version, timeout: int = 300):
    """Decorate a view; `version()` returns a value that changes whenever the page would."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method != "GET" or request.user.is_authenticated:
                return view(request, *args, **kwargs)
            path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
            key = f"page:{get_language()}:{path}:{version()}"
            cache = caches[CACHE]
            cached = cache.get(key)
            if cached is not None:
                return cached
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            uses_csrf = request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            if response.status_code == 200 and not uses_csrf and not response.cookies:
                cache.set(key, response, timeout)
            return response

        return wrapper

    return decorator
