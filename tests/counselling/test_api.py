"""The counselling API: asking for counselling (public, limited per address) and the staff's
cases and intake queue, with bad input answered 4xx and never a server error."""

from __future__ import annotations

import datetime

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, settings

from gemeinsam.counselling import services
from gemeinsam.counselling.models import (
    Appointment,
    ConsentRecord,
    Contact,
    CoverageArea,
    Outcome,
    Request,
    Session,
)
from gemeinsam.wsgi import application
from tests import factories
from tests.api_support import API, call, token_for


def ask(body: dict | None = None, *, token=None, accept_language="en", address=None, **fields):
    payload = (
        body
        if body is not None
        else {
            "topics": ["association_founding", "funding_applications"],
            "description": "Wir möchten einen Verein gründen.",
            "channel": "phone",
            "name": "Omar Haddad",
            "email": "omar@example.org",
            "federal_state": "HH",
            "consent": True,
            **fields,
        }
    )
    headers = {"Accept-Language": accept_language}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    client = Client(REMOTE_ADDR=address) if address else Client()
    url = f"{API}/counselling/requests"
    return client.post(url, data=payload, content_type="application/json", headers=headers)


@pytest.fixture
def hamburg(world):
    CoverageArea.objects.create(agency=world.agency_x, federal_state="HH")
    return world.agency_x


def _errors(response) -> list[tuple[list, str]]:
    return [(e["loc"], e["message"]) for e in response.json()["errors"]]


# --- Asking -------------------------------------------------------------------------------------


def test_a_request_is_stored_routed_and_answers_with_its_status_page(
    world, hamburg, run_jobs, mailoutbox
):
    response = ask(mail_language="tr")
    request = Request.objects.get()
    assert response.status_code == 201
    assert response.json() == {
        "id": request.pk,
        "status": "new",
        "agency": {"id": hamburg.pk, "name": "Kompetenzzentrum Migration Nord"},
        "status_url": f"http://testserver/tr/counselling/requests/{request.token}/",
    }
    assert sorted(t.code for t in request.topics.all()) == [
        "association_founding",
        "funding_applications",
    ]
    assert (request.contact.preferred_language, request.routed_by) == ("tr", "federal_state")
    assert ConsentRecord.objects.get().text_version == "2026-01"
    run_jobs()
    assert [m.to for m in mailoutbox] == [["omar@example.org"]]


def test_a_request_no_agency_covers_answers_without_an_agency(world):
    response = ask(federal_state="SN")
    assert (response.status_code, response.json()["agency"]) == (201, None)


def test_a_members_token_may_name_their_organization_by_id(world, hamburg):
    response = ask(token=token_for(world.member_a), email="", name="", organization=world.org_a.pk)
    request = Request.objects.get(pk=response.json()["id"])
    assert (request.organization, request.requested_by, request.contact.user) == (
        world.org_a,
        world.member_a,
        world.member_a,
    )


def test_an_organization_id_counts_only_for_its_members(world, hamburg):
    anonymous = ask(organization=world.org_a.pk, organization_name="Verein A")
    other_member = ask(
        token=token_for(world.member_b), organization=world.org_a.pk, organization_name="Verein A"
    )
    requests = Request.objects.filter(pk__in=[anonymous.json()["id"], other_member.json()["id"]])
    assert [(r.organization, r.organization_name) for r in requests] == [(None, "Verein A")] * 2


def test_unknown_topics_and_languages_are_listed_by_place(world):
    response = ask(topics=["association_founding", "astrology"], language="xx")
    assert response.status_code == 422
    assert _errors(response) == [
        (["body", "topics", 1], "There is no topic with this code."),
        (["body", "language"], "There is no language with this code."),
    ]
    assert Request.objects.count() == 0


def test_a_visitor_must_give_a_way_to_answer_and_agree(world):
    response = ask(email="", phone="", consent=False)
    assert _errors(response) == [
        (["body", "email"], "Please give an email address or a phone number for the answer."),
        (["body", "consent"], "Please agree, so that we may store your request."),
    ]
    assert (Request.objects.count(), Contact.objects.count()) == (0, 0)


