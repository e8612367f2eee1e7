"""A person's start page (/my/): their organizations with nudges, and staff's open claims."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_the_dashboard_lists_memberships_and_nudges(world, client_for):
    world.org_a.last_confirmed_on = None
    world.org_a.save()
    page = client_for(world.member_a).get("/en/my/").content.decode()
    assert "Verein A für Jugendarbeit" in page
    assert "has not been confirmed for a year" in page


def test_the_dashboard_shows_staff_the_open_claims(world, client_for):
    factories.make_membership(world.org_b, status="pending")
    page = client_for(world.advisor_x).get("/en/my/").content.decode()
    assert "1 request to act for an organization is waiting" in page


def test_pages_for_logged_in_people_are_not_cached(world, client_for):
    response = client_for(world.member_a).get("/de/my/")
    assert response["Cache-Control"] == "no-store, private"
