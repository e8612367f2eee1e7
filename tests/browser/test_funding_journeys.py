"""A readiness check in the browser, in German and in Arabic, with axe on every page."""

import pytest
from django.utils import translation

from gemeinsam.core import content
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


@pytest.mark.parametrize("language", ["de", "ar"])
def test_a_member_sees_what_fits_watches_a_programme_and_follows_results(page, audit, language):
    from gemeinsam.funding.models import WatchedProgramme
    from tests import factories
    from tests.browser.journeys import log_in

    member = factories.make_user("lina.haddad@example.org", name="Lina Haddad")
    org = factories.make_organization("Deutsch-Syrischer Kulturverein", federal_state="NW")
    factories.make_membership(org, member)
    log_in(page, audit, member.email)

    page.goto(f"/{language}/funding/programmes/?organization={org.slug}")
    audit()
    headings = page.locator(".fit-rank h3").all_inner_texts()
    assert any(in_language(language, "Not eligible") in h for h in headings)
    # By its address: the programme's name is in the page's language.
    page.locator('.fit-rank h4 a[href*="/integrationsagenturen-nrw/"]').first.click()
    page.wait_for_url(f"**/{language}/funding/programmes/integrationsagenturen-nrw/**")
    audit()
    page.get_by_role("button", name=in_language(language, "Watch this programme")).click()
    page.wait_for_load_state("load")
    audit()
    assert WatchedProgramme.objects.filter(
        user=member, programme__code__startswith="integ"
    ).exists()
    page.goto(f"/{language}/funding/watch-list/")
    audit()
    # The programme by its name in the page's language (funding migration 0007 translates it).
    programme = WatchedProgramme.objects.get(user=member).programme
    with translation.override(language):
        name = content.text(programme, "name")
    assert name in page.locator("main").inner_text()
    assert language == "de" or "Integrationsagenturen" not in name

    page.goto(f"/{language}/funding/checks/youth_welfare/?organization={org.slug}&checked=1")
    audit()
    page.get_by_role(
        "button", name=in_language(language, "Keep this result for %(name)s") % {"name": org.name}
    ).click()
    page.locator(".messages").wait_for()
    audit()
    page.goto(f"/{language}/funding/results/{org.slug}/")
    audit()
    assert org.name in page.locator("h1").inner_text()


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_gap_dashboard_and_the_staff_overview(page, audit, language):
    from tests import factories
    from tests.browser.journeys import log_in

    agency = factories.make_agency("Kompetenzzentrum Migration Ruhr", slug="kmr")
    agency.federal_states_served = ["NW"]
    agency.save()
    advisor = factories.make_user("sami.berger@example.org", name="Sami Berger")
    factories.make_staff(agency, user=advisor, role="advisor")
    factories.make_organization("Jugendforum Gelsenkirchen", fields=("youth_welfare",))

    page.goto(f"/{language}/funding/gap/")
    audit()
    assert page.locator("table caption").count() >= 1
    log_in(page, audit, advisor.email)
    page.goto(f"/{language}/funding/gap/?state=NW")
    audit()
    page.goto(f"/{language}/funding/readiness/")
    audit()
    assert "Jugendforum Gelsenkirchen" in page.locator("main").inner_text()
