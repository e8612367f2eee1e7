"""The tandems' list pages run the same number of queries for three items as for one."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gemeinsam.core import content
from tests import factories
from tests.tandems.factories import DURING, make_application, make_call

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    return len(ctx.captured_queries)


def _grow_and_compare(client, url, grow, django_assert_num_queries) -> str:
    grow(0)
    _count(client, url)  # the content types (of translated calls) are read once
    one = _count(client, url)
    grow(1)
    grow(2)
    with django_assert_num_queries(one):
        response = client.get(url)
    return response.content.decode()


def _translated_call(agency, i):
    call = make_call(agency, f"Ausschreibung {i}", slug=f"call-{i}", fields=("culture",))
    content.set_texts(call, "en", {"title": f"Call {i}"})
    return call


@time_machine.travel(DURING, tick=False)
def test_the_open_calls_cost_the_same_for_three_calls_as_for_one(
    world, client_for, django_assert_num_queries
):
    page = _grow_and_compare(
        client_for(world.advisor_x),
        "/en/tandems/",
        lambda i: _translated_call(world.agency_x if i % 2 else world.agency_y, i),
        django_assert_num_queries,
    )

    assert "Call 2" in page


@time_machine.travel(DURING, tick=False)
def test_the_agencys_calls_cost_the_same_for_three_calls_as_for_one(
    world, client_for, django_assert_num_queries
):
    page = _grow_and_compare(
        client_for(world.manager_x),
        f"/en/tandems/manage/{world.agency_x.slug}/",
        lambda i: _translated_call(world.agency_x, i),
        django_assert_num_queries,
    )

    assert "Call 2" in page


@time_machine.travel(DURING, tick=False)
def test_the_applications_of_a_call_cost_the_same_for_three_as_for_one(
    world, client_for, django_assert_num_queries
):
    call = make_call(world.agency_x, "Tandems NRW", slug="nrw")

    def grow(i):
        org = factories.make_organization(f"Verein {i}", languages=("ar",), index=False)
        make_application(call, org, fields=("culture",), languages=("ar", "tr"))

    page = _grow_and_compare(
        client_for(world.advisor_x),
        f"/en/tandems/manage/{world.agency_x.slug}/nrw/applications/",
        grow,
        django_assert_num_queries,
    )

    assert "Verein 2" in page


@time_machine.travel(DURING, tick=False)
def test_my_applications_cost_the_same_for_three_as_for_one(
    world, client_for, django_assert_num_queries
):
    def grow(i):
        call = _translated_call(world.agency_x, i)
        make_application(call, world.org_a, by=world.member_a)

    page = _grow_and_compare(
        client_for(world.member_a),
        "/en/tandems/applications/",
        grow,
        django_assert_num_queries,
    )

    assert "Call 2" in page
