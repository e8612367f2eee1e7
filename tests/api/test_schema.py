"""The OpenAPI document tells the truth about every answer.

Schemathesis' response-schema check runs on real answers here: every operation of the document
is called with data that exists (an event with its agency, project, host and questions; a case
with its timeline; a request in the queue; programmes and checks), once without a token and once
with a staff token, and each answer must match the schema the document gives for its status. The
fuzzing in test_api_fuzz.py sends made-up requests, which mostly find nothing to answer with;
this finds a document that describes the wrong fields (as `Named` once did for events).
"""

from __future__ import annotations

import datetime

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from ninja import Schema
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

import gemeinsam.api  # noqa: F401  (loads every router and its schemas)
from gemeinsam.counselling.models import Session
from gemeinsam.events.models import Question
from gemeinsam.wsgi import application
from tests import factories
from tests.api_support import call, token_for

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture(autouse=True)
def _keep_the_test_transaction():
    # As in test_api_fuzz.py: the WSGI handler must not close the test's connection.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def data(world):
    """Something to answer with for every operation."""
    event = factories.make_event(
        world.agency_x,
        "Workshop Vereinsfinanzen",
        project=world.project_x,
        host_organization=world.org_b,
        consent_text="Wir speichern Ihre Angaben.",
    )
    question = Question.objects.create(
        event=event, label="Dolmetschen", kind="single", choices=["ar", "tr"], required=True
    )
    factories.make_case(
        world.agency_x,
        advisors=[world.advisor_x],
        organizations=[world.org_a],
        project=world.project_x,
    )
    case = world.agency_x.cases.get()
    Session.objects.create(
        case=case,
        held_on=datetime.date(2026, 2, 3),
        duration_minutes=90,
        channel="video",
        next_steps="Satzungsentwurf schicken",
    )
    case.tasks.create(title="Notartermin vereinbaren", due_on=datetime.date(2026, 3, 1))
    factories.make_request(federal_state="HH")
    return {
        "event_id": event.pk,
        "case_id": case.pk,
        "slug": world.org_b.slug,
        "code": "association",
        "programme": "amif",
        "registration": {
            "name": "Leyla Aydın",
            "email": "leyla@example.org",
            "answers": {str(question.pk): "ar"},
            "consent": True,
        },
    }


# method, path, path parameters, query, body: one real call per operation of the document.
CALLS = [
    ("GET", "/organizations", {}, {}, None),
    ("GET", "/organizations/{slug}", {"slug": "slug"}, {}, None),
    *[
        ("GET", f"/reference/{name}", {}, {}, None)
        for name in (
            "kinds",
            "states",
            "fields",
            "target-groups",
            "languages",
            "legal-forms",
            "recognitions",
        )
    ],
    ("GET", "/events", {}, {}, None),
    ("GET", "/events/{event_id}", {"event_id": "event_id"}, {}, None),
    ("POST", "/events/{event_id}/registrations", {"event_id": "event_id"}, {}, "registration"),
    ("GET", "/events/{event_id}/participants", {"event_id": "event_id"}, {}, None),
    ("GET", "/counselling/topics", {}, {}, None),
    (
        "POST",
        "/counselling/requests",
        {},
        {},
        {
            "topics": ["association_founding"],
            "description": "Wir möchten einen Verein gründen.",
            "channel": "phone",
            "email": "omar@example.org",
            "postcode": "20095",
            "consent": True,
        },
    ),
    ("GET", "/counselling/requests", {}, {"status": "new"}, None),
    ("GET", "/counselling/cases", {}, {}, None),
    ("GET", "/counselling/cases/{case_id}", {"case_id": "case_id"}, {}, None),
    ("GET", "/funding/programmes", {}, {}, None),
    ("GET", "/funding/programmes/{code}", {"code": "programme"}, {}, None),
    ("GET", "/funding/readiness-checks", {}, {}, None),
    (
        "POST",
        "/funding/readiness-checks/{code}/evaluate",
        {"code": "code"},
        {},
        {"facts": {"members": 7}, "as_of": "2026-03-01"},
    ),
    (
        "POST",
        "/readiness-checks/{code}/evaluate",
        {"code": "code"},
        {},
        {"facts": {"members": 7}, "as_of": "2026-03-01"},
    ),
]


