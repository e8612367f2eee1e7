"""The rooms' main pages on a phone and a desktop, in German and in Arabic: none scrolls sideways
at 320, 360 or 1366 px, and axe-core finds no serious or critical problem; the offer to book the
other dates of a series fits a phone too."""

import datetime

import pytest
from django.utils import timezone

from gemeinsam.rooms.enums import BookingStatus
from gemeinsam.rooms.models import Booking, Closure
from tests import factories
from tests.browser.journeys import fits, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LANGUAGES = ["de", "ar"]


def at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def rooms(world):
    room = factories.make_room(
        world.agency_x,
        "Seminarraum Hafen mit barrierefreiem Zugang",
        slug="hafen",
        capacity=24,
        equipment="Beamer\nFlipchart\nModerationskoffer\nInduktionsschleife",
        accessibility="Stufenloser Zugang über den Hof, Aufzug bis ins zweite Obergeschoss.",
        location="Hafenstraße 12, 20359 Hamburg",
    )
    factories.make_room(world.agency_y, "Co-Working-Platz 3", kind="desk", capacity=1)
    day = timezone.localdate() + datetime.timedelta(days=3)
    Booking.objects.create(
        room=room,
        title="Elterncafé der Elterninitiative Brücke",
        organization=world.org_a,
        requested_by=world.member_a,
        starts_at=at(day, 18),
        ends_at=at(day, 20),
        series=Booking.new_series(),
        attendees=10,
        note="Bitte Tische in U-Form stellen.",
    )
    Booking.objects.create(
        room=room,
        title="Sprachkurs",
        starts_at=at(day + datetime.timedelta(days=1), 9),
        ends_at=at(day + datetime.timedelta(days=1), 12),
        status=BookingStatus.APPROVED,
    )
    Closure.objects.create(
        agency=world.agency_x,
        starts_on=day + datetime.timedelta(days=2),
        ends_on=day + datetime.timedelta(days=2),
        reason="Betriebsausflug",
    )
    return room


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_room_list_and_a_room_fit_every_screen(language, page, audit, rooms):
    problems = []
    for address in (
        f"/{language}/rooms/",
        f"/{language}/rooms/?kind=room&capacity=10&agency=agency-x",
        f"/{language}/rooms/?capacity=500",
        f"/{language}/rooms/agency-x/hafen/",
    ):
        problems += fits(page, audit, address)
    assert problems == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_members_request_and_bookings_fit_every_screen(
    language, page, audit, live_server, world, rooms
):
    sign_in(page, live_server.url, world.member_a)
    problems = fits(page, audit, f"/{language}/rooms/bookings/")
    problems += fits(page, audit, f"/{language}/rooms/agency-x/hafen/request/")
    # A weekly series over the closed day: the offer to book the other dates.
    closed = Closure.objects.get().starts_on
    page.locator("#id_date").fill(closed.isoformat())
    page.locator("#id_start").fill("18:00")
    page.locator("#id_end").fill("20:00")
    page.locator("#id_repeat_1").check()
    page.locator("#id_weeks").fill("3")
    page.locator("#id_title").fill("Hausaufgabenhilfe")
    page.locator("#id_attendees").fill("8")
    with page.expect_navigation():
        page.locator("main form.narrow button[type=submit]").click()
    problems += fits(page, audit)
    assert problems == []
    assert page.locator("#series-conflict time").get_attribute("datetime") == closed.isoformat()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_agencys_room_management_fits_every_screen(
    language, page, audit, live_server, world, rooms
):
    sign_in(page, live_server.url, world.advisor_x)
    problems = []
    for address in (
        f"/{language}/rooms/manage/agency-x/",
        f"/{language}/rooms/manage/agency-x/closures/",
        f"/{language}/rooms/manage/agency-x/closures/new/",
        f"/{language}/rooms/manage/agency-x/rooms/new/",
        f"/{language}/rooms/manage/agency-x/rooms/hafen/",
        f"/{language}/rooms/manage/agency-x/reserve/",
    ):
        problems += fits(page, audit, address)
    assert problems == []
