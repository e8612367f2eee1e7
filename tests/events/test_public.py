"""The public side of events: the list and its filters, the month calendar, the training
catalogue, one event's page with its schema.org data, and the agency page's upcoming events."""

import datetime
import html
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gemeinsam.events.models import Event, Profession, Topic
from gemeinsam.organizations.models import FieldOfActivity, TargetGroup, WorkingLanguage
from tests import factories
from tests.html_support import attribute, find, find_all, parse, text

pytestmark = pytest.mark.django_db

BERLIN = timezone.get_default_timezone()


def berlin(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=BERLIN)


def move(event: Event, starts_at: datetime.datetime, hours: int = 2) -> Event:
    Event.objects.filter(pk=event.pk).update(
        starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=hours)
    )
    event.refresh_from_db()
    return event


def titles(response) -> list[str]:
    """The event titles of a list page, in order."""
    text = response.content.decode()
    # Titles not translated into the page's language are German, marked so.
    german = r'(?:<span lang="de" dir="ltr">)?([^<]+)(?:</span>)?'
    return re.findall(rf'<h3><a href="[^"]+"><bdi>{german}</bdi></a></h3>', text)


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def main_of(response):
    """The page's main element, parsed."""
    content = response.content.decode()
    return parse(content[content.index("<main") : content.index("</main>") + len("</main>")])


def json_ld(response) -> dict:
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    assert match, "the page has no JSON-LD"
    return json.loads(match.group(1))


# The list ------------------------------------------------------------------------------------


def test_the_list_shows_upcoming_events_of_every_agency_but_no_drafts_and_nothing_past(
    world, client
):
    factories.make_event(world.agency_x, "Runder Tisch Nord")
    factories.make_event(
        world.agency_y, "Workshop Süd", kind="workshop", starts_in=datetime.timedelta(days=3)
    )
    factories.make_event(world.agency_x, "Entwurf Nord", status="draft")
    factories.make_event(world.agency_x, "Vorbei", starts_in=datetime.timedelta(days=-3))

    response = client.get("/en/events/")

    assert titles(response) == ["Workshop Süd", "Runder Tisch Nord"]
    assert '<h2 id="results-heading">2 events found</h2>' in text_of(response)


def test_a_row_shows_berlin_time_kind_format_place_agency_and_places_left(world, client):
    event = factories.make_event(world.agency_x, "Infoabend", capacity=12, kind="information")
    next_july = timezone.now().year + 1
    move(event, berlin(next_july, 7, 15, 18, 0))
    Event.objects.filter(pk=event.pk).update(seats_taken=5)

    text = text_of(client.get("/en/events/"))

    # 18:00 in Berlin is 16:00 UTC in summer: the page shows the Berlin hour.
    assert f'datetime="{next_july}-07-15T18:00:00+02:00"' in text
    assert "6 p.m." in text
    assert "information event · in person · Münster · " in text
    assert "<bdi>Kompetenzzentrum Migration Nord</bdi>" in text
    assert "7 places left" in text


def test_an_online_event_shows_online_instead_of_a_city_and_never_its_video_link(world, client):
    factories.make_event(
        world.agency_x,
        "Webinar Förderung",
        format="online",
        city="",
        online_url="https://video.example.org/secret-room",
    )

    text = text_of(client.get("/en/events/"))

    assert "round table · online · <bdi>Kompetenzzentrum Migration Nord</bdi>" in text
    assert "secret-room" not in text


def test_a_full_event_says_fully_booked_and_whether_a_waiting_list_is_open(world, client):
    full_with_list = factories.make_event(world.agency_x, "Voll mit Warteliste", capacity=2)
    full_without = factories.make_event(
        world.agency_x, "Voll ohne Warteliste", capacity=2, waitlist_enabled=False
    )
    Event.objects.filter(pk__in=[full_with_list.pk, full_without.pk]).update(seats_taken=2)

    rows = text_of(client.get("/en/events/")).split('<li class="result event-row">')[1:]

    assert "Fully booked – waiting list open" in rows[0]
    assert "Fully booked</span>" in rows[1]
    assert "waiting list" not in rows[1]


