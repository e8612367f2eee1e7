"""A readiness check in the browser, in German and in Arabic, with axe on every page."""

import pytest

from tests.browser.journeys import in_language

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("language", ["de", "ar"])
def test_a_visitor_runs_the_association_check(page, audit, language):
    page.goto(f"/{language}/funding/checks/")
    audit()
    page.get_by_role(
        "link",
        name={"de": "Verein und Gemeinnützigkeit", "ar": "الجمعية وصفة النفع العام"}[language],
    ).click()
    page.wait_for_url(f"**/{language}/funding/checks/association/")
    audit()
    page.get_by_label({"de": "Zahl der Mitglieder", "ar": "عدد الأعضاء"}[language]).fill("5")
    page.get_by_role("button", name=in_language(language, "Check"), exact=True).click()
    page.wait_for_url("**checked=1**")
    audit()
    result = page.locator("#result-heading").inner_text()
    assert in_language(language, "something is missing") in result


@pytest.mark.parametrize("language", ["de", "ar"])
def test_a_visitor_filters_the_programmes_and_opens_one(page, audit, language):
    page.goto(f"/{language}/funding/programmes/?state=BE")
    audit()
    first = page.locator(".results h3 a").first
    name = first.inner_text()
    first.click()
    page.wait_for_url(f"**/{language}/funding/programmes/**")
    audit()
    assert page.locator("h1").inner_text() == name
