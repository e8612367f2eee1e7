"""Asking for a room: the organization is chosen already for a member of one, and a weekly
series with dates that are closed or taken is not refused as a whole: the page names each such
date and why, and offers to ask for the others, all of them or none."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from gemeinsam.rooms import services
from gemeinsam.rooms.enums import BookingStatus, Repeat
from gemeinsam.rooms.models import Booking, Closure
from tests import factories
from tests.html_support import attribute, find, find_all, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def room(world):
    return factories.make_room(world.agency_x, "Seminarraum Nord", slug="seminarraum", capacity=12)


def tuesday(week: int) -> datetime.date:
    """The series' dates: Tuesdays from at least a week ahead."""
    first = timezone.localdate() + datetime.timedelta(days=7)
    first += datetime.timedelta(days=(1 - first.weekday()) % 7)
    return first + datetime.timedelta(weeks=week)


def at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


URL = "/en/rooms/agency-x/seminarraum/request/"


def weekly(world, **overrides) -> dict:
    data = {
        "date": tuesday(0).isoformat(),
        "start": "18:00",
        "end": "20:00",
        "repeat": "weekly",
        "weeks": "4",
        "title": "Elterncafé",
        "attendees": "10",
        "organization": str(world.org_a.pk),
        "note": "Bitte Tische in U-Form.\nDanke!",
    }
    data.update(overrides)
    return data


def close(world, day: datetime.date, reason: str = "Sommerpause") -> None:
    Closure.objects.create(agency=world.agency_x, starts_on=day, ends_on=day, reason=reason)


def offer(html) -> dict:
    """What the offer to book the other dates sends, as a browser would send it."""
    form = find(find(html, "section", id="series-conflict"), "form")
    sent: dict[str, list[str]] = {}
    for field in find_all(form, "input"):
        sent.setdefault(attribute(field, "name"), []).append(attribute(field, "value") or "")
    return sent


# --- The organization chosen already -----------------------------------------------------------


def organization_choices(html) -> list[tuple[str, bool]]:
    select = find(html, "select", name="organization")
    return [
        (text(option), "selected" in dict(option.attributes))
        for option in select.children
        if option.name == "option"
    ]


def test_a_member_of_one_organization_finds_it_chosen(world, client_for, room):
    html = client_for(world.member_a).get(URL).content.decode()
    assert organization_choices(html) == [("Verein A für Jugendarbeit", True)]


def test_a_member_of_two_organizations_chooses_one(world, client_for, room):
    factories.make_membership(world.org_b, world.member_a)
    html = client_for(world.member_a).get(URL).content.decode()
    assert organization_choices(html) == [
        ("---------", True),
        ("Verein A für Jugendarbeit", False),
        ("Verein B für Kultur", False),
    ]


def test_staff_book_for_the_agency_unless_they_choose_an_organization(world, client_for, room):
    html = client_for(world.advisor_x).get(URL).content.decode()
    assert organization_choices(html) == [("none (agency use)", True)]


# --- A weekly series with dates that cannot be booked -------------------------------------------


def test_a_closed_date_is_named_and_the_other_dates_are_offered(world, client_for, room):
    close(world, tuesday(2))
    client = client_for(world.member_a)
    response = client.post(URL, weekly(world))
    html = response.content.decode()

    assert Booking.objects.count() == 0
    summary = find(html, "div", class_="error-summary")
    assert [text(item) for item in find_all(summary, "li")] == [
        "1 of the 4 dates cannot be booked."
    ]
    section = find(html, "section", id="series-conflict")
    dates = [
        (attribute(find(item, "time"), "datetime"), text(item)) for item in find_all(section, "li")
    ]
    closed_on = tuesday(2).strftime("%m/%d/%Y")
    assert dates == [
        (
            tuesday(2).isoformat(),
            f"Tue {closed_on} : The room is closed on {closed_on}: Sommerpause",
        )
    ]
    assert text(find(section, "button")) == "Ask for the other 3 dates"
    # The request itself stays as typed, to change it instead.
    assert attribute(find(html, "input", name="title", id="id_title"), "value") == "Elterncafé"

    sent = offer(html)
    assert sent["skip"] == [tuesday(2).isoformat()]
    assert sent["note"] == ["Bitte Tische in U-Form.\nDanke!"]
    response = client.post(URL, sent)

    assert response["Location"] == "/en/rooms/bookings/"
    bookings = list(Booking.objects.order_by("starts_at"))
    assert [(b.starts_at, b.status) for b in bookings] == [
        (at(tuesday(week), 18), BookingStatus.REQUESTED) for week in (0, 1, 3)
    ]
    assert len({b.series for b in bookings}) == 1 and bookings[0].series is not None
    assert {(b.title, b.organization, b.note) for b in bookings} == {
        ("Elterncafé", world.org_a, "Bitte Tische in U-Form.\nDanke!")
    }


