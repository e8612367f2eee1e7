"""The directory's main pages on a phone and a desktop, in German and in Arabic: none scrolls
sideways at 320, 360 or 1366 px, and axe-core finds no serious or critical problem. The filter
panel folds on a phone and stands beside the results on a desktop; the profile form's parts fold
and the one with an error opens."""

import pytest

from gemeinsam.organizations.models import RecognitionType
from tests import factories
from tests.browser.journeys import fits, in_language, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LANGUAGES = ["de", "ar"]


@pytest.fixture
def profile(world):
    org = world.org_a
    org.street, org.postcode, org.district = "Kortumstraße 100", "44787", "Innenstadt"
    org.email, org.website = "kontakt@verein-a-fuer-jugendarbeit.de", "https://verein-a.example"
    org.members_count, org.volunteers_count = 48, 12
    org.save()
    org.recognitions.create(
        type=RecognitionType.objects.get(code="charitable"), authority="Finanzamt Bochum-Mitte"
    )
    return org


@pytest.fixture
def long_named():
    """A public profile with a long name and many tags, as the phone's narrowest case."""
    org = factories.make_organization(
        "Interkulturelles Familienbildungszentrum Nordrhein-Westfalen e.V.",
        fields=("youth_work", "women_family"),
        languages=("ar", "tr", "ku"),
        recognitions=("charitable",),
        description="Beratung, Elterncafés und Hausaufgabenhilfe in fünf Sprachen.",
    )
    org.short_name = "IFBZ NRW"
    org.save()
    return org


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_directory_and_a_profile_fit_every_screen(
    language, page, audit, live_server, world, long_named
):
    problems = []
    for address in (
        f"/{language}/organizations/",
        f"/{language}/organizations/?q=Verein&kind=migrant_org&state=NW",
        f"/{language}/organizations/?q=Zzyzx&kind=authority",
        f"/{language}/organizations/{long_named.slug}/",
    ):
        problems += fits(page, audit, address)
    assert problems == []

    # On a phone the filters fold under their summary; on a desktop they stand open.
    page.set_viewport_size({"width": 360, "height": 640})
    page.goto(f"/{language}/organizations/?kind=migrant_org")
    audit()
    panel = page.locator(".filter-panel")
    assert panel.locator("form").is_visible() is False
    assert page.locator(".active-filters .chip").count() == 1
    page.set_viewport_size({"width": 1366, "height": 900})
    assert panel.locator("form").is_visible() is True


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_members_profile_form_and_pages_fit_every_screen(
    language, page, audit, live_server, world, profile
):
    sign_in(page, live_server.url, world.member_a)
    slug = profile.slug
    problems = []
    for address in (
        f"/{language}/organizations/{slug}/",
        f"/{language}/organizations/{slug}/edit/",
        f"/{language}/organizations/{slug}/members/",
        f"/{language}/organizations/new/",
    ):
        problems += fits(page, audit, address)

    # A mistake in a folded part: the part opens, the summary leads into it, all in view.
    page.goto(f"/{language}/organizations/{slug}/edit/")
    audit()
    contact = page.locator("#part-contact")
    assert contact.get_attribute("open") is None
    contact.locator("summary").click()
    page.locator("#id_email").fill("kein-at-zeichen")
    with page.expect_navigation():
        page.locator("form.profile-form button[type=submit]").click()
    problems += fits(page, audit)
    assert problems == []
    assert page.locator("#part-contact").get_attribute("open") == ""
    summary = page.get_by_role("alert")
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_email"
    assert page.locator("#id_name").input_value() == profile.name


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_staff_pages_of_the_directory_fit_every_screen(
    language, page, audit, live_server, world
):
    factories.make_membership(
        world.org_b, factories.make_user("neu@example.org", name="Nadia Neu"), status="pending"
    )
    sign_in(page, live_server.url, world.advisor_x)
    problems = []
    for address in (f"/{language}/organizations/import/", f"/{language}/organizations/claims/"):
        problems += fits(page, audit, address)
    assert problems == []
    confirm = page.get_by_role("button", name=in_language(language, "Confirm"), exact=True)
    assert confirm.count() == 1