@pytest.fixture
def catalogue(world):
    """Four events that differ in every filter the list offers."""
    educators = Profession.objects.get(code="educators")
    youth_work = FieldOfActivity.objects.get(code="youth_work")
    arabic = WorkingLanguage.objects.get(code="ar")
    families = TargetGroup.objects.get(code="families")
    funding = Topic.objects.get(code="funding")
    training = factories.make_event(
        world.agency_x, "Fortbildung Kita", kind="training", city="Köln", capacity=None
    )
    training.professions.add(educators)
    training.fields.add(youth_work)
    online = factories.make_event(
        world.agency_y,
        "Online-Sprechstunde Förderung",
        kind="information",
        format="online",
        city="",
        federal_state="BE",
        starts_in=datetime.timedelta(days=40),
    )
    online.topics.add(funding)
    online.languages.add(arabic)
    full = factories.make_event(world.agency_x, "Familienfest", kind="evening", capacity=5)
    full.target_groups.add(families)
    Event.objects.filter(pk=full.pk).update(seats_taken=5)
    factories.make_event(
        world.agency_y,
        "Runder Tisch Süd",
        city="Stuttgart",
        federal_state="BW",
        starts_in=datetime.timedelta(days=60),
        registration_required=False,
    )
    return world


in_20_days = (timezone.localdate() + datetime.timedelta(days=20)).isoformat()
in_45_days = (timezone.localdate() + datetime.timedelta(days=45)).isoformat()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=training", ["Fortbildung Kita"]),
        ("kind=training&kind=evening", ["Fortbildung Kita", "Familienfest"]),
        ("format=online", ["Online-Sprechstunde Förderung"]),
        ("topic=funding", ["Online-Sprechstunde Förderung"]),
        ("field=youth_work", ["Fortbildung Kita"]),
        ("target_group=families", ["Familienfest"]),
        ("profession=educators", ["Fortbildung Kita"]),
        ("language=ar", ["Online-Sprechstunde Förderung"]),
        ("state=BW", ["Runder Tisch Süd"]),
        ("agency=agency-y", ["Online-Sprechstunde Förderung", "Runder Tisch Süd"]),
        (f"date_from={in_20_days}&date_to={in_45_days}", ["Online-Sprechstunde Förderung"]),
        ("places_left=1", ["Fortbildung Kita", "Online-Sprechstunde Förderung"]),
        ("q=köln", ["Fortbildung Kita"]),
        ("q=Runder+Süd", ["Runder Tisch Süd"]),
        ("kind=training&state=BW", []),
    ],
)
def test_each_filter_narrows_the_list(catalogue, client, query, expected):
    response = client.get(f"/de/events/?{query}")

    assert sorted(titles(response)) == sorted(expected)


def test_filters_that_make_no_sense_are_ignored_instead_of_failing(catalogue, client):
    response = client.get("/de/events/?kind=nonsense&date_from=2026-02-31&page=-4&state=")

    assert len(titles(response)) == 4


def test_the_filter_form_works_without_javascript_and_keeps_what_was_chosen(catalogue, client):
    text = text_of(client.get("/en/events/?kind=training&language=ar&places_left=1&q=Kita"))

    assert '<form method="get" action="" class="filter-form-panel">' in text
    # Every checkbox has its own label, and the chosen ones stay ticked.
    assert re.search(r'name="kind" value="training" id="id_kind_1" checked>', text)
    assert re.search(r'<label for="id_kind_1"><input [^>]+>\s*training</label>', text)
    assert re.search(r'name="language" value="ar" id="id_language_\d+" checked>', text)
    assert 'name="places_left" id="id_places_left" checked>' in text
    assert 'name="q" value="Kita"' in text
    # What is chosen shows as a chip that removes it.
    assert '<a class="chip" href="?language=ar&places_left=1&q=Kita">' in text
    assert "Clear all filters" in text


def test_the_feed_links_carry_the_current_filters_and_offer_webcal(catalogue, client):
    text = text_of(client.get("/en/events/?kind=training&state=NW"))

    assert 'href="webcal://testserver/en/events/feed.ics?kind=training&state=NW"' in text
    assert 'href="http://testserver/en/events/feed.ics?kind=training&state=NW"' in text
    assert "Subscribe to this calendar" in text


