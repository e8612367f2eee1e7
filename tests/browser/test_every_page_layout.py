"""Every page of the permission matrix on a real screen: none scrolls sideways on a 320 or 360 px
phone or at 1366 px, in German and in Arabic, and axe-core finds no serious or critical problem
at 1366 px.

Each URL name is opened once, with the first case of the matrix that answers 200 to a GET, as
the first role it answers 200 for (so staff pages are seen as staff), on a fresh world (the
case makes the rows its page needs). Downloads (PDF, CSV, iCalendar, images) are left out: they
are no pages. A page is loaded once per language at 1366 px; the two phone widths are the same
document resized (the layout is computed anew).
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.browser.journeys import Auditor, overflow, sticking_out, watch_policy_violations
from tests.matrix import ROLES
from tests.matrix.test_matrix import CASES

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # Layout does not depend on the database: the PostgreSQL pass saves the minutes.
    pytest.mark.skipif(
        "sqlite" not in settings.DATABASES["default"]["ENGINE"], reason="run in the SQLite pass"
    ),
]

WIDTHS = (1366, 360, 320)
HEIGHT = {1366: 900, 360: 640, 320: 568}


def _first_openers() -> list[tuple]:
    """(case, role) for each URL name: its first GET case answering 200, and the first role."""
    chosen: dict[str, tuple] = {}
    for case in CASES:
        if case.method != "get" or case.name in chosen:
            continue
        role = next((r for r in ROLES if case.expect.get(r) == 200), None)
        if role is not None:
            chosen[case.name] = (case, role)
    return list(chosen.values())


class _Browsers:
    """One browser context per role, logged in through a session made by Django's test client."""

    def __init__(self, browser, base_url: str, world, violations: list[str]):
        self.browser, self.base_url, self.world, self.violations = (
            browser,
            base_url,
            world,
            violations,
        )
        self.open: dict[str, tuple] = {}

    def client(self, role: str) -> Client:
        client = Client()
        if role != "anonymous":
            client.force_login(getattr(self.world, role))
        return client

    def page(self, role: str):
        if role not in self.open:
            context = self.browser.new_context(base_url=self.base_url, locale="de-DE")
            context.set_default_timeout(15_000)
            watch_policy_violations(context, self.violations)
            client = self.client(role)
            if role != "anonymous":
                session = client.cookies[settings.SESSION_COOKIE_NAME].value
                context.add_cookies(
                    [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": self.base_url}]
                )
            page = context.new_page()
            self.open[role] = (context, page, Auditor(page, self.base_url, self.violations), client)
        return self.open[role]

    def close(self) -> None:
        for context, *_rest in self.open.values():
            context.close()


def _visit(browsers: _Browsers, case, kwargs: dict, role: str, language: str) -> list[str]:
    _context, page, audit, client = browsers.page(role)
    with translation.override(language):
        address = reverse(case.name, kwargs=kwargs) + case.query
    answer = client.get(address)
    if answer.status_code != 200 or "text/html" not in answer.get("Content-Type", ""):
        return []  # a download, not a page
    problems = []
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(address)
    try:
        audit()
    except AssertionError as error:
        problems.append(f"{case.name} as {role}: {error}")
        browsers.violations.clear()
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": HEIGHT[width]})
        beyond = overflow(page)
        if beyond > 0:
            culprits = sticking_out(page)
            problems.append(f"{address} as {role} at {width} px: {beyond} px too wide: {culprits}")
    return problems


OPENERS = _first_openers()


@pytest.mark.parametrize(("case", "role"), OPENERS, ids=[case.name for case, _role in OPENERS])
def test_the_page_fits_every_screen_and_axe_finds_nothing_serious(
    case, role, world, browser, live_server, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    browsers = _Browsers(browser, live_server.url, world, [])
    kwargs = case.kwargs(world)  # once: the case may make the rows its page shows
    try:
        problems = [p for lang in ("de", "ar") for p in _visit(browsers, case, kwargs, role, lang)]
    finally:
        browsers.close()
    assert problems == []


def test_the_walk_opens_most_of_the_site():
    """Downloads are left out, but far from all: the walk would otherwise prove nothing."""
    assert len(OPENERS) > 80