def test_a_token_user_needs_no_email(world, hamburg):
    response = ask(token=token_for(world.member_b), email="", phone="")
    request = Request.objects.get(pk=response.json()["id"])
    assert (response.status_code, request.contact.email) == (201, world.member_b.email)


@pytest.mark.parametrize(
    "fields",
    [
        {"topics": []},
        {"channel": "pigeon"},
        {"description": ""},
        {"description": "x" * 4001},
        {"postcode": "1234"},
        {"federal_state": "XX"},
        {"email": "not an address"},
        {"phone": "<script>"},
        {"description": "null\x00byte"},
        {"organization": 0},
        {"organization": 2**70},
        {"mail_language": "fr"},
    ],
)
def test_malformed_fields_are_refused_and_nothing_is_saved(world, fields):
    response = ask(**fields)
    assert (response.status_code, response.json()["code"]) == (422, "invalid_request")
    assert Request.objects.count() == 0


@pytest.mark.parametrize("body", [[], 42, {"topics": "association_founding"}])
def test_bodies_of_the_wrong_shape_are_refused(world, body):
    response = ask(body)
    assert response.status_code == 422
    assert Request.objects.count() == 0


def test_a_body_that_is_not_json_is_a_bad_request(world):
    response = Client().post(
        f"{API}/counselling/requests", data="{not json", content_type="application/json"
    )
    assert (response.status_code, response.json()["code"]) == (400, "bad_request")


def test_errors_are_in_the_callers_language(world):
    response = ask({"description": "Hallo"}, accept_language="de")
    body = response.json()
    assert body["detail"] == "Einige Parameter sind ungültig."
    # ninja names the body parameter in the place of its own errors: ["body", "body", field].
    assert [(e["loc"][-1], e["message"]) for e in body["errors"]] == [
        ("topics", "Dieser Wert ist erforderlich."),
        ("channel", "Dieser Wert ist erforderlich."),
        ("consent", "Dieser Wert ist erforderlich."),
    ]


def test_the_sixth_request_within_the_hour_is_throttled_and_not_stored(
    world, hamburg, settings, client_for
):
    settings.GEMEINSAM_REQUEST_RATE = "5/h"
    answers = [ask(address="198.51.100.20").status_code for _ in range(5)]
    refused = ask(address="198.51.100.20")
    assert answers == [201] * 5
    assert (refused.status_code, refused.json()["code"]) == (429, "throttled")
    assert Request.objects.count() == 5
    # The web form counts against the same limit.
    form = client_for(None)
    form.defaults["REMOTE_ADDR"] = "198.51.100.20"
    web = form.post(
        "/en/counselling/",
        {
            "topics": [t.pk for t in factories.topics("association_founding")],
            "description": "Wir möchten einen Verein gründen.",
            "channel": "phone",
            "email": "omar@example.org",
            "consent": "on",
        },
    )
    assert web.status_code == 429
    another = ask(address="203.0.113.20")
    assert (another.status_code, Request.objects.count()) == (201, 6)


def test_invalid_requests_do_not_count_against_the_limit(world, settings):
    settings.GEMEINSAM_REQUEST_RATE = "1/h"
    ask(consent=False, address="198.51.100.21")
    assert (ask(address="198.51.100.21").status_code, Request.objects.count()) == (201, 1)


def test_the_topics_list_gives_codes_and_labels_in_the_callers_language(world):
    topics = call("/counselling/topics", lang="ar").json()
    assert {"code": "association_founding", "label": "تأسيس جمعية"} in topics
    assert len(topics) == 12


# --- Staff --------------------------------------------------------------------------------------