def test_the_list_is_paginated_and_clamps_page_numbers(world, client):
    for day in range(1, 23):
        factories.make_event(
            world.agency_x, f"Termin {day:02d}", starts_in=datetime.timedelta(days=day)
        )

    first = client.get("/en/events/?kind=round_table")
    second = client.get("/en/events/?kind=round_table&page=2")
    beyond = client.get("/en/events/?kind=round_table&page=999")
    garbage = client.get("/en/events/?kind=round_table&page=zwei")

    assert titles(first)[0] == "Termin 01"
    assert len(titles(first)) == 20
    assert titles(second) == ["Termin 21", "Termin 22"]
    assert titles(beyond) == ["Termin 21", "Termin 22"]
    assert titles(garbage) == titles(first)
    assert "Page 1 of 2" in text_of(first)
    assert 'href="?kind=round_table&page=2" rel="next"' in text_of(first)


def test_staff_see_their_agencys_drafts_in_the_list_but_not_other_agencies_drafts(
    world, client_for
):
    factories.make_event(world.agency_x, "Entwurf X", status="draft")
    factories.make_event(world.agency_y, "Entwurf Y", status="draft")

    assert titles(client_for(world.advisor_x).get("/de/events/")) == ["Entwurf X"]
    assert titles(client_for(world.member_a).get("/de/events/")) == []


def test_the_main_navigation_links_to_the_events(world, client):
    text = text_of(client.get("/en/"))

    assert '<a href="/en/events/">Events</a>' in text


def test_the_list_in_arabic_is_right_to_left(catalogue, client):
    text = text_of(client.get("/ar/events/"))

    assert '<html lang="ar" dir="rtl">' in text
    assert '<bdi><span lang="de" dir="ltr">Fortbildung Kita</span></bdi>' in text


# Query counts ---------------------------------------------------------------------------------


def _grow(world, count):
    educators = Profession.objects.get(code="educators")
    for i in range(count):
        event = factories.make_event(
            world.agency_x if i % 2 else world.agency_y,
            f"Fortbildung {i}",
            kind="training",
            project=world.project_x,
        )
        event.professions.add(educators)
        event.fields.add(*FieldOfActivity.objects.all()[:2])
        event.languages.add(*WorkingLanguage.objects.all()[:2])
        event.topics.add(Topic.objects.first())


def _count_queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return len(ctx.captured_queries), text_of(response)


@pytest.mark.parametrize(
    "url",
    [
        "/de/events/",
        "/de/events/trainings/",
        "/de/events/calendar/?month={month}",
        "/de/events/feed.ics",
        "/de/agencies/agency-x/",
    ],
)
@pytest.mark.parametrize("viewer", ["anonymous", "advisor_x"])
def test_the_page_runs_as_many_queries_for_three_events_as_for_one(world, client_for, url, viewer):
    client = client_for(None if viewer == "anonymous" else getattr(world, viewer))
    # The events start in two weeks: the calendar shows that month.
    url = url.format(month=f"{timezone.localdate() + datetime.timedelta(days=14):%Y-%m}")
    _grow(world, 2)
    one, _ = _count_queries(client, url)
    _grow(world, 4)
    three, shown = _count_queries(client, url)

    assert "Fortbildung 3" in shown
    assert one == three


def test_the_event_page_runs_as_many_queries_for_three_speakers_and_downloads_as_for_one(
    world, client_for, settings, tmp_path
):
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = tmp_path
    client = client_for(world.advisor_x)
    event = factories.make_event(world.agency_x, "Fachtag", project=world.project_x)

    def grow(i):
        org = factories.make_organization(f"Verein {i}", index=False)
        event.speakers.create(name=f"Person {i}", organization=org)
        event.documents.create(title=f"Datei {i}", file=ContentFile(b"x", name=f"d{i}.pdf"))
        event.languages.add(WorkingLanguage.objects.all()[i])

    grow(0)
    one, _ = _count_queries(client, f"/de/events/{event.slug}/")
    grow(1)
    grow(2)
    three, shown = _count_queries(client, f"/de/events/{event.slug}/")

    assert "Person 2" in shown
    assert "Datei 2" in shown
    assert one == three


# The month calendar ---------------------------------------------------------------------------


