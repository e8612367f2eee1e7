"""The register's public pages, its calendar and the keeping agency's forms."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from gemeinsam.committees.enums import MandateStatus, SeatRole
from gemeinsam.committees.models import Committee, Meeting, Seat
from gemeinsam.core import content
from gemeinsam.core.models import AuditLogEntry
from tests.committees import factories

pytestmark = pytest.mark.django_db


def _count(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def _same_for_three(client, url, grow, django_assert_num_queries) -> str:
    grow(0)
    _count(client, url)  # content types are read once per process
    one, _ = _count(client, url)
    grow(1)
    grow(2)
    with django_assert_num_queries(one):
        response = client.get(url)
    return response.content.decode()


def test_the_list_costs_the_same_for_three_committees_as_for_one(
    world, client_for, django_assert_num_queries
):
    def grow(i):
        committee = factories.make_committee(world.agency_x, f"Beirat {i}", slug=f"beirat-{i}")
        content.set_texts(committee, "en", {"name": f"Advisory board {i}"}, by=None)

    page = _same_for_three(
        client_for(world.advisor_x), "/en/committees/", grow, django_assert_num_queries
    )

    assert "Advisory board 2" in page
    assert "3 committees" in page


def test_the_detail_costs_the_same_for_three_seats_as_for_one(
    world, client_for, django_assert_num_queries
):
    committee = factories.make_committee(world.agency_x)
    term = factories.make_term(committee)

    def grow(i):
        seat = factories.make_seat(committee, f"Sitz {i}", term=term)
        factories.make_mandate(
            seat, f"Person {i}", organization=world.org_b, status=MandateStatus.APPOINTED
        )
        factories.make_meeting(committee, days_ahead=5 + i)

    page = _same_for_three(
        client_for(None), committee.get_absolute_url(), grow, django_assert_num_queries
    )

    assert "Person 2" in page
    assert "Sitz 2" in page


def test_the_detail_shows_holders_and_the_carry_over_after_the_term(world, client_for):
    committee = factories.make_committee(world.agency_x)
    ended = factories.make_term(
        committee, start=datetime.date(2016, 11, 1), end=datetime.date(2021, 10, 31)
    )
    seat = factories.make_seat(committee, "Träger der freien Jugendhilfe 1", term=ended)
    factories.make_seat(committee, "Träger der freien Jugendhilfe 2")
    factories.make_mandate(
        seat, "Amina Yılmaz", organization=world.org_b, status=MandateStatus.APPOINTED
    )
    factories.make_mandate(seat, "Kemal Aksoy", status=MandateStatus.NOMINATED)

    page = client_for(None).get(f"/de/committees/lichtenberg/{committee.slug}/").content.decode()

    assert "Amina Yılmaz" in page
    assert "bleibt im Amt, bis eine Nachfolge berufen ist" in page
    assert "unbesetzt" in page  # the second seat
    # Someone only nominated is not public.
    assert "Kemal Aksoy" not in page
    assert "§ 71 SGB VIII" in page


def test_an_inactive_committee_is_found_by_its_agency_only(world, client_for):
    committee = factories.make_committee(world.agency_x, is_active=False)
    url = committee.get_absolute_url()

    outsider = client_for(world.advisor_y).get(url)
    own = client_for(world.advisor_x).get(url)

    assert outsider.status_code == 404 and committee.name not in outsider.content.decode()
    assert own.status_code == 200 and committee.name in own.content.decode()


@pytest.mark.parametrize(
    "today",
    [datetime.datetime(2027, 3, 22, 23, 30), datetime.datetime(2026, 12, 24, 9, 0)],
    ids=["week-before-summer-time", "christmas-eve"],
)
def test_the_calendar_lists_the_public_meetings_in_berlin_time(world, client_for, today):
    with time_machine.travel(timezone.make_aware(today), tick=False):
        _calendar_in_berlin_time(world, client_for)


def _calendar_in_berlin_time(world, client_for):
    committee = factories.make_committee(world.agency_x)
    public = factories.make_meeting(committee, days_ahead=7)
    factories.make_meeting(committee, days_ahead=8, is_public=False, location="Geheim")

    response = client_for(None).get(f"/de/committees/lichtenberg/{committee.slug}/meetings.ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    entries = list(calendar.walk("VEVENT"))
    assert [str(e["uid"]) for e in entries] == [f"{public.uid}@gemeinsam"]
    assert str(entries[0]["summary"]) == "Jugendhilfeausschuss"
    assert str(entries[0]["location"]) == "Rathaus Lichtenberg"
    start = entries[0].decoded("dtstart")
    assert start == public.starts_at
    assert str(start.tzinfo) == "Europe/Berlin"
    assert (start.hour, start.minute) == (17, 0)


def test_staff_add_a_committee_and_it_is_audited(world, client_for):
    body = factories.make_body()

    response = client_for(world.advisor_x).post(
        f"/de/committees/new/{world.agency_x.slug}/",
        {
            "body": body.pk,
            "name": "Integrationsbeirat Lichtenberg",
            "kind": "integration_council",
            "legal_basis": "§ 32 PartIntG",
            "seats_total": "12",
            "seats_voting": "9",
            "is_active": "on",
        },
    )

    committee = Committee.objects.get()
    assert response["Location"] == "/de/committees/lichtenberg/integrationsbeirat-lichtenberg/"
    assert (committee.agency, committee.seats_total, committee.seats_voting) == (
        world.agency_x,
        12,
        9,
    )
    entry = AuditLogEntry.objects.get(object_type="committees.committee")
    assert (entry.action, entry.actor) == ("create", world.advisor_x)


def test_more_voting_seats_than_seats_are_refused_in_the_users_language(world, client_for):
    body = factories.make_body()

    response = client_for(world.advisor_x).post(
        f"/de/committees/new/{world.agency_x.slug}/",
        {
            "body": body.pk,
            "name": "Beirat",
            "kind": "advisory_board",
            "seats_total": "5",
            "seats_voting": "6",
        },
    )

    assert "Mehr stimmberechtigte Sitze als Sitze insgesamt." in response.content.decode()
    assert not Committee.objects.exists()


def test_seats_stop_at_the_statutory_count(world, client_for):
    committee = factories.make_committee(world.agency_x, seats_total=1, seats_voting=1)
    client = client_for(world.advisor_x)
    url = f"/de/committees/lichtenberg/{committee.slug}/seats/new/"

    first = client.post(url, {"label": "Sitz 1", "voting_right": "on"})
    second = client.post(url, {"label": "Sitz 2"})

    assert first.status_code == 302
    assert "Alle satzungsgemäßen Sitze dieses Gremiums sind bereits eingetragen." in (
        second.content.decode()
    )
    assert list(Seat.objects.values_list("label", flat=True)) == ["Sitz 1"]


def test_a_meeting_that_ends_before_it_starts_is_refused(world, client_for):
    committee = factories.make_committee(world.agency_x)

    response = client_for(world.manager_x).post(
        f"/en/committees/lichtenberg/{committee.slug}/meetings/new/",
        {"starts_at": "2030-03-04T19:00", "ends_at": "2030-03-04T17:00"},
    )

    assert "A meeting ends after it starts." in response.content.decode()
    assert not Meeting.objects.exists()


def test_staff_note_an_interest_for_an_organization_of_the_directory(world, client_for):
    committee = factories.make_committee(world.agency_x)
    seat = factories.make_seat(committee)

    response = client_for(world.advisor_x).post(
        f"/de/committees/lichtenberg/{committee.slug}/mandates/new/",
        {
            "seat": seat.pk,
            "role": "alternate",
            "holder_name": "Amina Yılmaz",
            "organization": world.org_a.slug,
        },
    )

    assert response.status_code == 302
    mandate = seat.mandates.get()
    assert (mandate.holder_name, mandate.role, mandate.organization, mandate.status) == (
        "Amina Yılmaz",
        SeatRole.ALTERNATE,
        world.org_a,
        MandateStatus.INTEREST,
    )


def test_an_unknown_organization_is_refused_with_a_message(world, client_for):
    committee = factories.make_committee(world.agency_x)
    seat = factories.make_seat(committee)

    response = client_for(world.advisor_x).post(
        f"/de/committees/lichtenberg/{committee.slug}/mandates/new/",
        {"seat": seat.pk, "role": "member", "holder_name": "X", "organization": "gibt-es-nicht"},
    )

    assert "Keine Organisation im Verzeichnis hat diesen Namen." in response.content.decode()
    assert not seat.mandates.exists()


def test_the_upcoming_meetings_leave_out_past_ones(world, client_for):
    committee = factories.make_committee(world.agency_x)
    factories.make_meeting(committee, days_ahead=-3, location="Gestern")
    factories.make_meeting(committee, days_ahead=3, location="Bald")

    page = client_for(None).get(committee.get_absolute_url()).content.decode()

    assert "Bald" in page
    assert "Gestern" not in page


def test_the_keeping_agency_translates_a_committee_and_others_do_not_find_it(world, client_for):
    committee = factories.make_committee(
        world.agency_x, description="Der Ausschuss berät über die Jugendhilfe."
    )
    url = reverse("translations:item-edit", args=["committees.committee", committee.pk, "ar"])

    mine = client_for(world.advisor_x).get(url)

    assert "Der Ausschuss berät über die Jugendhilfe." in mine.content.decode()
    assert client_for(world.advisor_y).get(url).status_code == 404
    assert client_for(world.member_a).get(url).status_code == 404
