"""Agencies: their public page, their staff and their funded projects."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gemeinsam.agencies import services
from gemeinsam.agencies.models import AgencyDescription, Project, StaffMembership
from gemeinsam.core.models import AuditLogEntry
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


def test_the_agency_list_runs_a_constant_number_of_queries(client):
    factories.make_agency(slug="a1")
    with CaptureQueriesContext(connection) as one:
        client.get("/de/agencies/")
    factories.make_agency(slug="a2")
    factories.make_agency(slug="a3")
    with CaptureQueriesContext(connection) as three:
        response = client.get("/de/agencies/")
    assert len(one.captured_queries) == len(three.captured_queries)
    assert len(response.context["agencies"]) == 3


def test_a_manager_adds_an_existing_account_as_advisor(world, client_for):
    newcomer = factories.make_user("neu@example.org", name="Nils Becker")
    client_for(world.manager_x).post(
        f"/de/agencies/{world.agency_x.slug}/staff/",
        {"email": "NEU@example.org", "role": "advisor"},
    )
    membership = StaffMembership.objects.get(user=newcomer)
    assert (membership.agency, membership.role) == (world.agency_x, "advisor")
    assert AuditLogEntry.objects.filter(action="grant", object_id=str(membership.pk)).exists()


def test_adding_an_unknown_address_explains_what_is_missing(world, client_for):
    response = client_for(world.manager_x).post(
        f"/en/agencies/{world.agency_x.slug}/staff/",
        {"email": "nobody@example.org", "role": "advisor"},
    )
    assert response.context["form"].errors["email"] == [
        "There is no account with this email address yet."
    ]


def test_an_agency_keeps_at_least_one_manager(world, client_for):
    membership = world.agency_x.staff.get(user=world.manager_x)
    response = client_for(world.manager_x).post(
        f"/en/agencies/{world.agency_x.slug}/staff/{membership.pk}/",
        {"role": "advisor", "is_active": "on"},
    )
    assert response.context["form"].non_field_errors() == ["An agency needs at least one manager."]
    membership.refresh_from_db()
    assert membership.role == "manager"


def test_a_manager_records_a_project_with_measures(world, client_for):
    client_for(world.manager_x).post(
        f"/de/agencies/{world.agency_x.slug}/projects/new/",
        {
            "title": "Gemeinsam lernen im Dialog",
            "funder": "Ministerium für Kinder, Jugend, "
            "Familie, Gleichstellung, Flucht und Integration NRW",
            "starts_on": "2023-01-01",
            "ends_on": "2025-12-31",
            "goals": "Vernetzung stärken",
            "is_public": "on",
            "measures-TOTAL_FORMS": "2",
            "measures-INITIAL_FORMS": "0",
            "measures-0-title": "Standortanalyse",
            "measures-1-title": "",
        },
    )
    project = Project.objects.get(title="Gemeinsam lernen im Dialog")
    assert (project.agency, project.ends_on) == (world.agency_x, datetime.date(2025, 12, 31))
    assert [m.title for m in project.measures.all()] == ["Standortanalyse"]


def test_a_project_cannot_end_before_it_starts(world, client_for):
    response = client_for(world.manager_x).post(
        f"/en/agencies/{world.agency_x.slug}/projects/new/",
        {
            "title": "X",
            "funder": "Y",
            "starts_on": "2024-05-01",
            "ends_on": "2024-04-01",
            "measures-TOTAL_FORMS": "0",
            "measures-INITIAL_FORMS": "0",
        },
    )
    assert response.context["form"].errors["ends_on"] == ["The end must not be before the start."]
    assert not Project.objects.filter(title="X").exists()


def test_a_former_staff_member_is_taken_back_with_the_new_role(world):
    membership = world.agency_x.staff.get(user=world.advisor_x)
    membership.is_active = False
    membership.save()
    services.add_staff(
        actor=world.manager_x, agency=world.agency_x, email="advisor.x@example.org", role="manager"
    )
    membership.refresh_from_db()
    assert (membership.is_active, membership.role) == (True, "manager")


def test_someone_already_on_the_staff_is_not_added_twice(world):
    with pytest.raises(ValidationError, match="already works for the agency"):
        services.add_staff(
            actor=world.manager_x,
            agency=world.agency_x,
            email="advisor.x@example.org",
            role="advisor",
        )


def test_a_manager_changes_a_staff_members_public_contact_details(world, client_for):
    membership = world.agency_x.staff.get(user=world.advisor_x)
    client_for(world.manager_x).post(
        f"/de/agencies/{world.agency_x.slug}/staff/{membership.pk}/",
        {
            "role": "advisor",
            "is_active": "on",
            "is_public_contact": "on",
            "public_title": "Beratung Vereinsgründung",
            "languages": "Deutsch, Arabisch",
        },
    )
    membership.refresh_from_db()
    assert (membership.is_public_contact, membership.public_title) == (
        True,
        "Beratung Vereinsgründung",
    )
    entry = AuditLogEntry.objects.filter(object_id=str(membership.pk), action="update").get()
    assert entry.changes["public_title"] == ["", "Beratung Vereinsgründung"]


def test_two_projects_with_the_same_title_get_different_addresses(world, client_for):
    client = client_for(world.manager_x)
    for _ in range(2):
        client.post(
            f"/de/agencies/{world.agency_x.slug}/projects/new/",
            {
                "title": "Runder Tisch",
                "funder": "Stadt Münster",
                "starts_on": "2024-01-01",
                "measures-TOTAL_FORMS": "0",
                "measures-INITIAL_FORMS": "0",
            },
        )
    slugs = sorted(Project.objects.filter(title="Runder Tisch").values_list("slug", flat=True))
    assert slugs == ["runder-tisch", "runder-tisch-2"]


def test_editing_a_project_keeps_its_address(world, client_for):
    project = world.project_x
    client_for(world.manager_x).post(
        f"/de/agencies/{world.agency_x.slug}/projects/{project.slug}/",
        {
            "title": "Willkommen in Berlin – zweite Phase",
            "funder": "Senat",
            "starts_on": "2024-01-01",
            "measures-TOTAL_FORMS": "0",
            "measures-INITIAL_FORMS": "0",
        },
    )
    project.refresh_from_db()
    assert (project.title, project.slug) == ("Willkommen in Berlin – zweite Phase", "willkommen")