def test_the_month_calendar_puts_each_event_on_its_day_in_a_table(world, client):
    december = factories.make_event(world.agency_x, "Jahresabschluss", kind="closing")
    move(december, berlin(2026, 12, 3, 17, 30))
    january = factories.make_event(world.agency_x, "Neujahrsempfang")
    move(january, berlin(2027, 1, 14, 11, 0))

    text = text_of(client.get("/de/events/calendar/?month=2026-12"))

    assert '<h2 id="month-heading">Dezember 2026</h2>' in text
    assert '<table class="table month-grid">' in text
    assert re.search(r'<caption id="[^"]+" class="visually-hidden">Dezember 2026</caption>', text)
    assert text.count('<th scope="col"') == 8  # the week column and seven days
    assert '<abbr title="Montag">Mo</abbr>' in text
    assert text.count('<th scope="row"') == 5  # December 2026 spans five weeks
    cell = re.search(r'<time datetime="2026-12-03">3</time></span>(.*?)</td>', text, re.S)
    assert "<bdi>Jahresabschluss</bdi>" in cell.group(1)
    assert "17:30" in cell.group(1)
    assert "Neujahrsempfang" not in text
    assert 'href="?month=2026-11" rel="prev"' in text
    assert 'href="?month=2027-01" rel="next"' in text


def test_an_event_over_several_days_appears_on_each_of_them(world, client):
    event = factories.make_event(world.agency_x, "Klausurtagung")
    move(event, berlin(2026, 12, 30, 9, 0), hours=50)

    text = text_of(client.get("/en/events/calendar/?month=2026-12"))

    for day in ("2026-12-30", "2026-12-31", "2027-01-01"):
        cell = re.search(rf'<time datetime="{day}">\d+</time></span>(.*?)</td>', text, re.S)
        assert '<bdi><span lang="de" dir="ltr">Klausurtagung</span></bdi>' in cell.group(1), day


def test_the_calendar_applies_the_filters_and_keeps_them_in_its_month_links(world, client):
    training = factories.make_event(world.agency_x, "Schulung", kind="training")
    move(training, berlin(2026, 12, 8, 10, 0))
    talk = factories.make_event(world.agency_x, "Gespräch")
    move(talk, berlin(2026, 12, 9, 10, 0))

    text = text_of(client.get("/en/events/calendar/?month=2026-12&kind=training"))

    assert '<bdi><span lang="de" dir="ltr">Schulung</span></bdi>' in text
    assert "Gespräch" not in text
    assert 'href="?month=2027-01&kind=training" rel="next"' in text
    assert '<input type="hidden" name="month" value="2026-12" id="id_month">' in text


@pytest.mark.parametrize("month", ["2026-13", "abc", "99999-01", "2026-00", ""])
def test_a_bad_month_falls_back_to_the_current_month(world, client, month):
    today = timezone.localdate()

    text = text_of(client.get(f"/en/events/calendar/?month={month}"))

    assert f'<input type="hidden" name="month" value="{today:%Y-%m}" id="id_month">' in text
    assert f'<time datetime="{today.isoformat()}">' in text
    assert 'aria-current="date"' in text


# The training catalogue -----------------------------------------------------------------------


def test_the_catalogue_lists_trainings_only_with_their_professions_and_fields(catalogue, client):
    text = text_of(client.get("/en/events/trainings/"))

    assert titles(client.get("/en/events/trainings/")) == ["Fortbildung Kita"]
    assert "For:</span> Educators" in text
    assert "Fields of activity:</span> Youth work" in text


def test_the_catalogue_filters_by_profession_and_field(catalogue, client):
    other = factories.make_event(catalogue.agency_y, "Fortbildung Pflege", kind="training")
    other.professions.add(Profession.objects.get(code="care_staff"))

    by_profession = client.get("/en/events/trainings/?profession=care_staff")
    by_field = client.get("/en/events/trainings/?field=youth_work")

    assert titles(by_profession) == ["Fortbildung Pflege"]
    assert titles(by_field) == ["Fortbildung Kita"]
    # The kind is the page itself: not a checkbox, but in the feed link.
    assert 'name="kind"' not in text_of(by_field)
    assert "feed.ics?kind=training&field=youth_work" in text_of(by_field)


# One event's page -----------------------------------------------------------------------------


