"""A visitor finds organizations in the directory, in German and in Arabic."""

import re

import pytest

from gemeinsam.core.enums import FederalState
from gemeinsam.organizations.enums import OrganizationKind
from tests import factories
from tests.browser.journeys import in_language, path_in

pytestmark = [
    pytest.mark.browser,
    # The live server answers from another thread, so the data must really be committed;
    # the reference data from the migrations is restored after each journey's flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def youth_organizations():
    return {
        "welfare": factories.make_organization(
            "Verein für Kinder- und Jugendhilfe Bochum",
            city="Bochum",
            federal_state="NW",
            fields=("youth_welfare",),
            languages=("ar",),
        ),
        "youth_work": factories.make_organization(
            "Deutsch-Türkischer Verein für Jugendarbeit",
            city="Hamburg",
            federal_state="HH",
            fields=("youth_work",),
            languages=("tr",),
        ),
        "provider": factories.make_organization(
            "Diakonisches Werk Jugendhilfe Münster",
            kind=OrganizationKind.ESTABLISHED_PROVIDER,
            city="Münster",
            federal_state="NW",
            fields=("youth_welfare",),
        ),
        "unrelated": factories.make_organization(
            "Kulturverein Anadolu",
            city="Berlin",
            federal_state="BE",
            fields=("culture",),
        ),
    }


def result_names(page) -> list[str]:
    return page.locator(".results .result h3").all_inner_texts()


def filter_by(page, language: str, value: str) -> None:
    """Ticks a value in the filter panel (its label ends with its count) and shows the result."""
    panel = page.locator(".filter-panel")
    panel.get_by_role("checkbox", name=re.compile(rf"^{re.escape(value)} \(\d+\)$")).check()
    panel.get_by_role("button", name=in_language(language, "Show organizations")).click()


def test_a_german_visitor_searches_filters_and_switches_to_arabic(page, audit, youth_organizations):
    page.goto("/de/")
    audit()
    assert page.locator("html").get_attribute("lang") == "de"

    page.get_by_role("searchbox").fill("Jugend")
    page.get_by_role("searchbox").press("Enter")
    page.wait_for_url("**/de/organizations/?q=Jugend")
    audit()
    # "Jugend" finds the compounds "Jugendhilfe" and "Jugendarbeit", and nothing else.
    assert sorted(result_names(page)) == [
        "Deutsch-Türkischer Verein für Jugendarbeit",
        "Diakonisches Werk Jugendhilfe Münster",
        "Verein für Kinder- und Jugendhilfe Bochum",
    ]

    migrant_org = in_language("de", OrganizationKind.MIGRANT_ORG.label)
    filter_by(page, "de", migrant_org)
    page.wait_for_url("**kind=migrant_org**")
    audit()
    assert sorted(result_names(page)) == [
        "Deutsch-Türkischer Verein für Jugendarbeit",
        "Verein für Kinder- und Jugendhilfe Bochum",
    ]

    page.get_by_role("link", name="Verein für Kinder- und Jugendhilfe Bochum").click()
    page.wait_for_url(f"**{path_in('de', youth_organizations['welfare'])}")
    audit()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Verein für Kinder- und Jugendhilfe Bochum"
    )

    page.get_by_role("link", name="العربية").click()
    page.wait_for_url(f"**{path_in('ar', youth_organizations['welfare'])}")
    audit()
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Verein für Kinder- und Jugendhilfe Bochum"
    )


def test_b_an_arabic_visitor_takes_the_same_journey_right_to_left(page, audit, youth_organizations):
    page.goto("/ar/")
    audit()

    def assert_arabic_rtl():
        html = page.locator("html")
        assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl")

    assert_arabic_rtl()
    page.get_by_role("searchbox").fill("Jugend")
    page.get_by_role("searchbox").press("Enter")
    page.wait_for_url("**/ar/organizations/?q=Jugend")
    audit()
    assert_arabic_rtl()
    assert len(result_names(page)) == 3

    north_rhine_westphalia = in_language("ar", FederalState.NW.label)
    filter_by(page, "ar", north_rhine_westphalia)
    page.wait_for_url("**state=NW**")
    audit()
    assert_arabic_rtl()
    assert sorted(result_names(page)) == [
        "Diakonisches Werk Jugendhilfe Münster",
        "Verein für Kinder- und Jugendhilfe Bochum",
    ]

    page.get_by_role("link", name="Diakonisches Werk Jugendhilfe Münster").click()
    page.wait_for_url(f"**{path_in('ar', youth_organizations['provider'])}")
    audit()
    assert_arabic_rtl()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Diakonisches Werk Jugendhilfe Münster"
    )
