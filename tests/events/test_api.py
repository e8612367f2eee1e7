"""The events API: the calendar's list and detail, public registration, and the staff's list."""

from __future__ import annotations

import datetime

import pytest
import schemathesis
from django.core import mail
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, settings

from gemeinsam.events import services
from gemeinsam.events.models import Event, Question, Registration
from gemeinsam.wsgi import application
from tests import factories
from tests.api_support import API, call, token_for

VIDEO = "https://video.example.org/raum-42"


@pytest.fixture
def event(world):
    event = factories.make_event(
        world.agency_x,
        "Workshop Vereinsfinanzen",
        kind="workshop",
        capacity=1,
        format="hybrid",
        online_url=VIDEO,
    )
    Question.objects.create(
        event=event, label="Interpretation", kind="single", choices=["ar", "tr"], required=True
    )
    return event


def _question(event, label="Interpretation"):
    return event.questions.get(label=label)


def register(event, body: dict | None = None, *, token=None, accept_language="en", **fields):
    payload = (
        body
        if body is not None
        else {
            "name": "Leyla Aydın",
            "email": "leyla@example.org",
            "answers": {str(_question(event).pk): "ar"},
            **fields,
        }
    )
    headers = {"Accept-Language": accept_language}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return Client().post(
        f"{API}/events/{event.pk}/registrations",
        data=payload,
        content_type="application/json",
        headers=headers,
    )


# --- List and detail ----------------------------------------------------------------------------


def test_the_list_shows_what_the_web_calendar_shows(world, event):
    draft = factories.make_event(world.agency_x, "Entwurf", status="draft")
    factories.make_event(world.agency_x, "Vorbei", starts_in=datetime.timedelta(days=-3))
    anonymous = call("/events").json()
    staff = call("/events", token=token_for(world.advisor_x)).json()
    assert [e["title"] for e in anonymous["results"]] == ["Workshop Vereinsfinanzen"]
    assert sorted(e["id"] for e in staff["results"]) == sorted([event.pk, draft.pk])
    assert anonymous["results"][0]["kind"] == {"code": "workshop", "label": "workshop"}
    assert anonymous["results"][0]["places_left"] == 1


def test_the_list_filters_like_the_web_calendar(world, event):
    factories.make_event(world.agency_y, "Runder Tisch", kind="round_table", capacity=None)
    full = factories.make_event(world.agency_x, "Ausgebucht", capacity=1)
    services.register(full, [factories.person()], consent=False)

    def titles(**params):
        return sorted(e["title"] for e in call("/events", **params).json()["results"])

    assert titles(kind="workshop") == ["Workshop Vereinsfinanzen"]
    assert titles(agency="agency-y") == ["Runder Tisch"]
    assert titles(places_left="true") == ["Runder Tisch", "Workshop Vereinsfinanzen"]
    assert titles(q="runder") == ["Runder Tisch"]
    assert titles(format="hybrid") == ["Workshop Vereinsfinanzen"]


def test_the_list_pages_and_a_page_past_the_end_answers_with_the_last(world, event):
    for n in range(2):
        factories.make_event(world.agency_x, f"Termin {n}")
    last = call("/events", page_size=2, page=99).json()
    assert (last["count"], last["page"], last["pages"], len(last["results"])) == (3, 2, 2, 1)


def test_dates_must_be_written_as_days_and_stay_in_a_sensible_range(event):
    assert call("/events", date_from="0").status_code == 422
    response = call("/events", date_to="0001-01-01")
    assert (response.status_code, response.json()["errors"][0]["loc"]) == (
        422,
        ["query", "date_to"],
    )
    assert call("/events", date_from="2020-01-01").json()["count"] == 1


def test_the_detail_has_the_questions_and_never_the_video_link(event):
    response = call(f"/events/{event.pk}")
    body = response.json()
    assert body["questions"] == [
        {
            "id": _question(event).pk,
            "label": "Interpretation",
            "kind": "single",
            "choices": ["ar", "tr"],
            "choice_labels": ["ar", "tr"],
            "required": True,
            "help_text": "",
            # Asked in English (the client's Accept-Language): nothing is translated.
            "texts": {
                "language": "en",
                "status": {"label": "missing", "help_text": "up_to_date", "choices": "missing"},
            },
        }
    ]
    assert "online_url" not in body
    assert VIDEO not in response.content.decode()


def test_a_draft_is_not_there_for_the_public(world):
    draft = factories.make_event(world.agency_x, "Entwurf", status="draft")
    response = call(f"/events/{draft.pk}")
    assert (response.status_code, response.json()["code"]) == (404, "not_found")
    assert call(f"/events/{draft.pk}", token=token_for(world.manager_x)).json()["status"] == "draft"


def test_an_id_beyond_any_integer_is_refused_not_a_server_error(event):
    assert call(f"/events/{2**64}").status_code == 422
    assert register(event, body={}).status_code == 422
    response = Client().post(
        f"{API}/events/{2**64}/registrations", data={}, content_type="application/json"
    )
    assert response.status_code == 422


