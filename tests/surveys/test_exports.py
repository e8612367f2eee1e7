"""The raw responses' download: wide, in random order, naming people only when not anonymous."""

from __future__ import annotations

import datetime
import io

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gemeinsam.core import spreadsheets
from gemeinsam.surveys import exports, services
from gemeinsam.surveys.answers import Given
from gemeinsam.surveys.models import Response

from .test_launch import translate_everything

NOON = datetime.datetime(2026, 3, 4, 11, 0, tzinfo=datetime.UTC)
HEADER = ["response", "version", "language", "submitted_on"]
CODES = ["founded", "land", "district", "fields", "fields_other", "remarks", "since", "budget",
         "satisfaction"]  # fmt: skip


def _launch(world, imported, anonymous=True):
    questionnaire = imported.questionnaire
    questionnaire.anonymous = anonymous
    questionnaire.save()
    translate_everything(imported)
    return services.launch(imported, by=world.manager_x)


def _respond(version, email="", **answers):
    [invitation] = services.create_invitations(
        version.questionnaire, emails=[email] if email else [], count=0 if email else 1,
        language="tr", by=None,
    )  # fmt: skip
    given = {code: Given(*value) if isinstance(value, tuple) else Given(value)
             for code, value in answers.items()}  # fmt: skip
    return services.submit(invitation, version, given, language="tr")


@time_machine.travel(NOON, tick=False)
def test_an_anonymous_questionnaires_table_names_no_one_and_no_time(world, imported, client_for):
    version = _launch(world, imported)
    first = _respond(version, founded="1998", land="NW", fields=("youth other", "Sport"))
    _respond(version, founded="2005", land="BE")
    response = client_for(world.advisor_x).get(
        "/de/surveys/agency/agency-x/mo_2026/responses/?format=xlsx"
    )
    assert response["Content-Disposition"] == 'attachment; filename="mo_2026-responses.xlsx"'
    table = spreadsheets.read_xlsx(io.BytesIO(response.content))
    assert table.headers == HEADER + CODES
    rows = [row.cells for row in table.rows]
    ids = [row[0] for row in rows]
    assert ids == sorted(ids)  # by the random id, not by arrival
    mine = next(row for row in rows if row[0] == str(first.pk))
    assert mine[1:9] == [
        1,
        "tr",
        datetime.date(2026, 3, 4),
        "1998",
        "NW",
        "",
        "youth other",
        "Sport",
    ]


@time_machine.travel(NOON, tick=False)
def test_a_named_questionnaires_table_adds_the_address_and_the_moment(world, imported):
    version = _launch(world, imported, anonymous=False)
    _respond(version, email="leyla@example.org", founded="1998", land="NW")
    [header, row] = exports.wide_table(version.questionnaire)
    assert header[:8] == [*HEADER, "email", "submitted_at", "founded", "land"]
    assert row[4:8] == ["leyla@example.org", "2026-03-04T11:00:00+00:00", "1998", "NW"]


def test_the_table_costs_the_same_for_three_responses_as_for_one(world, imported):
    version = _launch(world, imported)
    _respond(version, founded="1998", land="NW")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            table = exports.wide_table(version.questionnaire)
        return len(ctx.captured_queries), table

    one, _table = count()
    _respond(version, founded="1999", land="NW")
    _respond(version, founded="2000", land="BE", district="ms")
    three, table = count()
    assert three == one and len(table) == 4
    assert Response.objects.count() == 3


@pytest.mark.django_db
def test_csv_download_is_semicolon_separated_with_a_bom(world, imported, client_for):
    version = _launch(world, imported)
    _respond(version, founded="1998", land="NW")
    data = client_for(world.manager_x).get("/en/surveys/agency/agency-x/mo_2026/responses/").content
    assert data.startswith("\ufeff".encode())
    assert data.decode("utf-8-sig").splitlines()[0].startswith("response;version;language;")
