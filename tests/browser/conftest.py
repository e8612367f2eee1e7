"""Browser journeys: Playwright (sync API) driving Debian's Chromium against `live_server`.

Every page a journey lands on must pass axe-core with no serious or critical violation: call
`audit()` after each navigation. A journey that moves on from a page without auditing it fails
at teardown, so a new step cannot quietly skip the check.
"""

import os
from pathlib import Path

import pytest
from django.db import connections

from tests.browser.journeys import Auditor, watch_policy_violations

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    # The test machines have no outside network: without these Chromium keeps trying to reach
    # update and sync services, and every attempt costs time.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # Teardown needs to know whether the journey itself failed (see `audit`).
    report = yield
    if report.when == "call":
        item.journey_failed = report.failed
    return report


@pytest.fixture(scope="package")
def browser():
    """One Chromium for all journeys; each test gets a fresh context.

    Package scope, not session: Playwright's sync API keeps an asyncio event loop running in the
    test thread for as long as it is started, and the rest of the suite should not run beside it.
    """
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: scripts/ensure-system-packages installs Debian's chromium"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    serialized = {
        conn.alias: conn._test_serialized_contents
        for conn in connections.all()
        if hasattr(conn, "_test_serialized_contents")
    }
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        # With an event loop running, Django refuses ORM calls from this thread unless told it is
        # safe: it is, the loop only waits for the browser.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        # Django keeps connections per thread, but per async context once a loop runs, so from
        # here on this thread sees new connection objects. They need what the test-database
        # set-up left on the old ones, or serialized rollback silently restores nothing.
        for alias, contents in serialized.items():
            connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def policy_violations():
    """What the pages' Content-Security-Policy refused, filled in by the `page` fixture."""
    return []


@pytest.fixture
def page(request, browser, live_server, policy_violations):
    """A fresh page; a journey that made the browser refuse anything under the policy fails."""
    context = browser.new_context(base_url=live_server.url, locale="de-DE")
    context.set_default_timeout(10_000)
    watch_policy_violations(context, policy_violations)
    page = context.new_page()
    yield page
    seen = list(policy_violations)
    context.close()
    if getattr(request.node, "journey_failed", True):
        return  # the failure itself says what went wrong
    assert not seen, "Content-Security-Policy violations:\n" + "\n".join(seen)


@pytest.fixture
def audit(request, page, live_server, policy_violations):
    """audit() checks the page in view with axe-core, and that the browser refused nothing."""
    auditor = Auditor(page, live_server.url, policy_violations)
    yield auditor
    if getattr(request.node, "journey_failed", True):
        return  # the failure itself says where the journey stopped
    unchecked = auditor.skipped + ([auditor.pending] if auditor.pending else [])
    assert not unchecked, f"pages visited without an axe-core audit: {unchecked}"