@pytest.fixture
def cases(world):
    """A case of agency X (organization A, with a session, a task, an outcome and an appointment)
    and a closed case of agency Y."""
    case_x = factories.make_case(
        world.agency_x,
        advisors=[world.advisor_x],
        organizations=[world.org_a],
        title="Vereinsgründung Frauenverein",
        project=world.project_x,
    )
    Session.objects.create(
        case=case_x,
        held_on=datetime.date(2026, 2, 3),
        duration_minutes=90,
        channel="video",
        summary="Streit im Vorstand",
        next_steps="Satzungsentwurf schicken",
    )
    services.timeline.add_note(case_x, body="Vertraulich: Kassenprüfung", by=world.advisor_x)
    case_x.tasks.create(title="Notartermin vereinbaren", due_on=datetime.date(2026, 3, 1))
    Outcome.objects.create(
        case=case_x,
        kind="funding_submitted",
        achieved_on=datetime.date(2026, 2, 20),
        programme="Auf Augenhöhe",
        amount="12500.00",
    )
    starts = datetime.datetime(2026, 3, 5, 10, tzinfo=datetime.UTC)
    Appointment.objects.create(
        case=case_x,
        agency=world.agency_x,
        advisor=world.advisor_x,
        title="Zweites Gespräch",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
        channel="phone",
    )
    case_y = factories.make_case(
        world.agency_y, advisors=[world.advisor_y], title="Gremiencoaching Bezirksbeirat"
    )
    services.cases.close_case(case_y, by=world.advisor_y)
    return {"x": case_x, "y": case_y}


def test_staff_list_their_agencys_cases_without_confidential_content(world, cases):
    body = call("/counselling/cases", token=token_for(world.advisor_x)).json()
    case = cases["x"]
    assert body["count"] == 1
    assert body["results"] == [
        {
            "id": case.pk,
            "reference": case.reference,
            "title": "Vereinsgründung Frauenverein",
            "case_type": "process_support",
            "status": "open",
            "agency": {"id": world.agency_x.pk, "name": "Kompetenzzentrum Migration Nord"},
            "opened_on": case.opened_on.isoformat(),
            "closed_on": None,
            "organizations": [{"id": world.org_a.pk, "name": "Verein A für Jugendarbeit"}],
            "advisors": ["Xenia Wolff"],
            "topics": ["association_founding"],
            "language": None,
            "project": {"id": world.project_x.pk, "title": "Willkommen in Berlin"},
        }
    ]


def test_the_case_list_filters_by_status(world, cases):
    token = token_for(world.advisor_y)
    closed = call("/counselling/cases", token=token, status="closed").json()
    still_open = call("/counselling/cases", token=token, status="open").json()
    assert [c["title"] for c in closed["results"]] == ["Gremiencoaching Bezirksbeirat"]
    assert still_open["results"] == []


def test_a_case_shows_its_timeline_but_never_summaries_or_notes(world, cases):
    response = call(f"/counselling/cases/{cases['x'].pk}", token=token_for(world.manager_x))
    body = response.json()
    assert body["sessions"] == [
        {
            "held_on": "2026-02-03",
            "duration_minutes": 90,
            "channel": "video",
            "next_steps": "Satzungsentwurf schicken",
        }
    ]
    assert [(t["title"], t["due_on"], t["done"]) for t in body["tasks"]] == [
        ("Notartermin vereinbaren", "2026-03-01", False)
    ]
    assert body["outcomes"] == [
        {
            "kind": "funding_submitted",
            "achieved_on": "2026-02-20",
            "programme": "Auf Augenhöhe",
            "amount": "12500.00",
        }
    ]
    assert [(a["title"], a["advisor"]) for a in body["appointments"]] == [
        ("Zweites Gespräch", "Xenia Wolff")
    ]
    text = response.content.decode()
    assert "Streit im Vorstand" not in text
    assert "Kassenprüfung" not in text


@pytest.mark.parametrize("caller", ["advisor_y", "admin", "member_a"])
def test_a_case_is_not_there_for_other_agencies_members_or_admins(world, cases, caller):
    response = call(f"/counselling/cases/{cases['x'].pk}", token=token_for(getattr(world, caller)))
    assert (response.status_code, response.json()["code"]) == (404, "not_found")


def test_an_unknown_or_impossible_case_id_is_a_404_or_422(world, cases):
    token = token_for(world.advisor_x)
    answers = [
        call(path, token=token)
        for path in (
            "/counselling/cases/999999",
            f"/counselling/cases/{2**70}",
            "/counselling/cases/0",
        )
    ]
    assert [(r.status_code, r.json()["code"]) for r in answers] == [
        (404, "not_found"),
        (422, "invalid_request"),
        (422, "invalid_request"),
    ]


