"""The path to a seat: which seats an organization could seek, from its recognitions."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gemeinsam.committees import paths
from gemeinsam.committees.enums import MandateStatus
from gemeinsam.organizations.models import Recognition, RecognitionType
from tests import factories as shared
from tests.committees import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def committee(world):
    return factories.make_committee(world.agency_x)


def _free_providers_seat(committee, label="Träger der freien Jugendhilfe 1"):
    seat = factories.make_seat(committee, label)
    seat.requires_recognition = RecognitionType.objects.get(code="youth_welfare_75")
    seat.save()
    return seat


def _routes(organization) -> dict[str, str]:
    return {p.seat.label: p.route for p in paths.paths_for(organization)}


def test_a_recognised_provider_may_be_proposed_for_the_free_providers_seats(committee):
    _free_providers_seat(committee)
    factories.make_seat(committee, "Beratendes Mitglied")
    recognised = shared.make_organization(
        "Verein A", recognitions=("youth_welfare_75",), index=False
    )

    assert _routes(recognised) == {
        "Träger der freien Jugendhilfe 1": "ready",
        "Beratendes Mitglied": "open",
    }


def test_a_member_of_a_welfare_association_has_the_indirect_route(committee):
    _free_providers_seat(committee)
    member = shared.make_organization(
        "Verein B", recognitions=("welfare_association",), index=False
    )

    assert _routes(member) == {"Träger der freien Jugendhilfe 1": "indirect"}


def test_without_recognition_the_missing_one_is_named(committee):
    _free_providers_seat(committee)
    newcomer = shared.make_organization("Verein C", index=False)

    [path] = paths.paths_for(newcomer)

    assert (path.route, path.missing.code) == ("missing", "youth_welfare_75")


def test_an_expired_recognition_does_not_count(committee):
    _free_providers_seat(committee)
    expired = shared.make_organization("Verein D", recognitions=("youth_welfare_75",), index=False)
    Recognition.objects.filter(organization=expired).update(valid_until=datetime.date(2020, 1, 1))

    assert _routes(expired) == {"Träger der freien Jugendhilfe 1": "missing"}


def test_seats_the_organization_holds_are_left_out_and_vacant_ones_come_first(world, committee):
    held = _free_providers_seat(committee, "Sitz 1")
    taken = _free_providers_seat(committee, "Sitz 2")
    _free_providers_seat(committee, "Sitz 3")
    factories.make_mandate(held, organization=world.org_a, status=MandateStatus.APPOINTED)
    factories.make_mandate(taken, organization=world.org_b, status=MandateStatus.APPOINTED)

    found = paths.paths_for(world.org_a)

    assert [(p.seat.label, p.vacant) for p in found] == [("Sitz 3", True), ("Sitz 2", False)]


def test_the_page_names_the_route_in_the_members_language(world, committee, client_for):
    _free_providers_seat(committee)

    page = client_for(world.member_a).get(f"/de/committees/paths/{world.org_a.slug}/")

    html = page.content.decode()
    assert "Anerkennung fehlt" in html
    assert "Anerkannter Träger der freien Jugendhilfe (§ 75 SGB VIII)" in html


def test_the_page_costs_the_same_for_three_seats_as_for_one(
    world, committee, client_for, django_assert_num_queries
):
    client = client_for(world.member_a)
    url = f"/en/committees/paths/{world.org_a.slug}/"
    _free_providers_seat(committee, "Sitz 0")
    client.get(url)  # content types are read once per process
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    other = factories.make_committee(world.agency_x, "Integrationsbeirat", slug="beirat")
    factories.make_seat(other, "Sitz 1")
    factories.make_mandate(
        _free_providers_seat(committee, "Sitz 2"), status=MandateStatus.APPOINTED
    )

    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)

    assert "Sitz 2" in response.content.decode()


def test_members_see_their_organizations_mandates_on_the_way_and_other_agencies_do_not(
    world, committee, client_for
):
    seat = _free_providers_seat(committee)
    factories.make_mandate(seat, "Amina Yılmaz", organization=world.org_b)
    url = f"/de/committees/paths/{world.org_b.slug}/"

    member = client_for(world.member_b).get(url).content.decode()
    other_agency = client_for(world.advisor_y).get(url).content.decode()

    assert "Amina Yılmaz" in member
    assert "interessiert" in member
    assert "Amina Yılmaz" not in other_agency
