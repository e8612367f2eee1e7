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
from tests.api_support import call, token_for

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


def _answer(world, response) -> str:
    if response.status_code != 200:
        return str(response.status_code)
    body = response.json()
    if isinstance(body, list):
        return "codes"
    if "results" not in body:
        return body["view"]
    names = {world.org_a.slug: "A", world.org_b.slug: "B"}
    return f"{body['view']}: " + " ".join(sorted(names[item["slug"]] for item in body["results"]))


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("operation", list(MATRIX), ids=lambda op: " ".join(filter(None, op)))
def test_api_permission_matrix(world, callers, operation, caller):
    method, path, organization = operation
    if organization:
        path = path.replace("{slug}", getattr(world, f"org_{organization.lower()}").slug)
    response = call(path, method=method.lower(), **callers[caller])
    assert _answer(world, response) == MATRIX[operation][caller]


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