STAFF_ONLY = {
    ("anonymous", "GET", "/events/{event_id}/participants"),
    ("anonymous", "GET", "/counselling/requests"),
    ("anonymous", "GET", "/counselling/cases"),
    ("anonymous", "GET", "/counselling/cases/{case_id}"),
}


@pytest.mark.parametrize("caller", ["anonymous", "advisor_x"])
@pytest.mark.parametrize(
    ("method", "path", "parameters", "query", "body"),
    CALLS,
    ids=[f"{method} {path}" for method, path, *_rest in CALLS],
)
def test_every_answer_matches_the_document(
    data, world, caller, method, path, parameters, query, body
):
    operation = schema[f"/api/v1{path}"][method]
    extra = {}
    if body is not None:
        extra = {
            "body": data[body] if isinstance(body, str) else body,
            "media_type": "application/json",
        }
    case = operation.Case(
        path_parameters={name: data[key] for name, key in parameters.items()}, query=query, **extra
    )
    headers = {"Accept-Language": "en"}
    if caller != "anonymous":
        headers["Authorization"] = f"Bearer {token_for(getattr(world, caller))}"
    response = case.call_and_validate(headers=headers, checks=CHECKS)
    # A real answer with content was checked, not an error about the request; staff lists are
    # refused to anonymous callers, in the documented shape.
    expected = {401, 403, 404} if (caller, method, path) in STAFF_ONLY else {200, 201}
    assert response.status_code in expected, response.text


def test_every_operation_of_the_document_is_called_above():
    document = call("/openapi.json").json()
    operations = {
        (method.upper(), path.removeprefix("/api/v1"))
        for path, methods in document["paths"].items()
        for method in methods
    }
    assert operations == {(method, path) for method, path, *_rest in CALLS}


def test_no_two_api_schemas_share_a_name():
    # The document names each schema by its class name; a second class of the same name would
    # silently replace the first for every operation that uses either.
    names: dict[str, set[str]] = {}

    def walk(cls):
        for sub in cls.__subclasses__():
            if sub.__module__.startswith("gemeinsam."):
                names.setdefault(sub.__name__, set()).add(f"{sub.__module__}.{sub.__qualname__}")
            walk(sub)

    walk(Schema)
    assert {name: found for name, found in names.items() if len(found) > 1} == {}


def test_a_day_out_of_range_is_explained_as_a_day(world):
    early = call("/events", date_from="1800-01-01").json()["errors"]
    late = call("/events", date_to="9999-01-01").json()["errors"]
    assert [e["message"] for e in early + late] == [
        "Enter a day no earlier than 1900-01-01.",
        "Enter a day no later than 9000-12-31.",
    ]


def test_the_document_lists_the_topic_codes_one_can_ask_about(world):
    document = call("/openapi.json").json()
    topics = document["components"]["schemas"]["RequestIn"]["properties"]["topics"]
    codes = call("/counselling/topics").json()
    assert topics["items"]["enum"] == [topic["code"] for topic in codes]


def test_consent_is_documented_as_required_where_it_is(world):
    schemas = call("/openapi.json").json()["components"]["schemas"]
    counselling = schemas["RequestIn"]
    event = schemas["RegistrationIn"]["properties"]["consent"]
    assert ("consent" in counselling["required"], counselling["properties"]["consent"]["enum"]) == (
        True,
        [True],
    )
    # An event asks for it only when it has a consent text, so the document claims no default.
    assert ("default" in event, "required, and must be true, when" in event["description"]) == (
        False,
        True,
    )