@pytest.fixture
def full_event(world):
    speaker_org = factories.make_organization("Jobcenter Münster", is_public=True)
    host = factories.make_organization("Verein Gastgeber", is_public=False)
    event = factories.make_event(
        world.agency_x,
        "Arbeitsmarktgespräch",
        kind="labour_market_talk",
        format="hybrid",
        capacity=20,
        summary="Wege in Arbeit für Geflüchtete.",
        description="Ein Austausch mit dem Jobcenter.",
        agenda="- Begrüßung\n- Vortrag Jobcenter\n\n- Fragen",
        venue_name="Begegnungszentrum",
        street="Hafenweg 3",
        postcode="48155",
        accessibility="Stufenloser Zugang, barrierefreies WC.",
        online_url="https://video.example.org/geheimer-raum",
        project=world.project_x,
        host_organization=host,
    )
    move(event, berlin(timezone.now().year + 1, 3, 10, 10, 0), hours=3)
    event.languages.add(WorkingLanguage.objects.get(code="ar"))
    event.interpretation.add(WorkingLanguage.objects.get(code="tr"))
    event.target_groups.add(TargetGroup.objects.get(code="families"))
    event.speakers.create(name="Dana Schulz", role="Arbeitsvermittlung", organization=speaker_org)
    event.speakers.create(name="Ali Kaya", organization_name="IHK Nord")
    return event


def test_the_event_page_shows_everything_a_visitor_needs(full_event, client):
    text = text_of(client.get(f"/en/events/{full_event.slug}/"))

    assert '<h1><bdi><span lang="de" dir="ltr">Arbeitsmarktgespräch</span></bdi></h1>' in text
    assert "labour-market talk · hybrid" in text
    assert (
        "Begegnungszentrum</bdi><br><bdi>Hafenweg 3</bdi><br><bdi>48155 Münster</bdi><br>"
        "North Rhine-Westphalia"
    ) in text
    assert "Also online. Registered participants receive the link to take part." in text
    assert "Stufenloser Zugang, barrierefreies WC." in text
    assert "<dt>Languages</dt><dd>Arabic</dd>" in text
    assert "<dt>Interpretation into</dt><dd>Turkish</dd>" in text
    assert "<dt>Target groups</dt><dd>Families</dd>" in text
    # The agenda is German only: each item says so (an English page).
    missing = r'<li class="translated-missing"><span lang="de" dir="ltr">([^<]+)</span></li>'
    assert re.findall(missing, text) == [
        "Begrüßung",
        "Vortrag Jobcenter",
        "Fragen",
    ]
    assert '<h3 class="card-title"><bdi>Dana Schulz</bdi></h3>' in text
    jobcenter = full_event.speakers.get(name="Dana Schulz").organization
    assert f'<a href="{jobcenter.get_absolute_url()}"><bdi>Jobcenter Münster</bdi></a>' in text
    assert "<bdi>IHK Nord</bdi>" in text
    assert '<a href="/en/agencies/agency-x/"><bdi>Kompetenzzentrum Migration Nord</bdi></a>' in text
    assert "<bdi>Willkommen in Berlin</bdi>" in text
    assert "Funded by Asyl-, Migrations- und Integrationsfonds" in text
    # The host organization has no public profile: its name, but no link to it.
    assert "<dt>Host organization</dt><dd><bdi>Verein Gastgeber</bdi></dd>" in text
    assert "20 places left" in text
    assert f'href="/en/events/{full_event.slug}/event.ics"' in text


def test_the_event_page_never_shows_the_video_link(full_event, client_for, world):
    for viewer in (None, world.member_a, world.advisor_x):
        text = text_of(client_for(viewer).get(f"/de/events/{full_event.slug}/"))
        assert "geheimer-raum" not in text
        assert "video.example.org" not in text


def test_the_event_page_links_its_downloads(full_event, client, settings, tmp_path):
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = tmp_path
    document = full_event.documents.create(
        title="Flyer", kind="flyer", file=ContentFile(b"%PDF-1.4", name="flyer.pdf"), size=2048
    )

    text = text_of(client.get(f"/en/events/{full_event.slug}/"))

    assert f'<a href="{document.file.url}"><bdi>Flyer</bdi></a>' in text
    assert "(flyer, 2.0\xa0KB)" in text


