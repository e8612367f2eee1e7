"""Every API operation × every kind of caller, with the answer each gets.

The API knows callers by their token only: the session cookie of a logged-in person is ignored,
so member A without a token is anonymous. A token of someone who is not staff (any more, like
member A's here) carries that person's own rights, never staff rights. Answers: "401"/"404",
the view of a detail ("public", "internal"), the view and organizations of a list
("public: B"), or "codes" for a reference list. An operation missing from the table fails
`test_every_api_operation_is_in_the_matrix`.
"""

from __future__ import annotations

import pytest
from django.test import Client

from gemeinsam.api import api
from tests import factories
from tests.api_support import API, call, token_for

CALLERS = [
    "anonymous",
    "member_a_session",
    "member_a_token",
    "advisor_x",
    "advisor_y",
    "manager_x",
    "admin",
    "bad_token",
]


def answers(default: str, **overrides: str) -> dict[str, str]:
    return {**dict.fromkeys(CALLERS, default), "bad_token": "401", **overrides}


STAFF_SEE = {"advisor_x", "advisor_y", "manager_x", "admin"}
REFERENCE_LISTS = [
    "kinds",
    "states",
    "fields",
    "target-groups",
    "languages",
    "legal-forms",
    "recognitions",
]

MATRIX = {
    ("GET", "/organizations", ""): answers(
        "public: B",
        member_a_token="public: A B",
        **dict.fromkeys(STAFF_SEE, "internal: A B"),
    ),
    ("GET", "/organizations/{slug}", "A"): answers(
        "404",
        member_a_token="internal",
        **dict.fromkeys(STAFF_SEE, "internal"),
    ),
    ("GET", "/organizations/{slug}", "B"): answers(
        "public",
        **dict.fromkeys(STAFF_SEE, "internal"),
    ),
    **{("GET", f"/reference/{name}", ""): answers("codes") for name in REFERENCE_LISTS},
    # --- Events: a published event and a draft, both of agency X (see `events` below) ---------
    # A list answers with the events it holds; a registration with its status code.
    ("GET", "/events", ""): answers(
        "events: published",
        **dict.fromkeys(["advisor_x", "manager_x", "admin"], "events: draft published"),
    ),
    ("GET", "/events/{event_id}", "event:published"): answers("event"),
    ("GET", "/events/{event_id}", "event:draft"): answers(
        "404", **dict.fromkeys(["advisor_x", "manager_x", "admin"], "event")
    ),
    ("POST", "/events/{event_id}/registrations", "event:published"): answers("201"),
    # Staff of X see their draft, but it takes no registrations yet.
    ("POST", "/events/{event_id}/registrations", "event:draft"): answers(
        "404", **dict.fromkeys(["advisor_x", "manager_x", "admin"], "409")
    ),
    ("GET", "/events/{event_id}/participants", "event:published"): answers(
        "404", **dict.fromkeys(["advisor_x", "manager_x", "admin"], "participants: 1")
    ),
    ("GET", "/events/{event_id}/participants", "event:draft"): answers(
        "404", **dict.fromkeys(["advisor_x", "manager_x", "admin"], "participants: 0")
    ),
    # --- Counselling: cases and requests of agencies X and Y, and a request no agency covers
    # (see `counselling` below). Asking is for everyone; the staff endpoints answer the caller's
    # agencies only: 403 for a list, 404 for a case, to anyone else, platform admins included.
    ("GET", "/counselling/topics", ""): answers("codes"),
    ("POST", "/counselling/requests", ""): answers("201"),
    ("GET", "/counselling/requests", ""): answers(
        "403",
        advisor_x="requests: unrouted x",
        manager_x="requests: unrouted x",
        advisor_y="requests: unrouted y",
    ),
    ("GET", "/counselling/cases", ""): answers(
        "403", advisor_x="cases: x", manager_x="cases: x", advisor_y="cases: y"
    ),
    ("GET", "/counselling/cases/{case_id}", "case:x"): answers(
        "404", advisor_x="case", manager_x="case"
    ),
    ("GET", "/counselling/cases/{case_id}", "case:y"): answers("404", advisor_y="case"),
    # --- Funding: public for everyone, a token changes nothing (see `_funding_answer` below).
    ("GET", "/funding/programmes", ""): answers("programmes without the withdrawn one"),
    ("GET", "/funding/programmes/{code}", "programme:amif"): answers("programme"),
    ("GET", "/funding/programmes/{code}", "programme:withdrawn"): answers("404"),
    ("GET", "/funding/readiness-checks", ""): answers("checks"),
    ("POST", "/funding/readiness-checks/{code}/evaluate", "check:association"): answers(
        "result: not_met"
    ),
    ("POST", "/funding/readiness-checks/{code}/evaluate", "check:none"): answers("404"),
    ("POST", "/readiness-checks/{code}/evaluate", "check:association"): answers("result: not_met"),
    ("POST", "/readiness-checks/{code}/evaluate", "check:none"): answers("404"),
}


