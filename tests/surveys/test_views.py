"""The staff's questionnaire pages: list, XLSForm upload, a version, its launch and download."""

from __future__ import annotations

import dataclasses

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gemeinsam.surveys import queries, services, xlsform
from gemeinsam.surveys.inputs import FormSpec, RowSpec
from gemeinsam.surveys.models import Questionnaire

from .conftest import survey_rows, workbook
from .test_launch import translate_everything

LIST = "/de/surveys/agency/agency-x/"
DETAIL = "/de/surveys/agency/agency-x/mo_2026/"


def _small(form_id: str, title: str) -> FormSpec:
    rows = (RowSpec("integer", "members", labels={"de": "Mitglieder"}),)
    return FormSpec(form_id=form_id, titles={"de": title}, audience="mo", rows=rows, choices={})


def _count(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_list_costs_the_same_for_three_questionnaires_as_for_one(world, client_for, language):
    client = client_for(world.advisor_x)
    services.import_form(world.agency_x, _small("one", "Erster Bogen"))
    url = f"/{language}/surveys/agency/agency-x/"
    _count(client, url)  # content types and sessions are read once
    one, _page = _count(client, url)
    services.import_form(world.agency_x, _small("two", "Zweiter Bogen"))
    services.import_form(world.agency_x, _small("three", "Dritter Bogen"))
    services.import_form(world.agency_y, _small("other", "Bogen von Y"))
    three, page = _count(client, url)
    assert three == one
    assert page.index("Dritter Bogen") < page.index("Erster Bogen") < page.index("Zweiter Bogen")
    assert "Bogen von Y" not in page


def test_the_detail_page_costs_the_same_for_three_questions_as_for_one(world, client_for):
    client = client_for(world.advisor_x)
    land = xlsform.ChoiceSpec("NW", {"de": "NRW"})

    def spec(count: int) -> FormSpec:
        rows = tuple(
            RowSpec("select_one", f"q{i}", labels={"de": f"Frage {i}", "ar": f"سؤال {i}"},
                    list_name=f"list{i}")
            for i in range(count)
        )  # fmt: skip
        choices = {f"list{i}": (land,) for i in range(count)}
        return FormSpec("grow", {"de": "Wachsend"}, "mo", rows, choices)

    services.import_form(world.agency_x, spec(1))
    url = "/ar/surveys/agency/agency-x/grow/"
    _count(client, url)
    one, _page = _count(client, url)
    services.import_form(world.agency_x, spec(3))
    three, page = _count(client, url)
    assert three == one
    assert "سؤال 2" in page and page.count("NRW") == 3


def test_an_uploaded_xlsform_becomes_a_draft(world, client_for, form_bytes):
    client = client_for(world.advisor_x)
    upload = SimpleUploadedFile("form.xlsx", form_bytes)
    response = client.post(
        "/de/surveys/agency/agency-x/import/", {"file": upload, "audience": "mo"}
    )
    assert response.status_code == 302 and response["Location"] == DETAIL
    page = client.get(DETAIL).content.decode()
    assert "Bestandsaufnahme MO" in page and "Gründungsjahr" in page
    assert "Titel – Englisch: fehlt" in page
    assert "Launch this version" not in page


def test_a_refused_upload_names_the_row_and_saves_nothing(world, client_for):
    rows = [*survey_rows(), ["geopoint", "where", "Wo?"]]
    upload = SimpleUploadedFile("form.xlsx", workbook(survey=rows))
    response = client_for(world.advisor_x).post(
        "/en/surveys/agency/agency-x/import/", {"file": upload, "audience": "mo"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Row 13 of the survey sheet: the type “geopoint” is not supported" in page
    assert not Questionnaire.objects.exists()


def test_a_manager_launches_a_translated_version(world, client_for, imported):
    translate_everything(imported)
    advisor_page = client_for(world.advisor_x).get(DETAIL.replace("/de/", "/en/")).content
    assert b"A manager of the agency can launch this version." in advisor_page
    manager = client_for(world.manager_x)
    assert b"Launch this version" in manager.get("/en/surveys/agency/agency-x/mo_2026/").content
    response = manager.post(f"{DETAIL}launch/")
    assert response.status_code == 302
    imported.refresh_from_db()
    assert imported.launched_by == world.manager_x


def test_a_launch_with_missing_translations_says_what_is_missing(world, client_for, imported):
    response = client_for(world.manager_x).post(
        "/en/surveys/agency/agency-x/mo_2026/launch/", follow=True
    )
    page = response.content.decode()
    assert "The questionnaire was not launched." in page
    assert "founded – English: missing" in page
    imported.refresh_from_db()
    assert imported.launched_at is None


def test_the_download_is_the_xlsform_of_the_latest_version(world, client_for, imported):
    response = client_for(world.advisor_x).get(f"{DETAIL}xlsform/")
    assert response["Content-Disposition"] == 'attachment; filename="mo_2026-v1.xlsx"'
    read = xlsform.read_bytes(response.content)
    rows = tuple(dataclasses.replace(row, place="") for row in read.rows)
    assert dataclasses.replace(read, rows=rows) == queries.spec_of(imported)
