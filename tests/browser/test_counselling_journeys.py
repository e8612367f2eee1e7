"""Counselling in the browser: a visitor asks in Arabic; an advisor takes it on in German."""

import datetime

import pytest
from django.utils import timezone

from gemeinsam.counselling import services
from gemeinsam.counselling.enums import RequestStatus
from gemeinsam.counselling.models import Appointment, CoverageArea, Note, Request
from tests import factories
from tests.browser.journeys import in_language, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def agency():
    agency = factories.make_agency("Kompetenzzentrum Migration Nord", slug="nord")
    CoverageArea.objects.create(agency=agency, postcode_prefix="20")
    return agency


def test_a_visitor_asks_for_counselling_in_arabic_and_sees_where_it_went(page, audit, agency):
    page.goto("/ar/counselling/")
    audit()
    assert page.locator("html").get_attribute("dir") == "rtl"

    page.get_by_label("تأسيس جمعية", exact=True).check()  # the topic's Arabic name
    page.get_by_label(in_language("ar", "What is it about?")).fill(
        "نريد تأسيس جمعية للنساء في هامبورغ ونحتاج مساعدة في النظام الأساسي."
    )
    page.get_by_label(in_language("ar", "video")).check()
    page.get_by_label(in_language("ar", "Postcode")).fill("20095")
    # "Email" is both the address field and a channel; the field it is.
    page.get_by_role("textbox", name=in_language("ar", "Email")).fill("nour.haddad@example.org")
    page.get_by_label(in_language("ar", "I agree.")).check()
    page.get_by_role("button", name=in_language("ar", "Send request")).click()
    page.wait_for_url("**/ar/counselling/requests/**")
    audit()

    request = Request.objects.get()
    assert request.agency == agency
    assert request.contact.email == "nour.haddad@example.org"
    assert request.contact.preferred_language == "ar"
    assert "Kompetenzzentrum Migration Nord" in page.locator("main").inner_text()


def test_an_advisor_accepts_a_request_and_keeps_a_confidential_note(page, audit, agency):
    advisor = factories.make_user("xenia.wolff@example.org", name="Xenia Wolff")
    factories.make_staff(agency, user=advisor, role="advisor")
    factories.make_request(email="amal.saleh@example.org", postcode="20095", name="Amal Saleh")

    log_in(page, audit, "xenia.wolff@example.org")
    page.goto("/de/counselling/manage/")
    page.wait_for_url("**/de/counselling/manage/nord/intake/")
    audit()
    page.get_by_role("link", name="Amal Saleh").click()
    page.wait_for_url("**/de/counselling/manage/requests/**")
    audit()

    page.get_by_label("Xenia Wolff").check()
    page.get_by_label(in_language("de", "Case template")).select_option(label="Vereinsgründung")
    page.get_by_role("button", name=in_language("de", "Accept and open the case")).click()
    page.wait_for_url("**/de/counselling/manage/cases/**")
    audit()
    request = Request.objects.get()
    assert request.status == RequestStatus.ACCEPTED
    assert list(request.case.advisors.all()) == [advisor]
    # The template's first step is on the timeline as a task.
    assert "Satzung entwerfen" in page.locator("main").inner_text()

    page.get_by_role("textbox", name=in_language("de", "Internal note")).fill(
        "Vorstand noch uneinig über den Vereinszweck; nächste Woche nachfragen."
    )
    page.get_by_role("button", name=in_language("de", "Save the note")).click()
    page.wait_for_url("**/de/counselling/manage/cases/**")
    audit()
    assert "Vorstand noch uneinig" in page.locator("main").inner_text()
    assert Note.objects.get().case == request.case


def test_a_manager_looks_at_the_week_the_people_and_the_figures_in_arabic(page, audit, agency):
    manager = factories.make_user("marta.krueger@example.org", name="Marta Krüger")
    factories.make_staff(agency, user=manager, role="manager")
    project = factories.make_project(agency, title="Willkommen in Hamburg", slug="willkommen")
    request = factories.make_request(email="amal.saleh@example.org", postcode="20095")
    case = services.intake.accept_request(
        request, by=manager, advisors=[manager], case_type="single", project=project
    )
    start = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    Appointment.objects.create(
        case=case,
        agency=agency,
        advisor=manager,
        title="Erstgespräch Satzung",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        channel="video",
        video_link="https://meet.example.org/satzung",
    )

    log_in(page, audit, "marta.krueger@example.org")
    for path in (
        "/ar/counselling/manage/appointments/",
        "/ar/counselling/manage/nord/people/",
        f"/ar/counselling/manage/nord/report/?project={project.pk}",
    ):
        page.goto(path)
        audit()
        assert page.locator("html").get_attribute("dir") == "rtl"
    page.goto("/ar/counselling/manage/appointments/")
    audit()
    assert "Erstgespräch Satzung" in page.locator("main").inner_text()
