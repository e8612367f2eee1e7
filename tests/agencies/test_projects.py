"""An agency's funded projects and their measures."""

import datetime

import pytest

from gemeinsam.agencies import services
from gemeinsam.agencies.inputs import MeasureInput, ProjectInput
from gemeinsam.agencies.models import Project
from tests import factories

pytestmark = pytest.mark.django_db


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


def test_editing_a_project_changes_removes_and_adds_measures(world, client_for):
    project = factories.make_project(world.agency_x, title="Runder Tisch")
    kept = project.measures.create(title="Standortanalyse")
    removed = project.measures.create(title="Workshop")
    client_for(world.manager_x).post(
        f"/de/agencies/{world.agency_x.slug}/projects/{project.slug}/",
        {
            "title": "Runder Tisch",
            "funder": "AMIF",
            "starts_on": "2024-01-01",
            "is_public": "on",
            "measures-TOTAL_FORMS": "4",
            "measures-INITIAL_FORMS": "2",
            "measures-0-id": str(kept.pk),
            "measures-0-title": "Standortanalyse Nord",
            "measures-1-id": str(removed.pk),
            "measures-1-title": "Workshop",
            "measures-1-DELETE": "on",
            "measures-2-title": "Fachtag",
            "measures-3-title": "",
        },
    )
    assert sorted(project.measures.values_list("pk", "title")) == sorted(
        [(kept.pk, "Standortanalyse Nord"), (project.measures.get(title="Fachtag").pk, "Fachtag")]
    )


def test_the_service_saves_a_project_from_typed_input_and_leaves_other_measures_alone(world):
    other = factories.make_project(world.agency_y, title="Anderes Projekt")
    foreign = other.measures.create(title="Fremde Maßnahme")
    data = ProjectInput(
        title="Gemeinsam lernen",
        funder="AMIF",
        starts_on=datetime.date(2024, 1, 1),
        measures=(
            MeasureInput(title="Standortanalyse"),
            MeasureInput(title="Übernommen", id=foreign.pk),
            MeasureInput(title="Gelöscht", id=foreign.pk, delete=True),
        ),
    )

    project = services.save_project(
        by=world.manager_x, agency=world.agency_x, project=None, data=data
    )

    assert (project.agency, project.slug) == (world.agency_x, "gemeinsam-lernen")
    assert [m.title for m in project.measures.all()] == ["Standortanalyse"]
    foreign.refresh_from_db()
    assert (foreign.project, foreign.title) == (other, "Fremde Maßnahme")
