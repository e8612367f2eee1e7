"""Funding's pages on a phone and on a desktop, in German and in Arabic: none scrolls sideways,
axe-core finds nothing serious, the charts stay inside the screen, and the gap's wide tables fit a
1366 px screen whole (they were cut off) while on a phone they scroll in their own box."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from tests import factories
from tests.browser.journeys import Auditor, overflow, sticking_out

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 360, "height": 640}
DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture
def region(world):
    """An agency in North Rhine-Westphalia with organizations active in youth welfare, one of
    them funded through it, and a member who watches a programme."""
    world.agency_x.federal_states_served = ["NW"]
    world.agency_x.save()
    for name, state in (("Jugendforum Gelsenkirchen", "NW"), ("Elternnetz Köln", "NW")):
        factories.make_organization(name, federal_state=state, fields=("youth_welfare",))
    factories.make_organization("Kulturbrücke Berlin", federal_state="BE", fields=("culture",))
    world.org_a.federal_state = "NW"
    world.org_a.save()
    return world


def _page_as(browser, live_server, user, violations):
    context = browser.new_context(base_url=live_server.url, locale="de-DE")
    context.set_default_timeout(15_000)
    if user is not None:
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
        )
    page = context.new_page()
    return context, page, Auditor(page, live_server.url, violations)


def _fits(page, audit, address: str) -> list[str]:
    """Opens the address at 1366 px (audited), then checks it at 1366 and 360 px."""
    page.set_viewport_size(DESKTOP)
    page.goto(address)
    audit()
    problems = []
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        if overflow(page) > 0:
            problems.append(f"{address} at {size['width']} px: {sticking_out(page)}")
        charts_out = page.evaluate(
            """() => [...document.querySelectorAll("svg.chart")].filter((svg) => {
                 const box = svg.getBoundingClientRect();
                 return box.left < 0 || box.right > document.documentElement.clientWidth;
               }).length"""
        )
        if charts_out:
            problems.append(f"{address} at {size['width']} px: a chart sticks out")
    return problems


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_public_funding_pages_fit_a_phone_and_a_desktop(page, audit, language, region):
    pages = [
        "/{language}/funding/programmes/",
        "/{language}/funding/programmes/?state=NW&kind=regular&field=youth_welfare",
        "/{language}/funding/programmes/integrationsagenturen-nrw/",
        "/{language}/funding/checks/",
        "/{language}/funding/checks/association/?checked=1&members=5",
        "/{language}/funding/gap/",
        "/{language}/funding/gap/?state=NW&field=youth_welfare",
    ]
    problems = [
        p for address in pages for p in _fits(page, audit, address.format(language=language))
    ]
    assert problems == []


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_staff_and_member_pages_fit_a_phone_and_a_desktop(
    browser, live_server, language, region, policy_violations
):
    slug = region.org_a.slug
    by_person = {
        region.advisor_x: [
            "/{language}/funding/readiness/",
            "/{language}/funding/readiness/?state=NW&check=association:met",
            "/{language}/funding/gap/organizations/?state=NW&field=youth_welfare&group=active",
        ],
        region.member_a: [
            "/{language}/funding/watch-list/",
            f"/{{language}}/funding/results/{slug}/",
            f"/{{language}}/funding/programmes/?organization={slug}",
        ],
    }
    problems = []
    for person, pages in by_person.items():
        context, page, audit = _page_as(browser, live_server, person, policy_violations)
        try:
            for address in pages:
                problems += _fits(page, audit, address.format(language=language))
        finally:
            context.close()
    assert problems == []
    assert policy_violations == []


# How each gap table sits in its box: the table's width, the box's, whether the box scrolls and
# whether the last column's heading is on the screen.
_GAP_TABLES = """() => [...document.querySelectorAll("table.gap-table")].map((table) => {
  const box = table.closest("[role=region]");
  const headings = table.querySelectorAll("thead tr:last-child th");
  const last = headings[headings.length - 1].getBoundingClientRect();
  return {
    table: Math.round(table.getBoundingClientRect().width),
    box: box.clientWidth,
    scrolls: box.scrollWidth > box.clientWidth,
    focusable: box.tabIndex === 0,
    lastHeadingShown: last.left >= 0 && last.right <= document.documentElement.clientWidth,
  };
})"""


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_gap_tables_fit_a_desktop_whole_and_scroll_in_their_box_on_a_phone(
    page, audit, language, region
):
    page.set_viewport_size(DESKTOP)
    page.goto(f"/{language}/funding/gap/?state=NW&field=youth_welfare")
    audit()

    desktop = page.evaluate(_GAP_TABLES)
    assert len(desktop) == 2  # by field, and by federal state
    for table in desktop:
        assert (table["scrolls"], table["lastHeadingShown"]) == (False, True), table
        assert table["table"] <= table["box"], table

    page.set_viewport_size(PHONE)
    phone = page.evaluate(_GAP_TABLES)
    assert overflow(page) == 0
    for table in phone:
        assert (table["scrolls"], table["focusable"]) == (True, True), table
