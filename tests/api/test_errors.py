"""Bad requests answer 4xx with one JSON shape, in the caller's language; the OpenAPI document."""

import json

import pytest
from django.db import connection
from django.utils import translation

from tests.api_support import call, token_for


def error(status: int, code: str, detail: str, errors: list | None = None):
    return status, {"code": code, "detail": detail, "errors": errors or []}


def answer(response):
    return response.status_code, response.json()


def test_a_page_that_is_not_a_number_is_explained(world):
    assert answer(call("/organizations", page="abc")) == error(
        422,
        "invalid_request",
        "Some parameters are not valid.",
        [{"loc": ["query", "page"], "message": "Enter a whole number.", "type": "int_parsing"}],
    )


def test_a_page_size_over_the_limit_is_explained(world):
    assert answer(call("/organizations", page_size=1000, page=0)) == error(
        422,
        "invalid_request",
        "Some parameters are not valid.",
        [
            {
                "loc": ["query", "page"],
                "message": "Enter a number of at least 1.",
                "type": "greater_than_equal",
            },
            {
                "loc": ["query", "page_size"],
                "message": "Enter a number no greater than 100.",
                "type": "less_than_equal",
            },
        ],
    )


def test_an_unknown_kind_names_the_valid_ones(world):
    status, body = answer(call("/organizations", kind=["migrant_org", "spaceship"]))
    assert (status, body["errors"]) == (
        422,
        [
            {
                "loc": ["query", "kind", 1],
                "message": "Choose one of: 'migrant_org', 'established_provider', 'authority', "
                "'service_provider', 'religious_community' or 'umbrella_body'.",
                "type": "enum",
            }
        ],
    )


def test_an_unknown_field_code_is_no_error_and_matches_nothing(world):
    body = call("/organizations", field=["no-such-field"]).json()
    assert (body["count"], body["results"]) == (0, [])


@pytest.mark.parametrize(
    ("params", "loc", "message"),
    [
        ({"q": "x" * 201}, ["query", "q"], "Use at most 200 characters."),
        (
            {"district": ["Mitte\x00"]},
            ["query", "district", 0],
            "This value contains characters that are not allowed.",
        ),
        (
            {"field": ["youth work"]},
            ["query", "field", 0],
            "This value contains characters that are not allowed.",
        ),
        ({"language": [""]}, ["query", "language", 0], "This value must not be empty."),
        ({"state": ["NW"] * 21}, ["query", "state"], "Give at most 20 values."),
        ({"lang": "xx"}, ["query", "lang"], "Choose one of: 'de', 'en', 'ar' or 'tr'."),
    ],
    ids=["long q", "NUL", "not a code", "empty code", "too many values", "unknown lang"],
)
def test_malformed_search_parameters_are_refused_with_a_reason(world, params, loc, message):
    status, body = answer(call("/organizations", **params))
    assert (status, [(e["loc"], e["message"]) for e in body["errors"]]) == (422, [(loc, message)])


def test_errors_speak_the_callers_language(world):
    body = call("/organizations", page="abc", accept_language="de").json()
    with translation.override("de"):
        expected = translation.gettext("Enter a whole number.")
    assert (body["errors"][0]["message"], expected != "Enter a whole number.") == (expected, True)


def test_an_unknown_token_is_refused_not_treated_as_anonymous(world):
    response = call("/organizations", token="guessed")
    assert answer(response) == error(401, "not_authenticated", "This API token is not valid.")
    assert response["WWW-Authenticate"] == 'Bearer error="invalid_token"'


@pytest.mark.parametrize("header", ["Basic dXNlcjpwYXNz", "Bearer", "Bearer    ", "Token abc"])
def test_an_authorization_header_that_is_no_bearer_token_is_refused(world, header):
    response = call("/reference/kinds", headers={"Authorization": header})
    assert answer(response) == error(401, "not_authenticated", "This API token is not valid.")


def test_an_unknown_address_answers_json(world):
    for path in ["/nothing-here", "/organizations/a/b", "/organizations/"]:
        assert answer(call(path)) == error(404, "not_found", "There is nothing at this address.")


def test_a_wrong_method_answers_json_and_names_the_right_one(world):
    response = call("/organizations", method="post")
    assert answer(response) == error(405, "method_not_allowed", "This method is not allowed here.")
    assert response["Allow"] == "GET"


def test_too_many_requests_are_slowed_down_per_caller(world, settings):
    settings.NINJA_DEFAULT_THROTTLE_RATES = {"anon": "2/min", "auth": "3/min", "user": "3/min"}
    token = token_for(world.advisor_x)
    anonymous = [call("/reference/kinds").status_code for _ in range(3)]
    with_token = [call("/reference/kinds", token=token).status_code for _ in range(4)]
    throttled = call("/reference/kinds")
    assert (anonymous, with_token) == ([200, 200, 429], [200, 200, 200, 429])
    assert answer(throttled) == error(
        429, "throttled", "Too many requests. Please wait a little and try again."
    )
    assert 0 < int(throttled["Retry-After"]) <= 60


