"""People who log in: a member keeps their organization's profile, an advisor sees more."""

import pytest

from tests import factories
from tests.browser.journeys import in_language, log_in, path_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_c_a_member_logs_in_and_changes_the_city_of_their_organization(page, audit):
    member = factories.make_user("leyla.aydin@example.org", name="Leyla Aydın")
    organization = factories.make_organization("Elternverein Brücke", city="Bochum")
    factories.make_membership(organization, member)

    log_in(page, audit, "leyla.aydin@example.org")
    page.get_by_role("link", name="Elternverein Brücke", exact=True).click()
    page.wait_for_url(f"**{path_in('de', organization)}")
    audit()

    page.get_by_role("link", name=in_language("de", "Edit profile")).click()
    page.wait_for_url("**/edit/")
    audit()
    # The address is in its own part of the form, folded until opened.
    page.locator("#part-contact summary").click()
    page.locator("#id_city").fill("Gelsenkirchen")
    page.get_by_role("button", name=in_language("de", "Save")).click()
    page.wait_for_url(f"**{path_in('de', organization)}")
    audit()

    assert page.get_by_role("status").inner_text() == in_language(
        "de", "The profile has been saved."
    )
    assert "Gelsenkirchen" in page.locator("main .lead").inner_text()
    organization.refresh_from_db()
    assert organization.city == "Gelsenkirchen"


def test_d_an_advisor_sees_an_organization_that_visitors_cannot(page, audit):
    agency = factories.make_agency("Kompetenzzentrum Migration Nord")
    advisor = factories.make_user("xenia.wolff@example.org", name="Xenia Wolff")
    factories.make_staff(agency, user=advisor, role="advisor")
    factories.make_organization(
        "Frauenverein Nur Hamburg", city="Hamburg", federal_state="HH", is_public=False
    )
    factories.make_organization("Frauentreff Hamburg-Mitte", city="Hamburg", federal_state="HH")

    def found() -> list[str]:
        page.goto("/de/organizations/?q=Hamburg")
        audit()
        return sorted(page.locator(".results .result h3").all_inner_texts())

    assert found() == ["Frauentreff Hamburg-Mitte"]

    log_in(page, audit, "xenia.wolff@example.org")
    assert found() == ["Frauentreff Hamburg-Mitte", "Frauenverein Nur Hamburg"]
    not_public = page.locator(".result", has_text="Frauenverein Nur Hamburg").locator(".badge")
    assert not_public.inner_text() == in_language("de", "not public")
