"""A visitor finds an event: the list, a filter, the event's page, in German and in Arabic."""

import datetime

import pytest
from django.utils import timezone

from gemeinsam.events.enums import EventFormat, EventKind
from gemeinsam.events.models import Event, Profession
from tests import factories
from tests.browser.journeys import in_language, path_in

pytestmark = [
    pytest.mark.browser,
    # The live server answers from another thread, so the data must really be committed;
    # the reference data from the migrations is restored after each journey's flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def events():
    north = factories.make_agency("Kompetenzzentrum Migration Nord", slug="nord")
    south = factories.make_agency("Integrationsagentur Süd", slug="sued")
    training = factories.make_event(
        north,
        "Fortbildung Interkulturelle Kita",
        kind=EventKind.TRAINING,
        capacity=12,
        summary="Für Erzieherinnen und Erzieher.",
        agenda="Begrüßung\nPraxisbeispiele\nAustausch",
        venue_name="Haus der Begegnung",
        street="Hafenweg 3",
        postcode="48155",
        accessibility="Stufenloser Zugang.",
    )
    training.professions.add(Profession.objects.get(code="educators"))
    webinar = factories.make_event(
        south,
        "Online-Sprechstunde Fördermittel",
        kind=EventKind.INFORMATION,
        format=EventFormat.ONLINE,
        city="",
        online_url="https://video.example.org/geheimer-raum",
        starts_in=datetime.timedelta(days=10),
    )
    factories.make_event(north, "Runder Tisch Nord", starts_in=datetime.timedelta(days=20))
    # In the morning, whatever the time the test runs: an evening start would run past
    # midnight and put an event on two days of the calendar.
    for event in Event.objects.all():
        day = timezone.localtime(event.starts_at).date()
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
        length = event.ends_at - event.starts_at
        Event.objects.filter(pk=event.pk).update(starts_at=start, ends_at=start + length)
    training.refresh_from_db()
    webinar.refresh_from_db()
    return {"training": training, "webinar": webinar}


def event_titles(page) -> list[str]:
    return page.locator(".results .event-row h3").all_inner_texts()


def filter_by(page, language: str, facet: str, option) -> None:
    """Tick one box of a filter group and send the form, as a person would."""
    group = page.get_by_role("group", name=in_language(language, facet))
    group.get_by_label(in_language(language, option), exact=True).check()
    page.get_by_role("button", name=in_language(language, "Show events")).click()


def test_a_german_visitor_filters_the_events_and_opens_a_training(page, audit, events):
    page.goto("/de/")
    audit()
    page.get_by_role("navigation", name=in_language("de", "Main navigation")).get_by_role(
        "link", name=in_language("de", "Events")
    ).click()
    page.wait_for_url("**/de/events/")
    audit()
    assert event_titles(page) == [
        "Online-Sprechstunde Fördermittel",
        "Fortbildung Interkulturelle Kita",
        "Runder Tisch Nord",
    ]

    filter_by(page, "de", "Type", EventKind.TRAINING.label)
    page.wait_for_url("**/de/events/?**kind=training**")
    audit()
    assert event_titles(page) == ["Fortbildung Interkulturelle Kita"]
    feed = page.get_by_role("link", name=in_language("de", "Subscribe in a calendar app"))
    assert feed.get_attribute("href").startswith("webcal://")
    assert "kind=training" in feed.get_attribute("href")

    page.get_by_role("link", name="Fortbildung Interkulturelle Kita").click()
    page.wait_for_url(f"**{path_in('de', events['training'])}")
    audit()
    assert page.get_by_role("heading", level=1).inner_text() == "Fortbildung Interkulturelle Kita"
    assert page.locator("ol.agenda li").all_inner_texts() == [
        "Begrüßung",
        "Praxisbeispiele",
        "Austausch",
    ]
    assert "Hafenweg 3" in page.locator("address").inner_text()

    page.get_by_role("link", name="العربية").click()
    page.wait_for_url(f"**{path_in('ar', events['training'])}")
    audit()
    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl")
    assert page.get_by_role("heading", level=1).inner_text() == "Fortbildung Interkulturelle Kita"


def test_an_arabic_visitor_finds_an_online_event_right_to_left(page, audit, events):
    def assert_arabic_rtl():
        html = page.locator("html")
        assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl")

    page.goto("/ar/events/")
    audit()
    assert_arabic_rtl()
    assert len(event_titles(page)) == 3

    filter_by(page, "ar", "Format", EventFormat.ONLINE.label)
    page.wait_for_url("**/ar/events/?**format=online**")
    audit()
    assert_arabic_rtl()
    assert event_titles(page) == ["Online-Sprechstunde Fördermittel"]

    page.get_by_role("link", name="Online-Sprechstunde Fördermittel").click()
    page.wait_for_url(f"**{path_in('ar', events['webinar'])}")
    audit()
    assert_arabic_rtl()
    assert page.get_by_role("heading", level=1).inner_text() == "Online-Sprechstunde Fördermittel"
    # The video link is for confirmed participants: the public page never shows it.
    assert "geheimer-raum" not in page.content()

    month = timezone.localtime(events["webinar"].starts_at).strftime("%Y-%m")
    page.goto(f"/ar/events/calendar/?month={month}")
    audit()
    assert_arabic_rtl()
    grid = page.get_by_role("table")
    assert grid.get_by_role("link", name="Online-Sprechstunde Fördermittel").count() == 1