# --- Registering --------------------------------------------------------------------------------


def test_a_registration_is_confirmed_and_answers_with_the_personal_link(event, run_jobs):
    response = register(event, language="tr")
    body = response.json()
    registration = Registration.objects.get()
    assert response.status_code == 201
    assert body == {
        "id": registration.pk,
        "status": "confirmed",
        "waitlist_position": None,
        "url": f"http://testserver/tr/events/registrations/{registration.token}/",
    }
    assert registration.language == "tr"
    assert [a.value for a in registration.answers.all()] == ["ar"]
    run_jobs()
    assert [m.to for m in mail.outbox] == [["leyla@example.org"]]


def test_the_registration_language_follows_accept_language_when_not_given(event):
    register(event, accept_language="ar")
    assert Registration.objects.get().language == "ar"


def test_a_full_event_puts_people_on_the_waiting_list_in_order(event):
    register(event)
    second = register(event, email="omar@example.org").json()
    third = register(event, email="selin@example.org").json()
    assert (second["status"], second["waitlist_position"]) == ("waitlisted", 1)
    assert (third["status"], third["waitlist_position"]) == ("waitlisted", 2)


def test_registering_runs_few_queries_and_only_the_waiting_list_takes_the_lock(
    world, django_assert_num_queries
):
    """An event without questions is read in one query; a confirmed registration then writes
    itself, its mail job and the places. One read full waits for the event's lock first and is
    written as waiting there, and the answer's position is one more query."""
    event = factories.make_event(world.agency_x, "Vernetzungstreffen", capacity=1)

    def post(email):
        body = {"name": "Leyla Aydın", "email": email}
        url = f"{API}/events/{event.pk}/registrations"
        return Client().post(url, data=body, content_type="application/json").json()

    # read, savepoint, registration, mail job, places, release
    with django_assert_num_queries(6):
        confirmed = post("leyla@example.org")
    # read, savepoint, lock, registration, mail job, release, position
    with django_assert_num_queries(7) as captured:
        waiting = post("omar@example.org")
    lock, written = (q["sql"] for q in captured.captured_queries[2:4])
    assert lock.startswith("SELECT") and '"events_event"' in lock
    assert lock.endswith("FOR UPDATE") == (connection.vendor == "postgresql")
    assert written.startswith('INSERT INTO "events_registration"')
    assert (confirmed["status"], waiting["status"], waiting["waitlist_position"]) == (
        "confirmed",
        "waitlisted",
        1,
    )
    assert Registration.objects.filter(event=event).count() == 2


def test_a_registration_waits_for_approval_when_the_event_asks_for_it(event):
    event.requires_approval = True
    event.save()
    assert register(event).json()["status"] == "pending"


def test_a_second_registration_with_the_same_email_is_a_conflict_and_resends_the_link(
    event, run_jobs
):
    register(event)
    run_jobs()
    mail.outbox.clear()
    response = register(event, email="LEYLA@example.org")
    existing = Registration.objects.get()
    assert response.status_code == 409
    assert response.json()["code"] == "duplicate"
    assert existing.token not in response.content.decode()
    run_jobs()
    assert [(m.to, existing.token in m.body) for m in mail.outbox] == [
        (["leyla@example.org"], True)
    ]


def test_the_link_is_mailed_again_at_most_once_in_ten_minutes(event, run_jobs):
    # Sending the same address over and over must not fill that person's inbox.
    register(event)
    register(event, email="omar@example.org")
    run_jobs()
    mail.outbox.clear()
    answers = [register(event, email=email) for email in ["leyla@example.org"] * 3]
    answers.append(register(event, email="omar@example.org"))
    assert [a.json()["code"] for a in answers] == ["duplicate"] * 4
    run_jobs()
    assert sorted(m.to[0] for m in mail.outbox) == ["leyla@example.org", "omar@example.org"]


def test_a_full_event_without_a_waiting_list_is_a_conflict(event):
    event.waitlist_enabled = False
    event.save()
    register(event)
    response = register(event, email="omar@example.org")
    assert (response.status_code, response.json()["code"]) == (409, "full")
    assert response.json()["detail"] == "This event is fully booked."


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"registration_closes_at": "past"}, "closed"),
        ({"registration_opens_at": "future"}, "not_open_yet"),
        ({"status": "cancelled"}, "cancelled"),
    ],
)
def test_an_event_that_takes_no_registrations_is_a_conflict(event, change, code):
    moments = {
        "past": event.starts_at - datetime.timedelta(days=20),
        "future": event.starts_at - datetime.timedelta(days=1),
    }
    for name, value in change.items():
        setattr(event, name, moments.get(value, value))
    event.save()
    response = register(event)
    assert (response.status_code, response.json()["code"]) == (409, code)
    assert Registration.objects.count() == 0


