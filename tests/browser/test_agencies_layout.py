"""The agencies' pages on a phone and a desktop, in German and in Arabic: none scrolls sideways at
320, 360 or 1366 px, and axe-core finds no serious or critical problem; the staff table turns
into blocks on a phone."""

import pytest

from gemeinsam.core import content
from tests import factories
from tests.browser.journeys import fits, in_language, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LANGUAGES = ["de", "ar"]


@pytest.fixture
def agency(world):
    agency = world.agency_x
    agency.region_served = "Hamburg, Schleswig-Holstein und Mecklenburg-Vorpommern"
    agency.street, agency.postcode, agency.city = "Billstraße 80", "20539", "Hamburg"
    agency.email = "beratung@kompetenzzentrum-migration-nord.example"
    agency.description = "Wir beraten Migrant*innenorganisationen.\n\nWir begleiten Tandems."
    agency.save()
    # Arabic pages show one paragraph translated and one in German, marked.
    content.save_translation(agency, "description", "ar", ["نقدم الاستشارة لمنظمات المهاجرين.", ""])
    staff = agency.staff.get(user=world.advisor_x)
    staff.is_public_contact, staff.public_title = True, "Beratung auf Arabisch und Kurdisch"
    staff.public_email = "xenia.wolff@kompetenzzentrum-migration-nord.example"
    staff.save()
    world.project_x.goals = "Kooperationen aufbauen\nGremienarbeit stärken"
    world.project_x.save()
    world.project_x.measures.create(title="Runde Tische mit Regelstrukturen")
    factories.make_staff(agency, user=factories.make_user(name="Konstantin Papadopoulos-Schmidt"))
    return agency


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_agency_list_and_page_fit_every_screen(language, page, audit, agency):
    problems = []
    for address in (f"/{language}/agencies/", f"/{language}/agencies/agency-x/"):
        problems += fits(page, audit, address)
    assert problems == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_managers_pages_fit_every_screen(language, page, audit, live_server, world, agency):
    sign_in(page, live_server.url, world.manager_x)
    staff = agency.staff.get(user=world.advisor_x)
    problems = []
    for address in (
        f"/{language}/agencies/agency-x/staff/",
        f"/{language}/agencies/agency-x/staff/{staff.pk}/",
        f"/{language}/agencies/agency-x/projects/",
        f"/{language}/agencies/agency-x/projects/new/",
        f"/{language}/agencies/agency-x/projects/{world.project_x.slug}/",
    ):
        problems += fits(page, audit, address)
    assert problems == []

    # On a phone each person of the staff is a block of label and value.
    page.set_viewport_size({"width": 360, "height": 640})
    page.goto(f"/{language}/agencies/agency-x/staff/")
    audit()
    cell = page.locator("table.table-stack tbody td").first
    shown = cell.evaluate(
        "cell => [getComputedStyle(cell).display, getComputedStyle(cell, '::before').content]"
    )
    assert shown == ["grid", f'"{in_language(language, "Role")}"']
