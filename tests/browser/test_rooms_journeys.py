"""Rooms in the browser: a member asks for a room every Tuesday, the agency approves the series.

The member asks and is turned away in German and Arabic; the agency's staff decide in German.
"""

import datetime
import re

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from gemeinsam.rooms import services
from gemeinsam.rooms.enums import BookingStatus, Repeat
from gemeinsam.rooms.models import Booking, Closure
from tests import factories
from tests.browser.journeys import in_language, log_in, path_in

pytestmark = [
    pytest.mark.browser,
    # The live server answers from another thread, so the data must really be committed;
    # the reference data from the migrations is restored after each journey's flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MEMBER = "leyla.aydin@example.org"
STAFF = "xenia.wolff@example.org"
WEEKS = 4


@pytest.fixture
def world():
    north = factories.make_agency("Kompetenzzentrum Migration Nord", slug="nord")
    south = factories.make_agency("Integrationsagentur Süd", slug="sued")
    room = factories.make_room(
        north,
        "Seminarraum Hafen",
        slug="seminarraum-hafen",
        capacity=12,
        equipment="Beamer\nFlipchart",
        accessibility="Stufenloser Zugang.",
    )
    factories.make_room(south, "Co-Working-Platz 3", kind="desk", capacity=1)
    member = factories.make_user(MEMBER, name="Leyla Aydın")
    organization = factories.make_organization("Elternverein Brücke")
    factories.make_membership(organization, member)
    staff = factories.make_user(STAFF, name="Xenia Wolff")
    factories.make_staff(north, user=staff, role="advisor")
    return {"room": room, "member": member, "organization": organization, "staff": staff}


def tuesdays() -> list[datetime.date]:
    """The series' dates: the first Tuesday at least three days ahead, so 18:00 is never past."""
    first = timezone.localdate() + datetime.timedelta(days=3)
    first += datetime.timedelta(days=(1 - first.weekday()) % 7)
    return [first + datetime.timedelta(weeks=week) for week in range(WEEKS)]


def at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def when_in_german(day: datetime.date) -> str:
    """How `rooms/_booking_when.html` shows an 18:00–20:00 booking on a German page."""
    assert day.weekday() == 1
    return f"Di {day:%d.%m.%Y}, 18:00–20:00"


def counted(language: str, singular: str, plural: str, count: int) -> str:
    with translation.override(language):
        return translation.ngettext(singular, plural, count) % {"count": count}


@pytest.fixture
def requested_series(world):
    """The member's weekly request, made by the same service the booking form calls."""
    return services.request_booking(
        world["room"],
        services.Request(
            date=tuesdays()[0],
            start=datetime.time(18),
            end=datetime.time(20),
            title="Elterncafé",
            attendees=10,
            repeat=Repeat.WEEKLY,
            weeks=WEEKS,
            organization_id=world["organization"].pk,
        ),
        by=world["member"],
    )


def my_bookings(page) -> list[tuple[str, str]]:
    """(when, status) per row of the member's upcoming bookings."""
    return [
        (row.locator("th time").inner_text(), row.locator(".badge").inner_text())
        for row in page.locator(".bookings-table tbody tr").all()
    ]


def field(page, language: str, label):
    """A form field by its label, which may say "(required)" after it ("Datum (Pflichtfeld)")."""
    name = re.escape(in_language(language, label))
    return page.get_by_label(re.compile(rf"^\s*{name}:?(\s*\([^)]*\))?\s*$"))


def assert_arabic_rtl(page) -> None:
    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl")


def test_a_member_asks_for_the_room_every_tuesday_and_sees_the_request_pending(page, audit, world):
    room = world["room"]
    log_in(page, audit, MEMBER)
    page.get_by_role("navigation", name=in_language("de", "Main navigation")).get_by_role(
        "link", name=in_language("de", "Rooms")
    ).click()
    page.wait_for_url("**/de/rooms/")
    audit()
    # Sorted by agency: Integrationsagentur Süd before Kompetenzzentrum Migration Nord.
    assert page.locator(".rooms-table tbody th").all_inner_texts() == [
        "Co-Working-Platz 3",
        "Seminarraum Hafen",
    ]

    page.get_by_role("link", name="Seminarraum Hafen").click()
    page.wait_for_url(f"**{path_in('de', room)}")
    audit()
    assert page.get_by_role("heading", level=1).inner_text() == "Seminarraum Hafen"
    assert page.locator("ul.room-equipment li").all_inner_texts() == ["Beamer", "Flipchart"]
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    calendar = page.locator("table.room-calendar tbody tr")
    assert [row.locator("th time").get_attribute("datetime") for row in calendar.all()] == [
        (monday + datetime.timedelta(days=i)).isoformat() for i in range(7)
    ]
    # Nothing is booked yet: every day of the week is free.
    assert calendar.locator("td").all_inner_texts() == [in_language("de", "free")] * 7

    page.get_by_role("link", name=in_language("de", "Ask for a booking")).click()
    page.wait_for_url(f"**{path_in('de', room)}request/")
    audit()
    dates = tuesdays()
    field(page, "de", "Date").fill(dates[0].isoformat())
    field(page, "de", "From").fill("18:00")
    field(page, "de", "Until").fill("20:00")
    field(page, "de", Repeat.WEEKLY.label).check()
    field(page, "de", "Number of weeks").fill(str(WEEKS))
    field(page, "de", "Purpose").fill("Elterncafé")
    field(page, "de", "Number of people").fill("10")
    field(page, "de", "Organization").select_option(label="Elternverein Brücke")
    page.get_by_role("button", name=in_language("de", "Send request")).click()
    page.wait_for_url("**/de/rooms/bookings/")
    audit()

    assert page.get_by_role("status").inner_text() == counted(
        "de",
        "Your request has been sent. The agency will confirm it.",
        "Your request for %(count)d dates has been sent. The agency will confirm it.",
        WEEKS,
    )
    pending = in_language("de", BookingStatus.REQUESTED.label)
    assert my_bookings(page) == [(when_in_german(day), pending) for day in dates]
    bookings = list(Booking.objects.order_by("starts_at"))
    assert [(b.starts_at, b.ends_at) for b in bookings] == [(at(d, 18), at(d, 20)) for d in dates]
    assert {
        (b.room, b.organization, b.requested_by, b.title, b.attendees, b.status) for b in bookings
    } == {
        (
            room,
            world["organization"],
            world["member"],
            "Elterncafé",
            10,
            BookingStatus.REQUESTED,
        )
    }
    assert bookings[0].series is not None
    assert {b.series for b in bookings} == {bookings[0].series}


def test_agency_staff_approve_the_whole_series_and_the_member_sees_it_approved(
    page, audit, world, requested_series
):
    dates = tuesdays()
    log_in(page, audit, STAFF)
    page.get_by_role("navigation", name=in_language("de", "Main navigation")).get_by_role(
        "link", name=in_language("de", "Rooms")
    ).click()
    page.wait_for_url("**/de/rooms/")
    audit()
    page.get_by_role(
        "link",
        name=in_language("de", "Manage rooms of %(name)s")
        % {"name": "Kompetenzzentrum Migration Nord"},
    ).click()
    page.wait_for_url("**/de/rooms/manage/nord/")
    audit()

    waiting = page.locator("ul.booking-queue > li")
    assert waiting.locator("h3").all_inner_texts() == [
        f"{when_in_german(day)} · Seminarraum Hafen" for day in dates
    ]
    first = waiting.first
    first.get_by_label(in_language("de", "all open dates of the series"), exact=True).check()
    first.get_by_role("button", name=in_language("de", "Approve"), exact=True).click()
    page.wait_for_url("**/de/rooms/manage/nord/")
    audit()

    assert page.get_by_role("status").inner_text() == counted(
        "de", "%(count)d date approved.", "%(count)d dates approved.", WEEKS
    )
    assert waiting.count() == 0
    assert in_language("de", "No requests are waiting.") in page.locator("main").inner_text()
    approved = page.locator("table.approved-bookings tbody tr")
    assert approved.locator("th").all_inner_texts() == [when_in_german(day) for day in dates]
    assert (
        approved.locator("td:nth-child(3)").all_inner_texts()
        == ["Elterncafé · Elternverein Brücke"] * WEEKS
    )
    assert list(
        Booking.objects.order_by("starts_at").values_list("starts_at", "status", "decided_by")
    ) == [(at(day, 18), BookingStatus.APPROVED, world["staff"].pk) for day in dates]

    # The member signs in on the same browser, after the advisor has logged out.
    page.get_by_role("button", name=in_language("de", "Log out")).click()
    page.wait_for_url("**/de/")
    audit()
    log_in(page, audit, MEMBER)
    # From their own page, as they would: the link to their bookings, then the page in Arabic.
    page.get_by_role("link", name=in_language("de", "My room bookings")).click()
    page.wait_for_url("**/de/rooms/bookings/")
    audit()
    page.get_by_role("link", name="العربية").click()
    page.wait_for_url("**/ar/rooms/bookings/")
    audit()
    assert_arabic_rtl(page)
    assert page.get_by_role("heading", level=1).inner_text() == in_language(
        "ar", "My room bookings"
    )
    rows = page.locator(".bookings-table tbody tr")
    assert [row.locator("th time").get_attribute("datetime") for row in rows.all()] == [
        at(day, 18).isoformat() for day in dates
    ]
    assert (
        rows.locator(".badge").all_inner_texts()
        == [in_language("ar", BookingStatus.APPROVED.label)] * WEEKS
    )

    # The room's calendar now shows the first Tuesday as booked, without saying by whom.
    year, week, _ = dates[0].isocalendar()
    page.goto(f"{path_in('de', world['room'])}?week={year}-W{week:02d}")
    audit()
    days = page.locator("table.room-calendar tbody td").all_inner_texts()
    free, booked = in_language("de", "free"), f"18:00–20:00 {in_language('de', 'booked')}"
    assert days == [booked if day == 1 else free for day in range(7)]


def test_a_member_cannot_ask_for_a_taken_time_or_one_that_ends_before_it_starts(
    page, audit, world, requested_series
):
    services.decide(requested_series, approve=True, by=world["staff"])
    room, first = world["room"], tuesdays()[0]
    log_in(page, audit, MEMBER)

    def ask(language: str, start: str, end: str) -> None:
        field(page, language, "Date").fill(first.isoformat())
        field(page, language, "From").fill(start)
        field(page, language, "Until").fill(end)
        field(page, language, "Purpose").fill("Vorstandssitzung")
        field(page, language, "Number of people").fill("5")
        field(page, language, "Organization").select_option(label="Elternverein Brücke")
        # A refused request answers with the form again, at the same address.
        with page.expect_navigation():
            page.get_by_role("button", name=in_language(language, "Send request")).click()

    page.goto(f"{path_in('ar', room)}request/")
    audit()
    assert_arabic_rtl(page)
    ask("ar", "19:00", "21:00")
    audit()
    assert_arabic_rtl(page)
    with translation.override("ar"):
        clash = date_format(first, "SHORT_DATE_FORMAT")
    assert page.get_by_role("alert").locator("li").inner_text() == in_language(
        "ar", "The room is already booked on %(date)s (%(start)s – %(end)s)."
    ) % {"date": clash, "start": "18:00", "end": "20:00"}
    # The person's input stays, so they can move the time instead of starting over.
    assert field(page, "ar", "Purpose").input_value() == "Vorstandssitzung"
    assert Booking.objects.count() == WEEKS

    page.goto(f"{path_in('de', room)}request/")
    audit()
    ask("de", "20:00", "18:00")
    audit()
    until = page.locator(".field", has=page.locator("#id_end"))
    assert until.locator(".errorlist").inner_text() == in_language(
        "de", "The end must be after the start."
    )
    assert Booking.objects.count() == WEEKS
    assert set(Booking.objects.values_list("status", flat=True)) == {BookingStatus.APPROVED}


def test_a_member_whose_series_meets_a_closure_asks_for_the_other_dates(page, audit, world):
    dates = tuesdays()
    Closure.objects.create(
        agency=world["room"].agency, starts_on=dates[1], ends_on=dates[1], reason="Sommerfest"
    )
    log_in(page, audit, MEMBER)
    page.goto(f"{path_in('ar', world['room'])}request/")
    audit()
    # A member of one organization finds it chosen already.
    assert field(page, "ar", "Organization").input_value() == str(world["organization"].pk)
    field(page, "ar", "Date").fill(dates[0].isoformat())
    field(page, "ar", "From").fill("18:00")
    field(page, "ar", "Until").fill("20:00")
    field(page, "ar", Repeat.WEEKLY.label).check()
    field(page, "ar", "Number of weeks").fill(str(WEEKS))
    field(page, "ar", "Purpose").fill("Elterncafé")
    field(page, "ar", "Number of people").fill("10")
    with page.expect_navigation():
        page.get_by_role("button", name=in_language("ar", "Send request")).click()
    audit()
    assert_arabic_rtl(page)
    conflict = page.locator("#series-conflict")
    assert conflict.locator("time").get_attribute("datetime") == dates[1].isoformat()
    assert "Sommerfest" in conflict.locator("li").inner_text()
    assert Booking.objects.count() == 0

    with translation.override("ar"):
        button = translation.ngettext(
            "Ask for the other date", "Ask for the other %(counter)s dates", WEEKS - 1
        ) % {"counter": WEEKS - 1}
    conflict.get_by_role("button", name=button).click()
    page.wait_for_url("**/ar/rooms/bookings/")
    audit()
    assert list(Booking.objects.order_by("starts_at").values_list("starts_at", flat=True)) == [
        at(day, 18) for day in dates if day != dates[1]
    ]