def test_bad_answers_and_missing_consent_are_listed_by_place(world, event):
    event.consent_text = "Wir speichern Ihre Angaben."
    event.save()
    question = _question(event)
    response = register(
        event, answers={str(question.pk): "fr", "999999": "x"}, organization_id=world.org_a.pk
    )
    errors = {tuple(e["loc"]): e["message"] for e in response.json()["errors"]}
    assert response.status_code == 422
    assert errors == {
        ("body", "answers", str(question.pk)): "Please pick from the choices given.",
        ("body", "answers", "999999"): "This event has no such question.",
        ("body", "consent"): "Please agree to the consent text.",
        ("body", "organization_id"): "There is no organization with this id.",
    }
    assert Registration.objects.count() == 0


def test_a_missing_required_answer_is_refused(event):
    response = register(event, answers={})
    assert response.json()["errors"] == [
        {
            "loc": ["body", "answers", str(_question(event).pk)],
            "message": "This question must be answered.",
            "type": "invalid",
        }
    ]


def test_errors_are_in_the_callers_language(event):
    response = register(event, email="leyla@localhost-ohne-punkt", accept_language="de")
    body = response.json()
    assert body["detail"] == "Einige Parameter sind ungültig."
    assert body["errors"][0]["message"] == "Bitte gültige E-Mail-Adresse eingeben."


@pytest.mark.parametrize(
    "body",
    [
        {"name": "Leyla\x00", "email": "leyla@example.org"},
        {"name": "Leyla\ud800", "email": "leyla@example.org"},
        {"name": "   ", "email": "leyla@example.org"},
        {"name": "x" * 201, "email": "leyla@example.org"},
        {"name": "Leyla", "email": "leyla@example.org", "organization_id": 2**70},
        {"name": "Leyla", "email": "leyla@example.org", "answers": {"1": "a\x00"}},
        {"name": "Leyla", "email": "leyla@example.org", "answers": {"1": {"x": 1}}},
        {"name": "Leyla", "email": "leyla@example.org", "language": "fr"},
    ],
    ids=["nul", "surrogate", "blank", "long", "huge-id", "nul-answer", "object", "language"],
)
def test_malformed_bodies_are_refused_and_nothing_is_saved(event, body):
    response = register(event, body=body)
    assert (response.status_code, response.json()["code"]) == (422, "invalid_request")
    assert Registration.objects.count() == 0


# --- Participants -------------------------------------------------------------------------------


def test_staff_list_the_participants_with_status_attendance_and_organization(world, event):
    services.register(
        event,
        [factories.person("Leyla Aydın", "leyla@example.org", organization_id=world.org_b.pk)],
        consent=False,
    )
    services.register(event, [factories.person("Omar Haddad", "omar@example.org")], consent=False)
    leyla = Registration.objects.get(email="leyla@example.org")
    # At the door, shortly before the start.
    starts = timezone.now() + datetime.timedelta(minutes=20)
    Event.objects.filter(pk=event.pk).update(
        starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
    )
    leyla.event.refresh_from_db()
    services.check_in(leyla, by=world.advisor_x)
    body = call(f"/events/{event.pk}/participants", token=token_for(world.advisor_x)).json()
    rows = [
        (r["name"], r["status"], r["attended"], r["organization_name"]) for r in body["results"]
    ]
    assert rows == [
        ("Leyla Aydın", "confirmed", True, "Verein B für Kultur"),
        ("Omar Haddad", "waitlisted", None, ""),
    ]
    waiting = call(
        f"/events/{event.pk}/participants", token=token_for(world.advisor_x), status="waitlisted"
    ).json()
    assert [r["name"] for r in waiting["results"]] == ["Omar Haddad"]


def test_the_participants_are_not_there_for_other_agencies_or_the_public(world, event):
    other = call(f"/events/{event.pk}/participants", token=token_for(world.advisor_y))
    anonymous = call(f"/events/{event.pk}/participants")
    assert (other.status_code, other.json()["code"]) == (404, "not_found")
    assert anonymous.status_code == 404


# --- Fuzzing against a real, open event --------------------------------------------------------

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def _keep_the_test_transaction():
    # As in test_api_fuzz: the WSGI handler would close the test's connection on PostgreSQL.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _no_throttling(settings):
    settings.NINJA_DEFAULT_THROTTLE_RATES = {"anon": None, "auth": None, "user": None}


@schema.include(tag="events").parametrize()
@settings(
    max_examples=30,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_request_about_an_existing_event_breaks_the_api(case, event, _keep_the_test_transaction):
    # Generated ids almost never exist; point every request at the real event instead, so
    # the bodies reach the registration service and its questions.
    if case.path_parameters and "event_id" in case.path_parameters:
        case.path_parameters["event_id"] = event.pk
    response = case.call()
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert sorted(response.json()) == ["code", "detail", "errors"]
