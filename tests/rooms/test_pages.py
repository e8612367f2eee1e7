"""The rooms' pages are built from the design system's components: the list's filters are the
shared filter panel with removable chips, lists are tables that stack on a phone with statuses
as badges, empty states say what to do, and every form sums its errors up at the top."""

import datetime
import re
from pathlib import Path

import pytest
from django.utils import timezone

import gemeinsam.rooms
from gemeinsam.rooms.enums import BookingStatus
from gemeinsam.rooms.models import Booking
from tests import factories
from tests.html_support import attribute, find, find_all, text

pytestmark = pytest.mark.django_db

HAND_WRITTEN = re.compile(r'<table|<nav|class="pagination|<label')


@pytest.fixture
def room(world):
    return factories.make_room(world.agency_x, "Seminarraum Nord", slug="seminarraum", capacity=12)


def test_no_template_of_the_rooms_writes_navigation_fields_tables_or_pages_by_hand():
    folder = Path(gemeinsam.rooms.__file__).parent / "templates"
    by_hand = sorted(
        str(path.relative_to(folder))
        for path in folder.rglob("*.html")
        if HAND_WRITTEN.search(path.read_text(encoding="utf-8"))
    )
    assert by_hand == []


def test_the_room_list_filters_with_the_shared_panel_and_removable_chips(client, world, room):
    factories.make_room(world.agency_y, "Desk 3", kind="desk", capacity=1)
    html = client.get("/en/rooms/", {"kind": "room", "capacity": "10"}).content.decode()

    panel = find(html, "section", class_="filter-panel")
    assert text(find(panel, "summary")) == "Filter rooms 2"
    chips = [(attribute(a, "href"), text(a)) for a in find_all(panel, "a", class_="chip")]
    assert chips == [
        ("?capacity=10", "Remove filter: Kind: event room ×"),
        ("?kind=room", "Remove filter: At least this many people: 10 ×"),
    ]
    rows = find_all(find(find(html, "table", class_="rooms-table"), "tbody"), "tr")
    assert [text(find(row, "th")) for row in rows] == ["Seminarraum Nord"]
    assert "table-stack" in attribute(find(html, "table", class_="rooms-table"), "class")


def test_a_nonsense_filter_is_neither_chosen_nor_an_error(client, world, room):
    html = client.get("/en/rooms/", {"kind": "castle"}).content.decode()
    panel = find(html, "section", class_="filter-panel")
    assert find_all(panel, "a", class_="chip") == []
    assert find_all(panel, "div", class_="field-error") == []


def test_no_matching_room_offers_all_rooms_only_when_filtered(client, world, room):
    html = client.get("/en/rooms/", {"capacity": "500"}).content.decode()
    empty = find(html, "div", class_="empty-state")
    assert [text(a) for a in find_all(empty, "a")] == ["Show all rooms", "Ask an agency for help"]

    room.delete()
    html = client.get("/en/rooms/").content.decode()
    empty = find(html, "div", class_="empty-state")
    assert [text(a) for a in find_all(empty, "a")] == ["Ask an agency for help"]


def test_the_week_navigation_marks_this_week_and_names_its_neighbours(client, world, room):
    html = client.get("/en/rooms/agency-x/seminarraum/").content.decode()
    weeks = find(html, "nav", aria_label="Weeks")
    links = [
        (attribute(a, "rel"), attribute(a, "aria-current"), text(a)) for a in find_all(weeks, "a")
    ]
    assert links == [
        ("prev", None, "Previous week"),
        (None, "page", "This week"),
        ("next", None, "Next week"),
    ]
    html = client.get("/en/rooms/agency-x/seminarraum/?week=2026-W48").content.decode()
    weeks = find(html, "nav", aria_label="Weeks")
    assert [attribute(a, "aria-current") for a in find_all(weeks, "a")] == [None, None, None]


def test_my_bookings_show_their_status_as_badges_or_an_empty_state(client_for, world, room):
    client = client_for(world.member_a)
    html = client.get("/en/rooms/bookings/").content.decode()
    empty = find(html, "div", class_="empty-state")
    assert text(find(empty, "p", class_="empty-state-title")) == "You have no upcoming bookings."

    factories.make_booking(room, by=world.member_a, organization=world.org_a, title="Elternabend")
    html = client.get("/en/rooms/bookings/").content.decode()
    table = find(html, "table", class_="bookings-table")
    assert "table-stack" in attribute(table, "class")
    assert [text(b) for b in find_all(table, "span", class_="badge-info")] == ["requested"]


def test_the_queue_draws_each_decision_with_its_own_labelled_fields(client_for, world, room):
    day = timezone.localdate() + datetime.timedelta(days=10)
    for week in range(2):
        Booking.objects.create(
            room=room,
            title="Elterncafé",
            requested_by=world.member_a,
            starts_at=timezone.make_aware(
                datetime.datetime.combine(day + datetime.timedelta(weeks=week), datetime.time(18))
            ),
            ends_at=timezone.make_aware(
                datetime.datetime.combine(day + datetime.timedelta(weeks=week), datetime.time(20))
            ),
            series=Booking.new_series() if week == 0 else None,
            status=BookingStatus.REQUESTED,
        )
    html = client_for(world.advisor_x).get("/en/rooms/manage/agency-x/").content.decode()

    management = find(html, "nav", aria_label="Room management")
    assert [attribute(a, "aria-current") for a in find_all(management, "a")] == [
        "page",
        None,
        None,
        None,
    ]
    forms = find_all(html, "form", class_="decision-form")
    series, single = forms
    assert [text(legend) for legend in find_all(series, "legend")] == ["Which dates"]
    assert find_all(single, "legend") == []
    reasons = [find(form, "input", name="reason") for form in forms]
    ids = [attribute(reason, "id") for reason in reasons]
    assert len(set(ids)) == 2
    for form, reason_id in zip(forms, ids, strict=True):
        assert text(find(form, "label", for_=reason_id)) == "Reason (needed to decline)"


def test_a_closure_ending_before_it_starts_is_summed_up_above_the_form(client_for, world, room):
    response = client_for(world.advisor_x).post(
        "/en/rooms/manage/agency-x/closures/new/",
        {"room": "", "starts_on": "2030-05-02", "ends_on": "2030-05-01", "reason": "Umzug"},
    )
    summary = find(response.content.decode(), "div", class_="error-summary")
    assert [attribute(a, "href") for a in find_all(summary, "a")] == ["#id_ends_on"]