def test_the_other_dates_are_asked_for_all_together_or_not_at_all(world, client_for, room):
    close(world, tuesday(2))
    client = client_for(world.member_a)
    sent = offer(client.post(URL, weekly(world)).content.decode())
    # Meanwhile another date is given to someone else.
    Booking.objects.create(
        room=room,
        title="Sprachkurs",
        starts_at=at(tuesday(3), 17),
        ends_at=at(tuesday(3), 19),
        status=BookingStatus.APPROVED,
    )

    html = client.post(URL, sent).content.decode()

    assert Booking.objects.filter(status=BookingStatus.REQUESTED).count() == 0
    section = find(html, "section", id="series-conflict")
    assert [attribute(t, "datetime") for t in find_all(section, "time")] == [tuesday(3).isoformat()]
    assert text(find(section, "button")) == "Ask for the other 2 dates"
    # The date left out before stays left out.
    assert offer(html)["skip"] == [tuesday(2).isoformat(), tuesday(3).isoformat()]


def test_a_series_with_no_free_date_offers_nothing_to_book(world, client_for, room):
    for week in range(2):
        close(world, tuesday(week))
    html = client_for(world.member_a).post(URL, weekly(world, weeks="2")).content.decode()
    section = find(html, "section", id="series-conflict")
    assert len(find_all(section, "li")) == 2
    assert find_all(section, "form") == []
    assert "No date of this series is free." in text(section)
    assert Booking.objects.count() == 0


def test_a_single_date_that_is_taken_is_refused_with_its_reason_alone(world, client_for, room):
    close(world, tuesday(0))
    html = (
        client_for(world.member_a)
        .post(URL, weekly(world, repeat="once", weeks=""))
        .content.decode()
    )
    assert find_all(html, "section", id="series-conflict") == []
    summary = find(html, "div", class_="error-summary")
    closed_on = tuesday(0).strftime("%m/%d/%Y")
    assert [text(item) for item in find_all(summary, "li")] == [
        f"The room is closed on {closed_on}: Sommerpause"
    ]


def test_the_service_leaves_out_the_dates_asked_to_skip_and_checks_the_rest(world, room):
    request = services.Request(
        date=tuesday(0),
        start=datetime.time(18),
        end=datetime.time(20),
        title="Elterncafé",
        repeat=Repeat.WEEKLY,
        weeks=3,
        organization_id=world.org_a.pk,
    )
    close(world, tuesday(1), reason="Brandschutzübung")
    with pytest.raises(services.SeriesConflict) as refused:
        services.request_booking(room, request, by=world.member_a)
    assert (refused.value.conflicts, refused.value.free) == (
        [
            services.DateConflict(
                tuesday(1),
                f"The room is closed on {tuesday(1).strftime('%m/%d/%Y')}: Brandschutzübung",
            )
        ],
        2,
    )

    request.skip = (tuesday(1),)
    made = services.request_booking(room, request, by=world.member_a)
    assert [b.starts_at for b in made] == [at(tuesday(0), 18), at(tuesday(2), 18)]

    request.skip = (tuesday(0), tuesday(1), tuesday(2))
    with pytest.raises(services.BookingError) as nothing:
        services.request_booking(room, request, by=world.member_a)
    assert nothing.value.code == "nothing_left"
