"""iCalendar files and feeds: one event's .ics, the filtered feed and each agency's feed.

Every answer is parsed back with the icalendar library, as a calendar app would read it.
"""

import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from gemeinsam.events.models import Event
from tests import factories

pytestmark = pytest.mark.django_db

BERLIN = timezone.get_default_timezone()
NEXT_YEAR = timezone.now().year + 1


def at(event: Event, starts_at: datetime.datetime, hours: int = 2) -> Event:
    Event.objects.filter(pk=event.pk).update(
        starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=hours)
    )
    event.refresh_from_db()
    return event


def parse(response) -> Calendar:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def summaries(calendar: Calendar) -> list[str]:
    return [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]


# One event ------------------------------------------------------------------------------------


def test_one_events_ics_is_a_download_with_its_slug_as_file_name(world, client):
    event = factories.make_event(world.agency_x, "Runder Tisch", slug="runder-tisch-mai")

    response = client.get("/de/events/runder-tisch-mai/event.ics")

    assert response["Content-Disposition"] == 'attachment; filename="runder-tisch-mai.ics"'
    (vevent,) = parse(response).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Runder Tisch"
    assert str(vevent["UID"]) == f"event-{event.pk}@gemeinsam"
    assert str(vevent["URL"]).endswith("/de/events/runder-tisch-mai/")
    assert str(vevent["STATUS"]) == "CONFIRMED"


def test_times_are_written_in_berlin_time_with_summer_and_winter_offsets(world, client):
    summer = at(
        factories.make_event(world.agency_x, "Sommerfest"),
        datetime.datetime(NEXT_YEAR, 7, 15, 18, 0, tzinfo=BERLIN),
    )
    winter = at(
        factories.make_event(world.agency_x, "Adventstreffen"),
        datetime.datetime(NEXT_YEAR, 12, 10, 18, 0, tzinfo=BERLIN),
    )

    for event, offset in [(summer, "+0200"), (winter, "+0100")]:
        response = client.get(f"/de/events/{event.slug}/event.ics")
        calendar = parse(response)
        (timezone_component,) = calendar.walk("VTIMEZONE")
        assert str(timezone_component["TZID"]) == "Europe/Berlin"
        offsets_to = {
            (sub.name, sub.decoded("TZOFFSETTO")) for sub in timezone_component.subcomponents
        }
        assert offsets_to == {
            ("STANDARD", datetime.timedelta(hours=1)),
            ("DAYLIGHT", datetime.timedelta(hours=2)),
        }
        (vevent,) = calendar.walk("VEVENT")
        assert vevent["DTSTART"].params["TZID"] == "Europe/Berlin"
        start = vevent.decoded("DTSTART")
        # The hour on the wall in Berlin is 18:00 both times; only the offset to UTC changes.
        assert (start.hour, start.minute) == (18, 0)
        assert start.strftime("%z") == offset
        assert start == event.starts_at
        month = event.starts_at.astimezone(BERLIN).month
        assert f"DTSTART;TZID=Europe/Berlin:{NEXT_YEAR}{month:02d}" in response.content.decode()


def test_one_events_ics_never_carries_the_video_link(world, client):
    event = factories.make_event(
        world.agency_x,
        "Webinar",
        format="online",
        city="",
        online_url="https://video.example.org/geheimer-raum",
    )

    response = client.get(f"/de/events/{event.slug}/event.ics")

    (vevent,) = parse(response).walk("VEVENT")
    assert str(vevent["LOCATION"]) == "Online"
    assert b"geheimer-raum" not in response.content


def test_a_drafts_ics_is_not_there_for_visitors(world, client_for):
    draft = factories.make_event(world.agency_x, "Entwurf", status="draft")
    url = f"/de/events/{draft.slug}/event.ics"

    assert client_for(None).get(url).status_code == 404
    assert client_for(world.advisor_y).get(url).status_code == 404
    assert summaries(parse(client_for(world.advisor_x).get(url))) == ["Entwurf"]


# The feeds ------------------------------------------------------------------------------------