def test_the_register_link_appears_while_registration_is_open(full_event, client):
    text = text_of(client.get(f"/en/events/{full_event.slug}/"))

    register = reverse("events:registration-create", kwargs={"slug": full_event.slug})
    assert f'<a class="button" href="{register}">Register</a>' in text
    assert "Registration is open." in text


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"status": "cancelled"}, "The event has been cancelled; registration is closed."),
        ({"registration_required": False}, "No registration needed: just come along."),
        ({"capacity": 20, "seats_taken": 20, "waitlist_enabled": False}, "All places are taken."),
        (
            {"registration_closes_at": timezone.now() - datetime.timedelta(hours=1)},
            "Registration is closed.",
        ),
        (
            {"registration_opens_at": berlin(2099, 1, 5, 9, 0)},
            "Registration opens on Jan. 5, 2099 at 9 a.m.",
        ),
        (
            {
                "starts_at": timezone.now() - datetime.timedelta(hours=3),
                "ends_at": timezone.now() - datetime.timedelta(hours=1),
            },
            "This event has taken place.",
        ),
    ],
)
def test_no_register_link_when_registration_is_not_possible(full_event, client, change, says):
    Event.objects.filter(pk=full_event.pk).update(**change)

    text = text_of(client.get(f"/en/events/{full_event.slug}/"))

    assert says in text
    assert "Registration is open." not in text
    assert "/register/" not in text


def test_a_full_event_with_a_waiting_list_offers_to_join_it(full_event, client):
    Event.objects.filter(pk=full_event.pk).update(seats_taken=20)

    text = text_of(client.get(f"/en/events/{full_event.slug}/"))

    assert ">Join the waiting list</a>" in text
    assert "Fully booked – waiting list open" in text


def test_a_draft_is_not_there_for_visitors_and_other_agencies(world, client_for):
    draft = factories.make_event(world.agency_x, "Geheimer Entwurf", status="draft")
    url = f"/de/events/{draft.slug}/"

    assert client_for(None).get(url).status_code == 404
    assert client_for(world.advisor_y).get(url).status_code == 404
    own = text_of(client_for(world.advisor_x).get(url))
    assert "<bdi>Geheimer Entwurf</bdi>" in own
    assert "This event is a draft" in text_of(
        client_for(world.admin).get(f"/en/events/{draft.slug}/")
    )


def test_only_staff_of_the_agency_see_the_edit_link(full_event, world, client_for):
    url = f"/en/events/{full_event.slug}/"
    try:
        edit = reverse("events:event-update", kwargs={"slug": full_event.slug})
    except Exception:  # the staff pages have not landed: no edit link for anyone
        edit = None

    for user in (None, world.member_a, world.advisor_y):
        assert ">Edit</a>" not in text_of(client_for(user).get(url))
    own = text_of(client_for(world.advisor_x).get(url))
    assert (f'href="{edit}">Edit</a>' in own) if edit else (">Edit</a>" not in own)


def test_the_event_page_describes_the_event_for_search_engines(full_event, client):
    data = json_ld(client.get(f"/en/events/{full_event.slug}/"))

    year = timezone.now().year + 1
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == "Arbeitsmarktgespräch"
    assert data["startDate"] == f"{year}-03-10T10:00:00+01:00"
    assert data["endDate"] == f"{year}-03-10T13:00:00+01:00"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    place, virtual = data["location"]
    assert place == {
        "@type": "Place",
        "name": "Begegnungszentrum",
        "address": {
            "@type": "PostalAddress",
            "addressCountry": "DE",
            "streetAddress": "Hafenweg 3",
            "postalCode": "48155",
            "addressLocality": "Münster",
            "addressRegion": "North Rhine-Westphalia",
        },
    }
    page_url = f"http://testserver/en/events/{full_event.slug}/"
    assert virtual == {"@type": "VirtualLocation", "url": page_url}
    assert data["organizer"] == {
        "@type": "Organization",
        "name": "Kompetenzzentrum Migration Nord",
        "url": "http://testserver/en/agencies/agency-x/",
    }
    assert data["offers"]["availability"] == "https://schema.org/InStock"
    assert data["inLanguage"] == ["ar"]
    assert "video.example.org" not in json.dumps(data)