@pytest.fixture
def callers(world):
    session = Client()
    session.force_login(world.member_a)
    token = {
        name: token_for(getattr(world, name))
        for name in ["advisor_x", "advisor_y", "manager_x", "admin", "member_a"]
    }
    return {
        "anonymous": {},
        "member_a_session": {"client": session},
        "member_a_token": {"token": token["member_a"]},
        **{name: {"token": token[name]} for name in STAFF_SEE},
        "bad_token": {"token": "not-a-token"},
    }


@pytest.fixture
def events(world):
    """Agency X's published event (with one participant) and its draft."""
    from gemeinsam.events import services

    published = factories.make_event(world.agency_x, "Runder Tisch", slug="runder-tisch")
    draft = factories.make_event(world.agency_x, "Entwurf", slug="entwurf", status="draft")
    services.register(published, [factories.person("Leyla Aydın")], consent=False)
    return {"published": published, "draft": draft}


def _answer(world, response, events=None) -> str:
    if response.status_code != 200:
        return str(response.status_code)
    body = response.json()
    if isinstance(body, list):
        return "codes"
    if events is not None:
        if "results" not in body:
            return "event"
        if "/participants" in response.request["PATH_INFO"]:
            return f"participants: {body['count']}"
        names = {event.pk: name for name, event in events.items()}
        return "events: " + " ".join(sorted(names[item["id"]] for item in body["results"]))
    if "results" not in body:
        return body["view"]
    names = {world.org_a.slug: "A", world.org_b.slug: "B"}
    return f"{body['view']}: " + " ".join(sorted(names[item["slug"]] for item in body["results"]))


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("operation", list(MATRIX), ids=lambda op: " ".join(filter(None, op)))
def test_api_permission_matrix(world, callers, operation, caller, request):
    method, path, target = operation
    if path.startswith("/counselling"):
        counselling = request.getfixturevalue("counselling")
        if target:
            path = path.replace("{case_id}", str(counselling[target.removeprefix("case:")].pk))
        response = _call_counselling(path, method, callers[caller])
        assert _counselling_answer(response, counselling) == MATRIX[operation][caller]
        return
    if path.startswith(("/funding", "/readiness-checks")):
        response = _call_funding(path, method, target, callers[caller])
        assert _funding_answer(response) == MATRIX[operation][caller]
        return
    if target.startswith("event:") or path.startswith("/events"):
        events = request.getfixturevalue("events")
        if target:
            path = path.replace("{event_id}", str(events[target.removeprefix("event:")].pk))
        response = _call_events(path, method, callers[caller])
        assert _answer(world, response, events) == MATRIX[operation][caller]
        return
    if target:
        path = path.replace("{slug}", getattr(world, f"org_{target.lower()}").slug)
    response = call(path, method=method.lower(), **callers[caller])
    assert _answer(world, response) == MATRIX[operation][caller]


def _call_events(path: str, method: str, caller: dict):
    if method == "GET":
        return call(path, **caller)
    # A registration is a JSON body; every caller registers the same new person.
    client = caller.get("client") or Client()
    headers = {"Accept-Language": "en"}
    if "token" in caller:
        headers["Authorization"] = f"Bearer {caller['token']}"
    return client.post(
        f"{API}{path}",
        data={"name": "Selin Kaya", "email": "selin.kaya@example.org"},
        content_type="application/json",
        headers=headers,
    )