@pytest.fixture
def season(world):
    """Events around today: upcoming, lately over, long over, a draft and a cancellation."""
    factories.make_event(world.agency_x, "Bald", starts_in=datetime.timedelta(days=5))
    factories.make_event(
        world.agency_y, "Schulung Süd", kind="training", starts_in=datetime.timedelta(days=9)
    )
    factories.make_event(world.agency_x, "Neulich", starts_in=datetime.timedelta(days=-10))
    factories.make_event(world.agency_x, "Lange her", starts_in=datetime.timedelta(days=-45))
    factories.make_event(world.agency_x, "Entwurf", status="draft")
    factories.make_event(
        world.agency_x, "Abgesagt", status="cancelled", starts_in=datetime.timedelta(days=20)
    )
    factories.make_event(
        world.agency_x,
        "Online-Treff",
        format="online",
        online_url="https://video.example.org/geheim",
        starts_in=datetime.timedelta(days=30),
    )
    return world


def test_the_feed_holds_upcoming_events_and_those_of_the_last_thirty_days(season, client):
    response = client.get("/de/events/feed.ics")

    assert response["Content-Disposition"] == 'inline; filename="events.ics"'
    calendar = parse(response)
    assert summaries(calendar) == ["Neulich", "Bald", "Schulung Süd", "Abgesagt", "Online-Treff"]
    assert str(calendar["X-WR-CALNAME"]) == "Veranstaltungen – gemeinsam"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]


def test_the_feed_marks_cancelled_events_and_hides_video_links(season, client):
    response = client.get("/de/events/feed.ics")

    statuses = {str(e["SUMMARY"]): str(e["STATUS"]) for e in parse(response).walk("VEVENT")}
    assert statuses["Abgesagt"] == "CANCELLED"
    assert statuses["Bald"] == "CONFIRMED"
    assert b"video.example.org" not in response.content


def test_the_feed_never_holds_drafts_even_for_the_agencys_staff(season, client_for):
    calendar = parse(client_for(season.advisor_x).get("/de/events/feed.ics"))

    assert "Entwurf" not in summaries(calendar)


def test_the_feed_applies_the_same_filters_as_the_list(season, client):
    trainings = parse(client.get("/de/events/feed.ics?kind=training"))
    agency_y = parse(client.get("/de/events/feed.ics?agency=agency-y"))
    online = parse(client.get("/de/events/feed.ics?format=online&q=treff"))

    assert summaries(trainings) == ["Schulung Süd"]
    assert summaries(agency_y) == ["Schulung Süd"]
    assert summaries(online) == ["Online-Treff"]


def test_a_date_range_in_the_feed_reaches_further_back_than_thirty_days(season, client):
    since = (timezone.localdate() - datetime.timedelta(days=50)).isoformat()
    until = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()

    calendar = parse(client.get(f"/de/events/feed.ics?date_from={since}&date_to={until}"))

    assert summaries(calendar) == ["Lange her", "Neulich"]


def test_an_empty_feed_is_still_a_valid_calendar(world, client):
    calendar = parse(client.get("/de/events/feed.ics?kind=panel"))

    assert summaries(calendar) == []
    assert str(calendar["VERSION"]) == "2.0"


def test_an_agencys_feed_holds_only_that_agencys_events(season, client):
    response = client.get("/en/events/agency/agency-x/feed.ics")

    assert response["Content-Disposition"] == 'inline; filename="agency-x.ics"'
    calendar = parse(response)
    assert summaries(calendar) == ["Neulich", "Bald", "Abgesagt", "Online-Treff"]
    assert str(calendar["X-WR-CALNAME"]) == "Events: Kompetenzzentrum Migration Nord"


def test_an_unknown_or_inactive_agency_has_no_feed(world, client):
    world.agency_y.is_active = False
    world.agency_y.save()

    assert client.get("/de/events/agency/no-such-agency/feed.ics").status_code == 404
    assert client.get("/de/events/agency/agency-y/feed.ics").status_code == 404
    assert client.get("/de/events/agency/agency-x/feed.ics").status_code == 200
