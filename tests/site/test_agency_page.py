"""An agency's public page: who they are, whom to ask, and their projects."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gemeinsam.agencies.models import AgencyDescription
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_agency_page_shows_who_they_are_contacts_and_projects(world, client):
    agency = world.agency_x
    agency.region_served = "Hamburg und Umgebung"
    agency.save()
    AgencyDescription.objects.create(agency=agency, language="de", text="Wir beraten MO.")
    staff = world.agency_x.staff.get(user=world.advisor_x)
    staff.is_public_contact, staff.public_title = True, "Beratung auf Arabisch"
    staff.save()
    world.project_x.goals = "Kooperationen aufbauen\nGremienarbeit stärken"
    world.project_x.save()
    world.project_x.measures.create(title="Runde Tische")
    page = client.get(agency.get_absolute_url()).content.decode()
    for text in [
        "Wir beraten MO.",
        "Hamburg und Umgebung",
        "Xenia Wolff",
        "Beratung auf Arabisch",
        "Willkommen in Berlin",
        "Gremienarbeit stärken",
        "Runde Tische",
    ]:
        assert text in page
    # Staff who are not public contacts stay off the page, and so do log-in addresses.
    assert "Marta Krüger" not in page
    assert "advisor.x@example.org" not in page


def _agency_page_queries(client, agency, n):
    for i in range(n):
        project = factories.make_project(agency, title=f"Projekt {i}")
        project.measures.create(title="Workshop")
        factories.make_staff(agency, is_public_contact=True)
    with CaptureQueriesContext(connection) as ctx:
        client.get(agency.get_absolute_url())
    return len(ctx.captured_queries)


def test_the_agency_page_runs_the_same_number_of_queries_for_1_and_3_projects(client):
    one = _agency_page_queries(client, factories.make_agency(slug="one"), 1)
    three = _agency_page_queries(client, factories.make_agency(slug="three"), 3)
    assert one == three
