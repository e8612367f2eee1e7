"""Counselling's pages on a phone and on a desktop, in German and in Arabic: none scrolls
sideways, axe-core finds nothing serious, and the charts of the figures keep every word inside
their picture (in Arabic too, where they run from right to left)."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from gemeinsam.counselling.models import Appointment, Contact, Session
from tests import factories
from tests.browser.journeys import Auditor, overflow, sticking_out

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 360, "height": 640}
DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture
def counselling(world):
    """Agency X counsels organization A: a new request, an open case with sessions over the
    year, an appointment this week; the member of A sees the case."""
    world.request = factories.make_request(
        email="samira.nasser@example.org", name="Samira Nasser", postcode="20095"
    )
    world.request.agency = world.agency_x
    world.request.save()
    world.case = factories.make_case(
        world.agency_x,
        advisors=[world.advisor_x, world.manager_x],
        organizations=[world.org_a],
        topics=factories.topics("association_founding", "funding_applications"),
        project=world.project_x,
    )
    today = timezone.localdate()
    for months_ago in range(0, 12, 2):
        day = today.replace(day=1) - datetime.timedelta(days=30 * months_ago)
        for _ in range(months_ago + 1):
            Session.objects.create(
                case=world.case, held_on=day, duration_minutes=60, channel="phone"
            )
    start = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    Appointment.objects.create(
        case=world.case,
        agency=world.agency_x,
        advisor=world.advisor_x,
        title="Erstgespräch Satzung",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        channel="video",
    )
    world.contact = Contact.objects.get(email="samira.nasser@example.org")
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


# Texts of a chart that reach beyond its picture (a label anchored on the wrong side).
_TEXTS_OUTSIDE = """() => [...document.querySelectorAll("svg.chart")].flatMap((svg) => {
  const frame = svg.getBoundingClientRect();
  return [...svg.querySelectorAll("text")].filter((t) => {
    const box = t.getBoundingClientRect();
    return box.left < frame.left - 1 || box.right > frame.right + 1;
  }).map((t) => t.textContent);
})"""


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
        outside = page.evaluate(_TEXTS_OUTSIDE)
        if outside:
            problems.append(f"{address} at {size['width']} px: chart texts outside: {outside}")
    return problems


def _walk(browser, live_server, violations, pages_by_person, language) -> list[str]:
    problems = []
    for person, pages in pages_by_person.items():
        context, page, audit = _page_as(browser, live_server, person, violations)
        try:
            for address in pages:
                problems += _fits(page, audit, address.format(language=language))
        finally:
            context.close()
    return problems


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_staff_pages_fit_a_phone_and_a_desktop(
    browser, live_server, language, counselling, policy_violations
):
    case, request = counselling.case.pk, counselling.request.pk
    year = timezone.localdate().year
    pages = {
        counselling.manager_x: [
            "/{language}/counselling/manage/agency-x/intake/",
            f"/{{language}}/counselling/manage/requests/{request}/?from=agency-x",
            "/{language}/counselling/manage/cases/",
            "/{language}/counselling/manage/cases/?status=closed&mine=on",
            f"/{{language}}/counselling/manage/cases/{case}/",
            f"/{{language}}/counselling/manage/cases/{case}/edit/",
            f"/{{language}}/counselling/manage/cases/{case}/sessions/new/",
            f"/{{language}}/counselling/manage/cases/{case}/access/",
            "/{language}/counselling/manage/appointments/",
            "/{language}/counselling/manage/agency-x/people/",
            f"/{{language}}/counselling/manage/people/{counselling.contact.pk}/",
            "/{language}/counselling/manage/agency-x/report/",
            f"/{{language}}/counselling/manage/agency-x/report/?from={year - 1}-01-01"
            f"&to={year}-12-31",
        ],
    }
    problems = _walk(browser, live_server, policy_violations, pages, language)
    assert problems == []
    assert policy_violations == []


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_public_and_member_pages_fit_a_phone_and_a_desktop(
    browser, live_server, language, counselling, policy_violations
):
    pages = {
        None: [
            "/{language}/counselling/",
            f"/{{language}}/counselling/requests/{counselling.request.token}/",
        ],
        counselling.member_a: [
            "/{language}/counselling/my/",
            f"/{{language}}/counselling/my/cases/{counselling.case.pk}/",
            "/{language}/counselling/my/data/",
        ],
    }
    problems = _walk(browser, live_server, policy_violations, pages, language)
    assert problems == []
    assert policy_violations == []