def test_the_schema_org_data_says_cancelled_sold_out_and_online(world, client):
    event = factories.make_event(
        world.agency_x,
        "Webinar",
        format="online",
        status="cancelled",
        capacity=3,
        online_url="https://video.example.org/raum",
    )
    Event.objects.filter(pk=event.pk).update(seats_taken=3)

    data = json_ld(client.get(f"/de/events/{event.slug}/"))

    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["location"] == {
        "@type": "VirtualLocation",
        "url": f"http://testserver/de/events/{event.slug}/",
    }
    assert data["offers"]["availability"] == "https://schema.org/SoldOut"


def test_the_schema_org_data_cannot_break_out_of_its_script_element(world, client):
    event = factories.make_event(
        world.agency_x, "</script><script>alert(1)</script>", registration_required=False
    )

    response = client.get(f"/de/events/{event.slug}/")

    assert "<script>alert(1)" not in response.content.decode()
    data = json_ld(response)
    assert data["name"] == "</script><script>alert(1)</script>"
    assert "offers" not in data
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"


# The agency page ------------------------------------------------------------------------------


def test_the_agency_page_lists_its_next_five_published_events_and_its_feed(world, client):
    for day in range(1, 8):
        factories.make_event(
            world.agency_x, f"Treffen {day}", starts_in=datetime.timedelta(days=day)
        )
    factories.make_event(world.agency_x, "Entwurf", status="draft")
    factories.make_event(world.agency_x, "Abgesagt", status="cancelled")
    factories.make_event(world.agency_y, "Treffen Süd")

    text = text_of(client.get("/en/agencies/agency-x/"))

    section = text.split('<h2 id="events">Upcoming events</h2>')[1].split("</section>")[0]
    # German titles on an English page, marked as German.
    titles = re.findall(r'<bdi><span lang="de" dir="ltr">([^<]+)</span></bdi>', section)
    assert titles == [f"Treffen {d}" for d in range(1, 6)]
    assert 'href="/en/events/agency/agency-x/feed.ics"' in section
    assert 'href="/en/events/?agency=agency-x"' in section


def test_an_agency_without_events_says_so(world, client):
    text = text_of(client.get("/en/agencies/agency-y/"))

    assert "No upcoming events." in text


# One filter pattern for every list -------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "without_online", "without_berlin"),
    [
        ("/en/events/?format=online&state=BE", "?state=BE", "?format=online"),
        (
            "/en/events/calendar/?month=2026-12&format=online&state=BE",
            "?month=2026-12&state=BE",
            "?month=2026-12&format=online",
        ),
        ("/en/events/trainings/?format=online&state=BE", "?state=BE", "?format=online"),
    ],
)
def test_every_events_list_draws_the_filter_panel_with_removable_chips(
    catalogue, client, url, without_online, without_berlin
):
    page = main_of(client.get(url))

    panel = find(page, "section", class_="filter-panel")
    assert find(panel, "form", method="get") is not None
    assert find(panel, "input", name="format", value="online", checked=True) is not None
    chips = find_all(panel, "a", class_="chip")
    assert [(text(find(a, "bdi")), attribute(a, "href")) for a in chips] == [
        ("online", without_online),
        ("Berlin", without_berlin),
    ]


# The calendar on a phone -------------------------------------------------------------------------


def test_the_calendar_also_lists_the_months_days_with_events_as_an_agenda(world, client):
    first = factories.make_event(world.agency_x, "Jahresabschluss", kind="closing")
    move(first, berlin(2026, 12, 3, 17, 30))
    second = factories.make_event(world.agency_x, "Klausurtagung")
    move(second, berlin(2026, 12, 30, 9, 0), hours=50)

    page = main_of(client.get("/de/events/calendar/?month=2026-12"))

    agenda = find(page, "div", class_="month-agenda")
    days = find_all(agenda, "h3", class_="agenda-day")
    assert [attribute(find(day, "time"), "datetime") for day in days] == [
        "2026-12-03",
        "2026-12-30",
        "2026-12-31",  # not 1 January: that day is in the next month's agenda
    ]
    assert text(days[0]) == "Donnerstag, 3. Dezember 2026"
    assert [text(a) for a in find_all(agenda, "a")] == [
        "17:30 Jahresabschluss",
        "09:00 Klausurtagung",
        "Klausurtagung",  # the second day: no start time
    ]
    # The grid is there too: the stylesheet shows one of the two by the screen's width.
    assert find(page, "div", class_="month-grid-view") is not None