def test_the_api_root_points_to_the_documentation(world):
    assert call("/").json() == {
        "title": "gemeinsam API",
        "version": "1",
        "openapi": "http://testserver/api/v1/openapi.json",
        "docs": "http://testserver/api/v1/docs",
    }


# --- The OpenAPI document ------------------------------------------------------------------------


@pytest.fixture
def openapi(db):
    response = call("/openapi.json")
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def test_the_openapi_document_lists_every_operation(openapi):
    assert (openapi["openapi"], sorted(openapi["paths"])) == (
        "3.1.0",
        [
            "/api/v1/counselling/cases",
            "/api/v1/counselling/cases/{case_id}",
            "/api/v1/counselling/requests",
            "/api/v1/counselling/topics",
            "/api/v1/events",
            "/api/v1/events/{event_id}",
            "/api/v1/events/{event_id}/participants",
            "/api/v1/events/{event_id}/registrations",
            "/api/v1/funding/programmes",
            "/api/v1/funding/programmes/{code}",
            "/api/v1/funding/readiness-checks",
            "/api/v1/funding/readiness-checks/{code}/evaluate",
            "/api/v1/organizations",
            "/api/v1/organizations/{slug}",
            "/api/v1/readiness-checks/{code}/evaluate",
            "/api/v1/reference/fields",
            "/api/v1/reference/kinds",
            "/api/v1/reference/languages",
            "/api/v1/reference/legal-forms",
            "/api/v1/reference/recognitions",
            "/api/v1/reference/states",
            "/api/v1/reference/target-groups",
        ],
    )


def test_the_openapi_document_declares_an_optional_bearer_token(openapi):
    assert openapi["components"]["securitySchemes"]["ApiTokenAuth"]["type"] == "http"
    assert openapi["components"]["securitySchemes"]["ApiTokenAuth"]["scheme"] == "bearer"
    securities = {
        json.dumps(op["security"]) for item in openapi["paths"].values() for op in item.values()
    }
    assert securities == {json.dumps([{"ApiTokenAuth": []}, {}])}


def test_the_openapi_document_describes_both_views_and_the_error_body(openapi):
    schemas = openapi["components"]["schemas"]
    list_200 = openapi["paths"]["/api/v1/organizations"]["get"]["responses"]["200"]
    assert list_200["content"]["application/json"]["schema"]["discriminator"]["mapping"] == {
        "internal": "#/components/schemas/OrganizationPageInternal",
        "public": "#/components/schemas/OrganizationPagePublic",
    }
    internal_only = set(schemas["OrganizationInternal"]["properties"]) - set(
        schemas["OrganizationPublic"]["properties"]
    )
    assert {
        "register_number",
        "members_count",
        "income_band",
        "funding_sources",
        "last_confirmed_on",
    } <= internal_only
    assert set(schemas["Error"]["properties"]) == {"code", "detail", "errors"}


def test_the_interactive_documentation_is_served_without_a_cdn(world):
    response = call("/docs")
    page = response.content.decode()
    assert (response.status_code, "cdn." in page, "/static/ninja/" in page) == (200, False, True)


NO_ADDRESS = "There is nothing at this address."
NO_ORGANIZATION = "There is no organization at this address."


@pytest.mark.parametrize(
    ("slug", "detail"),
    [
        ("a%00b", NO_ADDRESS),
        ("%C3%A4rger", NO_ADDRESS),
        ("a.b", NO_ADDRESS),
        ("x" * 300, NO_ORGANIZATION),
    ],
)
def test_an_address_that_cannot_be_an_organization_is_not_found(world, slug, detail):
    assert answer(call(f"/organizations/{slug}")) == error(404, "not_found", detail)


def test_a_failure_of_ours_answers_json_500_and_is_logged_once(world, caplog):
    # A genuine fault, not a stand-in: a table the listing reads is gone.
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE organizations_organization_target_groups")
    response = call("/organizations")
    logged = [r for r in caplog.records if r.name == "django.request" and r.levelname == "ERROR"]
    assert answer(response) == error(
        500, "server_error", "Something went wrong on our side. The error has been logged."
    )
    assert [(r.getMessage(), r.exc_info is not None) for r in logged] == [
        ("Internal Server Error: /api/v1/organizations", True)
    ]


@pytest.mark.parametrize("path", ["/api/v1/organizations/a%0Ab", "/api/v1/nothing%0A/here"])
def test_a_path_with_an_encoded_newline_gets_the_json_404(client, db, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "not_found"
