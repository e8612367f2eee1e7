"""Answering by personal link: the respondent's language, skip logic and constraints, single
use, anonymity that keeps no link and no time, and the version an answer was given to."""

from __future__ import annotations

import datetime
import uuid

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gemeinsam.core import personal_data
from gemeinsam.core.personal_data import DataSubject, Scope
from gemeinsam.surveys import queries, services, xlsform
from gemeinsam.surveys.answers import Given, check_answers
from gemeinsam.surveys.inputs import Invalid
from gemeinsam.surveys.models import Answer, Invitation, Response

from .conftest import survey_rows, workbook
from .test_launch import translate_everything

BERLIN_NOON = datetime.datetime(2026, 3, 4, 12, 30, tzinfo=datetime.UTC)


@pytest.fixture
def launched(world, imported):
    translate_everything(imported)
    return services.launch(imported, by=world.manager_x)


def _link(questionnaire, language="ar", **options) -> Invitation:
    options = {"emails": [], "count": 1, "language": language, "by": None, **options}
    return services.create_invitations(questionnaire, **options)[0]


GOOD = {"q_founded": "1998", "q_land": "NW", "q_district": "ms", "q_fields": ["youth"]}


def test_links_are_made_only_for_a_launched_questionnaire(world, imported):
    with pytest.raises(Invalid) as refused:
        _link(imported.questionnaire)
    assert refused.value.problems == ["Invitations can only be made once a version is launched."]
    translate_everything(imported)
    services.launch(imported, by=world.manager_x)
    made = services.create_invitations(
        imported.questionnaire, emails=["a@example.org"], count=2, language="tr", by=None
    )
    assert [i.email for i in made] == ["a@example.org", "", ""]
    assert len({i.token for i in made}) == 3 and all(len(i.token) == 32 for i in made)


def test_the_answering_page_is_in_the_links_language_right_to_left_in_arabic(
    world, client, launched
):
    invitation = _link(launched.questionnaire, "ar")
    page = client.get(f"/ar/surveys/a/{invitation.token}/").content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    # translate_everything wrote "<German> [ar]" as the Arabic of every text.
    assert "Gründungsjahr [ar]" in page and "Münster [ar]" in page
    assert "Gründungsjahr<" not in page


@time_machine.travel(BERLIN_NOON, tick=False)
def test_an_anonymous_response_keeps_no_link_no_time_and_the_link_is_used_up(
    world, client, launched
):
    invitation = _link(launched.questionnaire)
    url = f"/de/surveys/a/{invitation.token}/"
    response = client.post(url, {**GOOD, "q_remarks": "kommt nicht vor"})
    assert response.status_code == 302 and response["Location"] == url
    stored = Response.objects.get()
    assert isinstance(stored.pk, uuid.UUID)
    assert (stored.version, stored.anonymous, stored.invitation, stored.submitted_at) == (
        launched,
        True,
        None,
        None,
    )
    assert stored.submitted_on == datetime.date(2026, 3, 4)
    answers = dict(stored.answers.values_list("question__item__code", "value"))
    # remarks is asked only when "youth" is among the fields: here it is, so it is kept.
    assert answers == {
        "founded": "1998",
        "land": "NW",
        "district": "ms",
        "fields": "youth",
        "remarks": "kommt nicht vor",
    }
    invitation.refresh_from_db()
    assert invitation.answered_on == datetime.date(2026, 3, 4)
    client.post(url, GOOD)
    assert Response.objects.count() == 1
    done = client.get("/en/surveys/a/" + invitation.token + "/").content.decode()
    assert "Thank you. Your answers are saved, and this link is now used up." in done
    assert "This survey is anonymous." in done


@time_machine.travel(BERLIN_NOON, tick=False)
def test_a_named_response_keeps_its_invitation_and_moment(world, client, imported):
    questionnaire = imported.questionnaire
    questionnaire.anonymous = False
    questionnaire.save()
    translate_everything(imported)
    services.launch(imported, by=world.manager_x)
    invitation = _link(questionnaire, "de", emails=["leyla@example.org"], count=0)
    page = client.get(f"/de/surveys/a/{invitation.token}/").content.decode()
    assert "This survey is not anonymous." not in page  # German page
    assert "Diese Befragung ist nicht anonym." in page
    client.post(f"/de/surveys/a/{invitation.token}/", GOOD)
    stored = Response.objects.get()
    assert (stored.invitation, stored.submitted_at) == (invitation, BERLIN_NOON)


