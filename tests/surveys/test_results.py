"""Results and indicators, counted from the raw answers: shares per audience with n and the
95 % Wilson interval, the same item compared across the audiences' questionnaires."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gemeinsam.core import content, spreadsheets
from gemeinsam.surveys import results, services
from gemeinsam.surveys.answers import Given
from gemeinsam.surveys.inputs import ChoiceSpec, FormSpec, RowSpec
from gemeinsam.surveys.models import Indicator, Item

from .test_launch import translate_everything

FIELDS = (
    ChoiceSpec("youth", {"de": "Kinder- und Jugendhilfe"}),
    ChoiceSpec("integration", {"de": "Integration"}),
    ChoiceSpec("culture", {"de": "Kultur"}),
)


def _questionnaire(agency, audience: str, by):
    spec = FormSpec(
        form_id=f"befragung-{audience}",
        titles={"de": f"Befragung {audience}"},
        audience=audience,
        rows=(
            RowSpec("select_multiple", "founded_for", labels={"de": f"Gegründet für ({audience})"},
                    list_name="fields"),
            RowSpec("select_multiple", "funded_by", labels={"de": f"Finanziert über ({audience})"},
                    list_name="fields"),
        ),
        choices={"fields": FIELDS},
    )  # fmt: skip
    version = services.import_form(agency, spec)
    translate_everything(version)
    return services.launch(version, by=by)


def _answer(version, times: int, **answers):
    invitations = services.create_invitations(
        version.questionnaire, emails=[], count=times, language="de", by=None
    )
    given = {code: Given(value) for code, value in answers.items()}
    for invitation in invitations:
        services.submit(invitation, version, given, language="de")


@pytest.fixture
def surveyed(world):
    """100 MOs (54 founded for youth welfare, 18 funded through it, 3 who left both out) and
    10 authorities."""
    mo = _questionnaire(world.agency_x, "mo", world.manager_x)
    authority = _questionnaire(world.agency_x, "authority", world.manager_x)
    _answer(mo, 18, founded_for="youth culture", funded_by="youth")
    _answer(mo, 36, founded_for="youth", funded_by="integration")
    _answer(mo, 43, founded_for="integration", funded_by="integration")
    _answer(mo, 3)
    _answer(authority, 4, founded_for="youth")
    _answer(authority, 6, founded_for="integration")
    return world


def _indicator(agency, code, item, value, audience="mo", title=""):
    return Indicator.objects.create(
        agency=agency,
        code=code,
        title=title or code,
        item=Item.objects.get(agency=agency, code=item),
        value=value,
        audience=audience,
    )


def test_the_wilson_interval_matches_values_worked_by_hand():
    low, high = results.wilson(54, 100)
    assert (round(low, 4), round(high, 4)) == (0.4426, 0.6344)
    assert results.wilson(0, 10)[0] == 0.0 and round(results.wilson(0, 10)[1], 4) == 0.2775
    assert results.wilson(0, 0) == (0.0, 0.0)


def test_indicators_reproduce_54_and_18_percent_from_the_raw_answers(surveyed):
    agency = surveyed.agency_x
    _indicator(agency, "founded-youth", "founded_for", "youth", title="MO für Jugendhilfe")
    _indicator(agency, "funded-youth", "funded_by", "youth", title="MO finanziert so")
    _indicator(agency, "authorities-youth", "founded_for", "youth", audience="authority")
    values = {i.code: (s.count, s.n, s.percent) for i, s in results.indicators(agency)}
    assert values == {
        "authorities-youth": (4, 10, 40),
        "founded-youth": (54, 100, 54),
        "funded-youth": (18, 100, 18),
    }


def test_a_repeated_survey_updates_the_indicator(surveyed):
    agency = surveyed.agency_x
    _indicator(agency, "founded-youth", "founded_for", "youth")
    version = agency.questionnaires.get(audience="mo").versions.get()
    _answer(version, 10, founded_for="youth")
    [(_indicator_row, share)] = results.indicators(agency)
    assert (share.count, share.n) == (64, 110)


def test_the_results_compare_an_item_across_the_audiences(surveyed):
    [founded, _funded] = results.choice_results(surveyed.agency_x)
    assert founded.item.code == "founded_for"
    rows = {choice.value: shares for choice, shares in founded.rows()}
    # Audiences in order: MOs, authorities, providers (not asked).
    assert [(s.count, s.n) if s else None for s in rows["youth"]] == [(54, 100), (4, 10), None]
    assert [(s.count, s.n) if s else None for s in rows["culture"]] == [(18, 100), (0, 10), None]
    assert founded.sizes() == [100, 10, None]


def test_the_results_page_and_its_download(surveyed, client_for):
    agency = surveyed.agency_x
    _indicator(agency, "founded-youth", "founded_for", "youth", title="MO für Jugendhilfe")
    indicator = Indicator.objects.get()
    content.set_texts(indicator, "en", {"title": "MOs founded for youth welfare"})
    client = client_for(surveyed.advisor_x)
    page = client.get("/en/surveys/results/agency-x/").content.decode()
    assert "<strong>54 %</strong> – MOs founded for youth welfare" in page
    assert "n = 100, 95 percent interval 44–63 %" in page
    assert "18 % <span" in page
    download = client.get("/en/surveys/results/agency-x/download/?format=xlsx")
    table = spreadsheets.read_xlsx(io.BytesIO(download.content))
    assert table.headers[:6] == ["item", "audience", "value", "label", "count", "n"]
    assert ["founded_for", "mo", "youth", "Kinder- und Jugendhilfe [en]", 54, 100] in [
        row.cells[:6] for row in table.rows
    ]
    csv = client.get("/en/surveys/results/agency-x/download/").content.decode("utf-8-sig")
    assert "funded_by;mo;youth;Kinder- und Jugendhilfe [en];18;100;0.18;" in csv


def test_the_results_page_costs_the_same_for_three_indicators_as_for_one(surveyed, client_for):
    agency = surveyed.agency_x
    client = client_for(surveyed.advisor_x)
    url = "/ar/surveys/results/agency-x/"
    _indicator(agency, "one", "founded_for", "youth")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            page = client.get(url).content.decode()
        return len(ctx.captured_queries), page

    count()
    one, _page = count()
    _indicator(agency, "two", "funded_by", "youth")
    _indicator(agency, "three", "founded_for", "culture", audience="authority")
    three, page = count()
    assert three == one
    assert page.count("<strong>") == 3
