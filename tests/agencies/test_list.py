"""The list of agencies."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories

pytestmark = pytest.mark.django_db


def test_the_agency_list_runs_a_constant_number_of_queries(client):
    factories.make_agency(slug="a1")
    with CaptureQueriesContext(connection) as one:
        client.get("/de/agencies/")
    factories.make_agency(slug="a2")
    factories.make_agency(slug="a3")
    with CaptureQueriesContext(connection) as three:
        response = client.get("/de/agencies/")
    assert len(one.captured_queries) == len(three.captured_queries)
    assert len(response.context["agencies"]) == 3
