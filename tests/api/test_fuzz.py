"""Fuzzing the API from its own OpenAPI document: malformed requests answer 4xx JSON, never 500.

Schemathesis reads /api/v1/openapi.json, generates valid and invalid requests for every operation
(wrong types, out-of-range numbers, unknown enum values, odd unicode, missing and extra
parameters) and sends them to the WSGI application inside the test's database transaction.
Every answer must be no server error, carry a documented status and content type, match its
documented schema, reject what the document calls invalid, and, if it is an error, have the
`Error` shape. Bounded to 50 examples per operation so that the whole run takes seconds.
Made-up requests mostly find nothing to answer with; test_api_schema.py checks the documented
response schemas against answers about real events, cases and programmes.
"""

import json
import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from gemeinsam.wsgi import application
from tests.api_support import token_for

# Loading the document needs no database: it is built from the code alone.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)

# In CI the examples are derived from the test itself, so a run passes or fails the same way
# twice; on a developer's machine every run explores new ones (and found real bugs that way).
FUZZ = settings(
    derandomize=os.environ.get("CI") == "true",
    max_examples=50,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def error_bodies_have_one_shape(ctx, response, case):
    if response.status_code >= 400:
        body = json.loads(response.content)
        assert sorted(body) == ["code", "detail", "errors"], body


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
    error_bodies_have_one_shape,
]


@pytest.fixture(autouse=True)
def _keep_the_test_transaction():
    # The WSGI handler closes "old" connections when a request starts and ends, and on
    # PostgreSQL that is the one holding the test's transaction. Django's test client unhooks
    # these handlers the same way.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _no_throttling(settings):
    # Hundreds of requests a second are the point here; the limit has its own test.
    settings.NINJA_DEFAULT_THROTTLE_RATES = {"anon": None, "auth": None, "user": None}


@schema.parametrize()
@FUZZ
def test_no_request_of_an_anonymous_caller_breaks_the_api(case, world):
    case.call_and_validate(checks=CHECKS)


@pytest.fixture
def staff_token(world):
    return token_for(world.advisor_x)


# The reference lists answer staff exactly as anybody; only the directory differs by caller.
@schema.include(tag="organizations").parametrize()
@FUZZ
def test_no_request_of_a_staff_caller_breaks_the_api(case, staff_token):
    case.call_and_validate(headers={"Authorization": f"Bearer {staff_token}"}, checks=CHECKS)