def test_the_staff_lists_are_not_for_others(world, cases):
    anonymous = call("/counselling/cases")
    member = call("/counselling/requests", token=token_for(world.member_a))
    admin = call("/counselling/cases", token=token_for(world.admin))
    for response in (anonymous, member, admin):
        assert (response.status_code, response.json()["code"]) == (403, "permission_denied")


def test_the_intake_queue_holds_the_agencys_new_requests_and_unrouted_ones(world, hamburg):
    ours = factories.make_request(federal_state="HH", email="leyla@example.org", name="Leyla")
    unrouted = factories.make_request(federal_state="SN", email="omar@example.org")
    declined = factories.make_request(federal_state="HH", email="selin@example.org")
    services.intake.decline_request(declined, reason="Nicht unser Thema", by=world.advisor_x)
    token = token_for(world.advisor_x)
    queue = call("/counselling/requests", token=token).json()
    assert [r["id"] for r in queue["results"]] == [ours.pk, unrouted.pk]
    first = queue["results"][0]
    assert (first["agency"]["name"], first["contact"]["email"], first["topics"]) == (
        "Kompetenzzentrum Migration Nord",
        "leyla@example.org",
        ["association_founding"],
    )
    done = call("/counselling/requests", token=token, status="declined").json()
    assert [r["id"] for r in done["results"]] == [declined.pk]
    other = call("/counselling/requests", token=token_for(world.advisor_y)).json()
    assert [r["id"] for r in other["results"]] == [unrouted.pk]


def _queries_for(path: str, token: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        call(path, token=token)
    return len(ctx.captured_queries)


def test_the_staff_lists_cost_the_same_for_three_rows_as_for_one(
    world, hamburg, django_assert_num_queries
):
    token = token_for(world.advisor_x)
    call("/counselling/topics", token=token)  # the token's first use is noted once, not counted

    def grow(i):
        factories.make_case(
            world.agency_x,
            advisors=[world.advisor_x],
            organizations=[world.org_a],
            title=f"Fall {i}",
            project=world.project_x,
        )
        factories.make_request(federal_state="HH", email=f"person{i}@example.org")

    grow(0)
    one = {
        path: _queries_for(path, token) for path in ("/counselling/cases", "/counselling/requests")
    }
    grow(1)
    grow(2)
    for path, count in one.items():
        with django_assert_num_queries(count):
            assert call(path, token=token).json()["count"] == 3


def test_the_operations_are_in_the_openapi_document(world):
    paths = call("/openapi.json").json()["paths"]
    assert sorted((p, sorted(paths[p])) for p in paths if p.startswith("/api/v1/counselling")) == [
        ("/api/v1/counselling/cases", ["get"]),
        ("/api/v1/counselling/cases/{case_id}", ["get"]),
        ("/api/v1/counselling/requests", ["get", "post"]),
        ("/api/v1/counselling/topics", ["get"]),
    ]


# --- Fuzzing ------------------------------------------------------------------------------------

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
FUZZ = settings(
    max_examples=40,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def _fuzzing(settings):
    # As in test_api_fuzz: the WSGI handler would close the test's connection on PostgreSQL.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    settings.NINJA_DEFAULT_THROTTLE_RATES = {"anon": None, "auth": None, "user": None}
    # Without the limit every valid body reaches the service, which is the point here.
    settings.GEMEINSAM_REQUEST_RATE = ""
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@schema.include(tag="counselling").parametrize()
@FUZZ
def test_no_request_of_a_staff_caller_breaks_the_counselling_api(case, world, cases, _fuzzing):
    if case.path_parameters and "case_id" in case.path_parameters:
        case.path_parameters["case_id"] = cases["x"].pk
    response = case.call(headers={"Authorization": f"Bearer {token_for(world.advisor_x)}"})
    assert response.status_code < 500, response.text


@schema.include(tag="counselling").parametrize()
@FUZZ
def test_no_request_of_an_anonymous_caller_breaks_the_counselling_api(case, world, _fuzzing):
    response = case.call()
    assert response.status_code < 500, response.text
