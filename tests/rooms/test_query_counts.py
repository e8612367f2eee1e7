"""The rooms pages run the same number of queries for three items as for one."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gemeinsam.rooms.enums import BookingStatus
from gemeinsam.rooms.models import Closure
from tests import factories

pytestmark = pytest.mark.django_db


def _count(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return len(ctx.captured_queries), response.content.decode()


def _grow_and_compare(client, url, grow, django_assert_num_queries) -> str:
    grow(0)
    _count(client, url)  # the content types (of translated rooms, events) are read once
    one, _ = _count(client, url)
    grow(1)
    grow(2)
    with django_assert_num_queries(one):
        response = client.get(url)
    return response.content.decode()


def test_room_list_costs_the_same_for_three_rooms_as_for_one(
    world, client_for, django_assert_num_queries
):
    def grow(i):
        agency = world.agency_x if i % 2 == 0 else world.agency_y
        factories.make_room(agency, f"Raum {i}", equipment="Beamer\nWLAN")

    page = _grow_and_compare(
        client_for(world.advisor_x), "/en/rooms/", grow, django_assert_num_queries
    )

    assert "Raum 2" in page


def test_booking_queue_costs_the_same_for_three_requests_as_for_one(
    world, client_for, django_assert_num_queries
):
    room = factories.make_room(world.agency_x, "Seminarraum Nord")

    def grow(i):
        member = factories.make_user(name=f"Person {i}")
        org = factories.make_organization(f"Verein {i}", index=False)
        factories.make_membership(org, member)
        factories.make_booking(
            room, by=member, organization=org, starts_in=datetime.timedelta(days=3 + i)
        )
        factories.make_booking(
            room,
            by=member,
            status=BookingStatus.APPROVED,
            starts_in=datetime.timedelta(days=20 + i),
        )

    page = _grow_and_compare(
        client_for(world.manager_x), "/en/rooms/manage/agency-x/", grow, django_assert_num_queries
    )

    assert "Verein 2" in page


def test_week_calendar_costs_the_same_for_three_bookings_as_for_one(
    world, client_for, django_assert_num_queries
):
    room = factories.make_room(world.agency_x, "Seminarraum Nord", slug="nord")
    monday = timezone.localdate() + datetime.timedelta(days=14 - timezone.localdate().weekday())
    year, week, _ = monday.isocalendar()

    def grow(i):
        start = timezone.make_aware(
            datetime.datetime.combine(monday + datetime.timedelta(days=i), datetime.time(9))
        )
        factories.make_booking(
            room,
            by=world.member_a,
            organization=world.org_a,
            status=BookingStatus.APPROVED,
            starts_in=start - timezone.now(),
            title=f"Treffen {i}",
        )
        Closure.objects.create(
            agency=world.agency_x,
            starts_on=monday + datetime.timedelta(days=4 + i),
            ends_on=monday + datetime.timedelta(days=4 + i),
            reason=f"Zu {i}",
        )

    page = _grow_and_compare(
        client_for(world.advisor_x),
        f"/en/rooms/agency-x/nord/?week={year}-W{week:02d}",
        grow,
        django_assert_num_queries,
    )

    assert "Treffen 2" in page and "Zu 2" in page


def test_my_bookings_cost_the_same_for_three_as_for_one(
    world, client_for, django_assert_num_queries
):
    room = factories.make_room(world.agency_x, "Seminarraum Nord")

    def grow(i):
        factories.make_booking(
            room,
            by=world.member_a,
            organization=world.org_a,
            title=f"Sitzung {i}",
            starts_in=datetime.timedelta(days=3 + i),
        )

    page = _grow_and_compare(
        client_for(world.member_a), "/en/rooms/bookings/", grow, django_assert_num_queries
    )

    assert "Sitzung 2" in page