def test_problems_are_shown_at_their_questions_and_nothing_is_saved(world, client, launched):
    invitation = _link(launched.questionnaire)
    bad = {"q_founded": "1800", "q_fields": ["other"], "q_budget": "-5", "q_since": "gestern"}
    page = client.post(f"/en/surveys/a/{invitation.token}/", bad).content.decode()
    assert page.count("This answer is not possible here. Please check it.") >= 2
    assert "Please say what “other” means." in page
    assert "Please enter a date." in page
    assert "This field is required." in page  # land: required, no skip logic
    assert not Response.objects.exists()
    invitation.refresh_from_db()
    assert invitation.answered_on is None


def test_skip_logic_drops_answers_to_questions_not_asked(launched):
    rows = queries.rows_of(launched)
    raw = {"founded": "2001", "land": "BE", "district": "ms", "fields": ["culture"]}
    clean, problems = check_answers(rows, {**raw, "remarks": "nicht gefragt"}, {})
    assert problems == {}
    assert clean == {
        "founded": Given("2001"),
        "land": Given("BE"),
        "fields": Given("culture"),
    }


def test_a_choice_filter_refuses_a_choice_it_does_not_offer(launched):
    rows = queries.rows_of(launched)
    district = next(q for q in rows if q.item_id and q.item.code == "district")
    district.relevant = ""  # asked always, so only the filter decides
    _clean, problems = check_answers(rows, {"founded": "2001", "land": "BE", "district": "k"}, {})
    assert problems == {"district": "Please choose one of the answers offered."}


def test_multiple_answers_are_stored_in_the_lists_order_with_other(launched):
    rows = queries.rows_of(launched)
    raw = {"founded": "2001", "land": "BE", "fields": ["other", "culture", "youth"]}
    clean, problems = check_answers(rows, raw, {"fields": "Sport"})
    assert problems == {}
    assert clean["fields"] == Given("youth culture other", "Sport")


def test_a_response_keeps_the_version_it_was_given_to(world, client, launched):
    invitation = _link(launched.questionnaire)
    client.post(f"/de/surveys/a/{invitation.token}/", GOOD)
    # A second version goes out; the first response still names version 1.
    second = services.import_form(
        world.agency_x, xlsform.read_bytes(workbook(survey=survey_rows()), audience="mo")
    )
    translate_everything(second)
    services.launch(second, by=world.manager_x)
    assert queries.live_version(launched.questionnaire) == second
    assert Response.objects.get().version == launched
    assert {a.question.version_id for a in Answer.objects.all()} == {launched.pk}


def test_an_erasure_removes_the_identity_and_keeps_the_answers(world, client, imported):
    questionnaire = imported.questionnaire
    questionnaire.anonymous = False
    questionnaire.save()
    translate_everything(imported)
    services.launch(imported, by=world.manager_x)
    invitation = _link(questionnaire, "de", emails=["leyla@example.org"], count=0)
    client.post(f"/de/surveys/a/{invitation.token}/", GOOD)
    subject = DataSubject(emails=frozenset({"Leyla@example.org"}))
    exported = personal_data.export(subject, Scope())
    assert exported["survey_invitations"][0]["answers"][0] == {
        "question": "founded",
        "answer": "1998",
        "other": "",
    }
    scope_y = Scope.of_agencies([world.agency_y.pk], viewer=world.advisor_y)
    assert personal_data.export(subject, scope_y).get("survey_invitations") == []
    personal_data.erase(subject, Scope())
    invitation.refresh_from_db()
    stored = Response.objects.get()
    assert (invitation.email, stored.invitation, stored.submitted_at) == ("", None, None)
    assert stored.answers.count() == 4


def test_the_invitations_page_costs_the_same_for_three_links_as_for_one(
    world, client_for, launched
):
    client = client_for(world.advisor_x)
    url = "/de/surveys/agency/agency-x/mo_2026/invitations/"
    _link(launched.questionnaire)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            page = client.get(url).content.decode()
        return len(ctx.captured_queries), page

    count()
    one, _page = count()
    _link(launched.questionnaire, count=2)
    three, page = count()
    assert three == one
    assert page.count("/ar/surveys/a/") == 3
    assert "Verwendete Links: 0 von 3." in page


def test_staff_make_links_on_the_invitations_page(world, client_for, launched):
    client = client_for(world.advisor_x)
    url = "/en/surveys/agency/agency-x/mo_2026/invitations/"
    response = client.post(
        url, {"emails": "a@example.org\nkein-mail", "count": "0", "language": "tr"}
    )
    assert "“kein-mail” is not an email address." in response.content.decode()
    client.post(url, {"emails": "a@example.org\nb@example.org", "count": "1", "language": "tr"})
    assert sorted(Invitation.objects.values_list("email", "language")) == [
        ("", "tr"),
        ("a@example.org", "tr"),
        ("b@example.org", "tr"),
    ]
