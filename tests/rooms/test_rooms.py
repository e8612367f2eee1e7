"""Rooms and co-working: the list, the week calendar, requests, decisions, closures, events."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from gemeinsam.core.models import AuditLogEntry
from gemeinsam.rooms import services
from gemeinsam.rooms.enums import BookingStatus
from gemeinsam.rooms.models import Booking, Closure, Room
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def deliver_mails(run_jobs):
    """Run the queued booking mails the way the worker does (the one `run_jobs` of every test)."""
    return run_jobs


@pytest.fixture
def room(world):
    return factories.make_room(
        world.agency_x,
        "Seminarraum Nord",
        slug="seminarraum",
        capacity=12,
        equipment="Beamer\nFlipchart",
        accessibility="Stufenlos erreichbar",
    )


def _day(days_ahead: int = 14) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days_ahead)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _request_data(w, **overrides):
    data = {
        "date": _day().isoformat(),
        "start": "10:00",
        "end": "12:00",
        "repeat": "once",
        "title": "Vorstandssitzung",
        "attendees": "8",
        "organization": str(w.org_a.pk),
        "note": "",
    }
    data.update(overrides)
    return data


def _create_url(room, language="en"):
    return f"/{language}/rooms/{room.agency.slug}/{room.slug}/request/"


def _approved_over(room, starts_at, ends_at):
    return Booking.objects.create(
        room=room, title="Sprachkurs", starts_at=starts_at, ends_at=ends_at, status="approved"
    )


def _approved(room, day, start=10, end=12, **extra):
    return Booking.objects.create(
        room=room,
        title=extra.pop("title", "Sprachkurs"),
        starts_at=_at(day, start),
        ends_at=_at(day, end),
        status=BookingStatus.APPROVED,
        **extra,
    )


# --- The list -------------------------------------------------------------------------------


def test_room_list_shows_active_rooms_with_their_facts(client, world, room):
    factories.make_room(world.agency_y, "Desk 3", kind="desk", capacity=1)
    factories.make_room(world.agency_x, "Keller", is_active=False)

    page = client.get("/en/rooms/").content.decode()

    assert "Seminarraum Nord" in page
    assert "Kompetenzzentrum Migration Nord" in page
    assert "Beamer" in page and "Flipchart" in page
    assert "Stufenlos erreichbar" in page
    assert "Desk 3" in page
    assert "Keller" not in page


def test_room_list_filters_by_kind_capacity_and_agency(client, world, room):
    factories.make_room(world.agency_y, "Desk 3", kind="desk", capacity=1)
    factories.make_room(world.agency_y, "Großer Saal", capacity=80)

    desks = client.get("/en/rooms/?kind=desk").content.decode()
    big = client.get("/en/rooms/?capacity=20").content.decode()
    of_x = client.get("/en/rooms/?agency=agency-x").content.decode()

    assert "Desk 3" in desks and "Seminarraum Nord" not in desks
    assert "Großer Saal" in big and "Seminarraum Nord" not in big
    assert "Seminarraum Nord" in of_x and "Großer Saal" not in of_x


def test_room_list_ignores_nonsense_filters(client, world, room):
    page = client.get("/en/rooms/?kind=castle&capacity=many").content.decode()

    assert "Seminarraum Nord" in page


# --- The week calendar ----------------------------------------------------------------------


def test_public_calendar_says_booked_without_names_or_purposes(client, world, room):
    day = _day()
    _approved(room, day, title="Geheime Vorstandssitzung", organization=world.org_a)
    page = client.get(f"/en/rooms/agency-x/seminarraum/?week={_week_of(day)}").content.decode()

    assert "10:00–12:00" in page
    assert "booked" in page
    assert "Geheime Vorstandssitzung" not in page
    assert "Verein A" not in page


def test_staff_calendar_shows_purpose_organization_and_requests(client_for, world, room):
    day = _day()
    _approved(room, day, title="Sprachkurs Arabisch", organization=world.org_a)
    factories.make_booking(
        room, by=world.member_b, title="Kulturabend", starts_in=day - timezone.localdate()
    )
    page = (
        client_for(world.advisor_x)
        .get(f"/en/rooms/agency-x/seminarraum/?week={_week_of(day)}")
        .content.decode()
    )

    assert "Sprachkurs Arabisch" in page
    assert "<bdi>Verein A für Jugendarbeit</bdi>" in page
    assert "requested" in page and "Kulturabend" in page


def _week_of(day: datetime.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def test_calendar_shows_closures_without_their_reason_to_the_public(client, world, room):
    day = _day()
    Closure.objects.create(
        agency=world.agency_x, starts_on=day, ends_on=day, reason="Betriebsausflug"
    )

    page = client.get(f"/en/rooms/agency-x/seminarraum/?week={_week_of(day)}").content.decode()

    assert "Closed" in page
    assert "Betriebsausflug" not in page


def test_calendar_shows_events_reserved_in_the_room(client, world, room):
    event = factories.make_event(world.agency_x, "Fachtag Vielfalt")
    services.reserve_for_event(event, room, world.manager_x)
    week = _week_of(timezone.localtime(event.starts_at).date())

    page = client.get(f"/en/rooms/agency-x/seminarraum/?week={week}").content.decode()

    # Not translated into English: the German title, marked as German.
    assert 'Event: <span lang="de" dir="ltr">Fachtag Vielfalt</span>' in " ".join(page.split())


def test_calendar_week_parameter_picks_the_iso_week(client, world, room):
    page = client.get("/en/rooms/agency-x/seminarraum/?week=2026-W48").content.decode()

    assert 'datetime="2026-11-23"' in page
    assert 'datetime="2026-11-29"' in page
    assert "?week=2026-W47" in page and "?week=2026-W49" in page


def test_calendar_falls_back_to_this_week_for_bad_input(client, world, room):
    monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())

    page = client.get("/en/rooms/agency-x/seminarraum/?week=2026-W99").content.decode()

    assert f'datetime="{monday.isoformat()}"' in page


def test_inactive_rooms_are_hidden_from_the_public_but_not_from_their_staff(client_for, world):
    factories.make_room(world.agency_x, "Keller", slug="keller", is_active=False)

    assert client_for(None).get("/en/rooms/agency-x/keller/").status_code == 404
    page = client_for(world.advisor_x).get("/en/rooms/agency-x/keller/")
    assert "This room cannot be booked at the moment." in page.content.decode()


# --- Requests -------------------------------------------------------------------------------


def test_member_asks_for_a_room_once(client_for, world, room):
    response = client_for(world.member_a).post(_create_url(room), _request_data(world))

    assert response["Location"] == "/en/rooms/bookings/"
    booking = Booking.objects.get()
    assert booking.status == BookingStatus.REQUESTED
    assert booking.organization == world.org_a
    assert booking.requested_by == world.member_a
    assert timezone.localtime(booking.starts_at) == _at(_day(), 10)
    assert booking.series is None


def test_weekly_request_creates_one_booking_per_week_sharing_a_series(client_for, world, room):
    client_for(world.member_a).post(
        _create_url(room), _request_data(world, repeat="weekly", weeks="4")
    )

    bookings = list(Booking.objects.order_by("starts_at"))
    assert len(bookings) == 4
    assert len({b.series for b in bookings}) == 1 and bookings[0].series is not None
    assert [timezone.localtime(b.starts_at).date() for b in bookings] == [
        _day() + datetime.timedelta(weeks=i) for i in range(4)
    ]


def test_weekly_request_until_a_date_counts_the_weeks(client_for, world, room):
    until = (_day() + datetime.timedelta(days=15)).isoformat()

    client_for(world.member_a).post(
        _create_url(room), _request_data(world, repeat="weekly", until=until)
    )

    assert Booking.objects.count() == 3


def test_weekly_request_longer_than_max_weeks_is_refused(client_for, world, room):
    until = (_day() + datetime.timedelta(weeks=60)).isoformat()

    page = client_for(world.member_a).post(
        _create_url(room), _request_data(world, repeat="weekly", until=until)
    )

    assert "A weekly booking covers at most 52 weeks." in page.content.decode()
    assert Booking.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"start": "12:00", "end": "10:00"}, "The end must be after the start."),
        (
            {"date": (timezone.localdate() - datetime.timedelta(days=1)).isoformat()},
            "The booking must start in the future.",
        ),
        ({"attendees": "13"}, "This room holds at most 12 people."),
    ],
    ids=["end before start", "in the past", "more people than capacity"],
)
def test_impossible_requests_are_refused_with_a_reason(client_for, world, room, overrides, message):
    response = client_for(world.member_a).post(_create_url(room), _request_data(world, **overrides))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Booking.objects.count() == 0


def test_request_overlapping_an_approved_booking_names_the_date(client_for, world, room):
    _approved(room, _day(), 11, 13)

    page = client_for(world.member_a).post(_create_url(room), _request_data(world)).content.decode()

    assert "The room is already booked on" in page
    assert _day().strftime("%m/%d/%Y") in page
    assert Booking.objects.count() == 1


def test_weekly_request_with_one_clash_saves_nothing(client_for, world, room):
    _approved(room, _day() + datetime.timedelta(weeks=2))

    client_for(world.member_a).post(
        _create_url(room), _request_data(world, repeat="weekly", weeks="4")
    )

    assert Booking.objects.filter(status=BookingStatus.REQUESTED).count() == 0


def test_request_touching_but_not_overlapping_is_fine(client_for, world, room):
    _approved(room, _day(), 8, 10)

    client_for(world.member_a).post(_create_url(room), _request_data(world))

    assert Booking.objects.filter(status=BookingStatus.REQUESTED).count() == 1


@pytest.mark.parametrize("whole_agency", [True, False], ids=["agency closed", "room closed"])
def test_request_inside_a_closure_is_refused(client_for, world, room, whole_agency):
    Closure.objects.create(
        agency=world.agency_x,
        room=None if whole_agency else room,
        starts_on=_day(),
        ends_on=_day(),
        reason="Renovierung",
    )

    page = client_for(world.member_a).post(_create_url(room), _request_data(world)).content.decode()

    assert "The room is closed on" in page and "Renovierung" in page
    assert Booking.objects.count() == 0


def test_closure_of_another_room_does_not_block(client_for, world, room):
    other = factories.make_room(world.agency_x, "Büro")
    Closure.objects.create(
        agency=world.agency_x, room=other, starts_on=_day(), ends_on=_day(), reason="x"
    )

    client_for(world.member_a).post(_create_url(room), _request_data(world))

    assert Booking.objects.count() == 1


def test_member_cannot_book_for_someone_elses_organization(client_for, world, room):
    page = client_for(world.member_a).post(
        _create_url(room), _request_data(world, organization=str(world.org_b.pk))
    )

    assert "Select a valid choice" in page.content.decode()
    assert Booking.objects.count() == 0


def test_booking_form_offers_only_own_organizations(client_for, world, room):
    page = client_for(world.member_a).get(_create_url(room)).content.decode()

    assert "Verein A für Jugendarbeit" in page
    assert "Verein B für Kultur" not in page


# --- My bookings and cancelling -------------------------------------------------------------


def test_my_bookings_lists_only_my_own(client_for, world, room):
    factories.make_booking(room, by=world.member_a, title="Meine Sitzung")
    factories.make_booking(room, by=world.member_b, title="Fremde Sitzung")

    page = client_for(world.member_a).get("/en/rooms/bookings/").content.decode()

    assert "Meine Sitzung" in page
    assert "Fremde Sitzung" not in page


def test_requester_cancels_one_date_of_a_series(client_for, world, room, deliver_mails):
    world.member_a.preferred_language = "en"
    world.member_a.save()
    client = client_for(world.member_a)
    client.post(_create_url(room), _request_data(world, repeat="weekly", weeks="3"))
    first = Booking.objects.order_by("starts_at").first()

    client.post(reverse("rooms:booking-cancel", args=[first.pk]), {"scope": "one"})

    statuses = list(Booking.objects.order_by("starts_at").values_list("status", flat=True))
    assert statuses == ["cancelled", "requested", "requested"]
    deliver_mails()
    assert [m.subject for m in mail.outbox] == ["Booking cancelled: Seminarraum Nord"]
    assert "/en/rooms/bookings/" in mail.outbox[0].body


def test_requester_cancels_a_whole_series(client_for, world, room):
    client = client_for(world.member_a)
    client.post(_create_url(room), _request_data(world, repeat="weekly", weeks="3"))
    first = Booking.objects.order_by("starts_at").first()

    client.post(reverse("rooms:booking-cancel", args=[first.pk]), {"scope": "series"})

    assert set(Booking.objects.values_list("status", flat=True)) == {"cancelled"}


def test_another_member_cannot_cancel_my_booking(client_for, world, room):
    booking = factories.make_booking(room, by=world.member_a)

    response = client_for(world.member_b).post(reverse("rooms:booking-cancel", args=[booking.pk]))

    assert response.status_code == 404
    booking.refresh_from_db()
    assert booking.status == BookingStatus.REQUESTED


# --- Decisions ------------------------------------------------------------------------------


def _decide(client, booking, **data):
    return client.post(
        f"/en/rooms/manage/agency-x/bookings/{booking.pk}/decide/", data, follow=True
    )


def test_queue_lists_requests_of_the_agencys_rooms(client_for, world, room):
    factories.make_booking(room, by=world.member_a, organization=world.org_a, title="Elternabend")
    other = factories.make_room(world.agency_y, "Saal Süd")
    factories.make_booking(other, by=world.member_b, title="Anderswo")

    page = client_for(world.advisor_x).get("/en/rooms/manage/agency-x/").content.decode()

    assert "Elternabend" in page
    assert "<bdi>Amal Haddad</bdi>" in page
    assert "Anderswo" not in page


def test_approval_declines_overlapping_requests_and_mails_everyone(
    client_for, world, room, deliver_mails
):
    world.member_b.preferred_language = "en"
    world.member_b.save()
    world.member_a.preferred_language = "tr"
    world.member_a.save()
    winner = factories.make_booking(room, by=world.member_a, organization=world.org_a)
    loser = factories.make_booking(room, by=world.member_b, organization=world.org_b)

    page = _decide(client_for(world.manager_x), winner, decision="approve", scope="one")

    assert "1 date approved. 1 overlapping request was declined." in page.content.decode()
    winner.refresh_from_db()
    loser.refresh_from_db()
    assert (winner.status, loser.status) == (BookingStatus.APPROVED, BookingStatus.DECLINED)
    assert loser.decision_note == "The room was given to another booking at this time."
    assert winner.decided_by == world.manager_x
    deliver_mails()
    by_person = {m.to[0]: m for m in mail.outbox}
    # Each mail in its reader's language: the links say which.
    assert "/tr/rooms/bookings/" in by_person["member.a@example.org"].body
    assert "/en/rooms/bookings/" in by_person["member.b@example.org"].body
    assert by_person["member.b@example.org"].subject == "Booking declined: Seminarraum Nord"
    assert "given to another booking" in by_person["member.b@example.org"].body
    assert AuditLogEntry.objects.filter(object_type="rooms.booking", action="update").count() == 2


def test_approval_refuses_when_an_approved_booking_overlaps(client_for, world, room):
    booking = factories.make_booking(room, by=world.member_a)
    # The same hours, whatever the hour the test runs (a day's 0:00–23:00 missed a late one).
    _approved_over(room, booking.starts_at, booking.ends_at)

    page = _decide(client_for(world.advisor_x), booking, decision="approve")

    assert "The room is already booked on" in page.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.REQUESTED


def test_decline_needs_a_reason_and_sends_it(client_for, world, room, deliver_mails):
    world.member_a.preferred_language = "en"
    world.member_a.save()
    booking = factories.make_booking(room, by=world.member_a)
    client = client_for(world.advisor_x)

    without = _decide(client, booking, decision="decline")
    booking.refresh_from_db()
    assert "Please give a reason for declining." in without.content.decode()
    assert booking.status == BookingStatus.REQUESTED

    _decide(client, booking, decision="decline", reason="Raum wird renoviert")
    booking.refresh_from_db()
    assert booking.status == BookingStatus.DECLINED
    deliver_mails()
    assert mail.outbox[0].subject == "Booking declined: Seminarraum Nord"
    assert "Reason: Raum wird renoviert" in mail.outbox[0].body


def test_a_series_is_approved_as_a_whole_in_one_mail(client_for, world, room, deliver_mails):
    client_for(world.member_a).post(
        _create_url(room), _request_data(world, repeat="weekly", weeks="3")
    )
    first = Booking.objects.order_by("starts_at").first()

    _decide(client_for(world.manager_x), first, decision="approve", scope="series")

    assert set(Booking.objects.values_list("status", flat=True)) == {"approved"}
    deliver_mails()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].body.count("Vorstandssitzung") == 3


def test_a_decided_booking_cannot_be_decided_again(client_for, world, room):
    booking = factories.make_booking(room, by=world.member_a, status=BookingStatus.DECLINED)

    page = _decide(client_for(world.manager_x), booking, decision="approve")

    assert "This booking was already decided." in page.content.decode()


# --- Closures -------------------------------------------------------------------------------


def test_closure_cancels_bookings_inside_it_with_a_notice(client_for, world, room, deliver_mails):
    world.member_a.preferred_language = "en"
    world.member_a.save()
    inside = factories.make_booking(room, by=world.member_a, status=BookingStatus.APPROVED)
    outside = factories.make_booking(room, by=world.member_a, starts_in=datetime.timedelta(days=30))
    day = timezone.localtime(inside.starts_at).date()

    response = client_for(world.manager_x).post(
        "/en/rooms/manage/agency-x/closures/new/",
        {
            "room": "",
            "starts_on": day.isoformat(),
            "ends_on": day.isoformat(),
            "reason": "Wasserschaden",
        },
        follow=True,
    )

    assert "The closure has been saved. 1 booking was cancelled." in response.content.decode()
    inside.refresh_from_db()
    outside.refresh_from_db()
    assert (inside.status, outside.status) == (BookingStatus.CANCELLED, BookingStatus.REQUESTED)
    deliver_mails()
    assert mail.outbox[0].subject == "Booking cancelled: Seminarraum Nord"
    assert "Wasserschaden" in mail.outbox[0].body
    assert AuditLogEntry.objects.filter(object_type="rooms.closure", action="create").exists()


def test_closure_with_last_day_before_first_is_refused(client_for, world, room):
    page = client_for(world.manager_x).post(
        "/en/rooms/manage/agency-x/closures/new/",
        {"starts_on": "2031-01-10", "ends_on": "2031-01-09", "reason": "x"},
    )

    assert "The last day must not be before the first." in page.content.decode()
    assert Closure.objects.count() == 0


def test_closure_is_removed_again(client_for, world, room):
    closure = Closure.objects.create(
        agency=world.agency_x, starts_on=_day(), ends_on=_day(), reason="Feiertag"
    )

    client_for(world.advisor_x).post(f"/en/rooms/manage/agency-x/closures/{closure.pk}/delete/")

    assert not Closure.objects.exists()
    assert AuditLogEntry.objects.filter(object_type="rooms.closure", action="delete").exists()


# --- Rooms management -----------------------------------------------------------------------


def test_staff_create_a_room_with_a_slug_from_its_name(client_for, world):
    response = client_for(world.advisor_x).post(
        "/en/rooms/manage/agency-x/rooms/new/",
        {"name": "Co-Working Fläche", "kind": "desk", "capacity": "6", "is_active": "on"},
    )

    room = Room.objects.get()
    assert (room.agency, room.slug, room.capacity) == (world.agency_x, "co-working-flache", 6)
    assert response["Location"] == "/en/rooms/agency-x/co-working-flache/"


def test_staff_edit_a_room(client_for, world, room):
    client_for(world.manager_x).post(
        "/en/rooms/manage/agency-x/rooms/seminarraum/",
        {"name": "Seminarraum Nord", "slug": "seminarraum", "kind": "room", "capacity": "30"},
    )

    room.refresh_from_db()
    assert (room.capacity, room.is_active) == (30, False)


def test_room_slug_must_be_unique_in_the_agency(client_for, world, room):
    page = client_for(world.manager_x).post(
        "/en/rooms/manage/agency-x/rooms/new/",
        {"name": "Noch ein Raum", "slug": "seminarraum", "kind": "room", "capacity": "3"},
    )

    assert "Another room of this agency has this address." in page.content.decode()


# --- Events ---------------------------------------------------------------------------------


def test_event_reserves_a_room_as_an_approved_booking(client_for, world, room):
    event = factories.make_event(world.agency_x, "Fachtag Vielfalt")

    response = client_for(world.advisor_x).post(
        "/en/rooms/manage/agency-x/reserve/", {"event": event.pk, "room": room.pk}
    )

    booking = Booking.objects.get()
    assert (booking.status, booking.event, booking.starts_at) == (
        BookingStatus.APPROVED,
        event,
        event.starts_at,
    )
    assert response["Location"].startswith("/en/rooms/agency-x/seminarraum/?week=")


def test_event_reservation_refuses_an_overlap(client_for, world, room):
    event = factories.make_event(world.agency_x, "Fachtag Vielfalt")
    _approved_over(room, event.starts_at, event.ends_at)

    with pytest.raises(services.BookingError) as error:
        services.reserve_for_event(event, room, world.manager_x)
    page = client_for(world.advisor_x).post(
        "/en/rooms/manage/agency-x/reserve/", {"event": event.pk, "room": room.pk}
    )

    assert error.value.code == "overlap"
    assert "The room is already booked on" in page.content.decode()
    assert Booking.objects.filter(event=event).count() == 0


def test_event_reservation_offers_only_the_agencys_events_and_rooms(client_for, world, room):
    factories.make_event(world.agency_x, "Fachtag Vielfalt")
    factories.make_event(world.agency_y, "Sommerfest Süd")
    factories.make_room(world.agency_y, "Saal Süd")

    page = client_for(world.advisor_x).get("/en/rooms/manage/agency-x/reserve/").content.decode()

    assert "Fachtag Vielfalt" in page and "Seminarraum Nord" in page
    assert "Sommerfest Süd" not in page and "Saal Süd" not in page


def test_room_of_another_agency_cannot_be_reserved(world, room):
    event = factories.make_event(world.agency_y, "Sommerfest Süd")

    with pytest.raises(services.BookingError) as error:
        services.reserve_for_event(event, room, world.admin)

    assert error.value.code == "other_agency"