@pytest.fixture
def counselling(world):
    """Requests routed to agency X (Hamburg), to agency Y (Berlin) and to no agency (Saxony);
    a case of X for organization A, and a case of Y."""
    from gemeinsam.counselling.models import CoverageArea

    CoverageArea.objects.create(agency=world.agency_x, federal_state="HH")
    CoverageArea.objects.create(agency=world.agency_y, federal_state="BE")
    return {
        "request x": factories.make_request(federal_state="HH"),
        "request y": factories.make_request(federal_state="BE"),
        "request unrouted": factories.make_request(federal_state="SN"),
        "x": factories.make_case(
            world.agency_x, advisors=[world.advisor_x], organizations=[world.org_a]
        ),
        "y": factories.make_case(world.agency_y, advisors=[world.advisor_y]),
    }


def _call_counselling(path: str, method: str, caller: dict):
    if method == "GET":
        return call(path, **caller)
    # Everyone asks the same thing; without a token the API needs an address for the answer.
    client = caller.get("client") or Client()
    headers = {"Accept-Language": "en"}
    if "token" in caller:
        headers["Authorization"] = f"Bearer {caller['token']}"
    return client.post(
        f"{API}{path}",
        data={
            "topics": ["association_founding"],
            "description": "Wir möchten einen Verein gründen.",
            "channel": "phone",
            "email": "selin.kaya@example.org",
            "consent": True,
        },
        content_type="application/json",
        headers=headers,
    )


def _counselling_answer(response, counselling) -> str:
    if response.status_code != 200:
        return str(response.status_code)
    body = response.json()
    if isinstance(body, list):
        return "codes"
    if "results" not in body:
        return "case"
    kind = "requests" if "/requests" in response.request["PATH_INFO"] else "cases"
    names = {
        obj.pk: name.removeprefix("request ")
        for name, obj in counselling.items()
        if name.startswith("request ") == (kind == "requests")
    }
    return f"{kind}: " + " ".join(sorted(names[item["id"]] for item in body["results"]))


def _call_funding(path: str, method: str, target: str, caller: dict):
    from gemeinsam.funding.models import Programme

    Programme.objects.filter(code="dsee-micro").update(is_active=False)
    codes = {"programme:withdrawn": "dsee-micro", "check:none": "astrology"}
    if target:
        path = path.replace("{code}", codes.get(target, target.split(":")[1]))
    if path == "/funding/programmes":
        return call(path, page_size=100, **caller)
    if method == "GET":
        return call(path, **caller)
    client = caller.get("client") or Client()
    headers = {"Accept-Language": "en"}
    if "token" in caller:
        headers["Authorization"] = f"Bearer {caller['token']}"
    return client.post(
        f"{API}{path}",
        data={"facts": {"members": 6}, "as_of": "2026-03-01"},
        content_type="application/json",
        headers=headers,
    )


def _funding_answer(response) -> str:
    if response.status_code != 200:
        return str(response.status_code)
    body = response.json()
    if isinstance(body, list):
        return "checks" if {"association", "youth_welfare"} <= {c["code"] for c in body} else "?"
    if "results" in body:
        listed = {item["code"] for item in body["results"]}
        return "programmes without the withdrawn one" if "dsee-micro" not in listed else "all"
    if "requirements" in body and "check" in body:
        return f"result: {body['status']}"
    return "programme"


def test_every_api_operation_is_in_the_matrix():
    schema = api.get_openapi_schema(path_prefix="")
    operations = {
        (method.upper(), path) for path, item in schema["paths"].items() for method in item
    }
    assert sorted(operations - {(method, path) for method, path, _org in MATRIX}) == []


def test_a_former_staff_token_gives_no_staff_rights(world):
    token = token_for(world.advisor_x)
    world.advisor_x.staff_memberships.update(is_active=False)
    listed = call("/organizations", token=token).json()
    hidden = call(f"/organizations/{world.org_a.slug}", token=token)
    assert (listed["view"], [item["slug"] for item in listed["results"]]) == (
        "public",
        [world.org_b.slug],
    )
    assert (hidden.status_code, hidden.json()["code"]) == (404, "not_found")


def test_a_deactivated_persons_token_is_rejected(world):
    token = token_for(world.admin)
    world.admin.is_active = False
    world.admin.save()
    response = call("/organizations", token=token)
    assert (response.status_code, response.json()["code"]) == (401, "not_authenticated")
