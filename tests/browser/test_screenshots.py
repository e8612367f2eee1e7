"""`make screenshots`: PNGs of five key pages, in German and Arabic, at 1366 and 360 px, over
the demo's data, for the README (docs/screenshots/), and of the design-system page whole.
Skipped unless pytest is given `--screenshots DIR`; every picture of a key page is also a layout
check (no sideways scrolling)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from gemeinsam.demo.loader import load_demo_data
from gemeinsam.demo.people import cast
from gemeinsam.events.models import Event
from tests.browser.journeys import overflow, sticking_out

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SIZES = {1366: 900, 360: 640}
CHECK = "checked=1&legal_form=registered_association&members=9&charitable_notice_on="


def _pages() -> list[tuple[str, str, bool]]:
    """(name, address without the language, signed in) of the five key pages."""
    event = (
        Event.objects.filter(status="published", starts_at__gte=timezone.now())
        .order_by("starts_at")
        .first()
    )
    return [
        ("home", "/", False),
        ("directory", "/organizations/?q=jugend", False),
        ("event", event.get_absolute_url()[3:], False),
        ("readiness-check", f"/funding/checks/association/?{CHECK}", False),
        ("my-page", "/my/", True),
    ]


def test_screenshots_of_the_key_pages(request, browser, live_server):
    folder = request.config.getoption("--screenshots")
    if not folder:
        pytest.skip("only with --screenshots DIR (make screenshots)")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    load_demo_data()
    client = Client()
    client.force_login(get_user_model().objects.get(email=cast().member.email))
    context = browser.new_context(base_url=live_server.url)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    anonymous = browser.new_context(base_url=live_server.url)
    written = []
    try:
        for name, address, signed_in in _pages():
            page = (context if signed_in else anonymous).new_page()
            for language in ("de", "ar"):
                for width, height in SIZES.items():
                    page.set_viewport_size({"width": width, "height": height})
                    page.goto(f"/{language}{address}")
                    page.wait_for_load_state("load")
                    wide = overflow(page)
                    assert (name, language, width, wide) == (name, language, width, 0), (
                        sticking_out(page)
                    )
                    target = folder / f"{name}-{language}-{width}.png"
                    page.screenshot(path=str(target))
                    written.append(target)
            page.close()
    finally:
        context.close()
        anonymous.close()
    written += _design_system(browser, live_server, folder)
    assert len(written) == 22
    assert all(path.stat().st_size > 5_000 for path in written)


def _design_system(browser, live_server, folder: Path) -> list[Path]:
    """The design-system page whole, in German and Arabic, for docs/design-system.md."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1366, "height": 900})
    written = []
    try:
        page = context.new_page()
        for language in ("de", "ar"):
            page.goto(f"/{language}/design-system/?sample-name=&sample-email=x")
            page.wait_for_load_state("load")
            target = folder / f"design-system-{language}.png"
            page.screenshot(path=str(target), full_page=True)
            written.append(target)
    finally:
        context.close()
    return written
