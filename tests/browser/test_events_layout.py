"""The events' pages on a phone and a desktop, in German and in Arabic: none scrolls sideways at
320, 360 or 1366 px, and axe-core finds no serious or critical problem. The month calendar is an
agenda on a phone and a grid on a desktop; a part of the event form with an error opens and the
error summary leads into it; more rows for a group keep what was typed."""

import datetime

import pytest
from django.utils import timezone

from gemeinsam.events import services
from gemeinsam.events.models import Event, Question
from tests import factories
from tests.browser.journeys import fits, in_language, overflow, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LANGUAGES = ["de", "ar"]
LONG_TITLE = (
    "Fortbildung Interkulturelle Öffnung von Kindertageseinrichtungen in Nordrhein-Westfalen"
)


@pytest.fixture
def events(world):
    """A training with a long title and everything on its page, its question and speakers, and
    a second event a few days later in the same month."""
    training = factories.make_event(
        world.agency_x,
        LONG_TITLE,
        kind="training",
        capacity=12,
        summary="Für Erzieherinnen, Erzieher und Kita-Leitungen aus dem ganzen Land.",
        agenda="Begrüßung\nPraxisbeispiele aus Bochum, Gelsenkirchen und Herne\nAustausch",
        venue_name="Interkulturelles Begegnungszentrum der Stadtteilarbeit",
        street="Kortumstraße 100",
        postcode="44787",
        accessibility="Stufenloser Zugang, barrierefreies WC im Erdgeschoss.",
        consent_text="Wir speichern Ihre Angaben bis zum Ende des Projekts.",
        project=world.project_x,
        max_group_size=8,
    )
    Question.objects.create(
        event=training,
        label="Dolmetschsprache",
        kind="single",
        choices=["Arabisch", "Türkisch"],
        required=True,
    )
    training.speakers.create(name="Dr. Johanna Müller-Lüdenscheidt", role="Fachberatung Kita")
    later = factories.make_event(
        world.agency_x,
        "Runder Tisch Migrantenorganisationen",
        starts_in=datetime.timedelta(days=16),
        requires_approval=True,
    )
    # In the morning, whatever the time the test runs: an evening start would run past
    # midnight and put the event on two days of the agenda.
    for event in (training, later):
        day = timezone.localtime(event.starts_at).date()
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
        Event.objects.filter(pk=event.pk).update(
            starts_at=start, ends_at=start + datetime.timedelta(hours=3)
        )
        event.refresh_from_db()
    return training, later


def _month(event) -> str:
    return timezone.localtime(event.starts_at).strftime("%Y-%m")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_public_event_pages_fit_every_screen(language, page, audit, events):
    training, _later = events
    registration = services.register(
        training, [factories.person("Ayşe Yıldız", answers={})], consent=True
    ).registrations[0]
    problems = []
    for address in (
        f"/{language}/events/",
        f"/{language}/events/?kind=training&format=in_person&state=NW&places_left=1",
        f"/{language}/events/?q=Zzyzx&kind=panel",
        f"/{language}/events/calendar/?month={_month(training)}",
        f"/{language}/events/trainings/",
        f"/{language}/events/{training.slug}/",
        f"/{language}/events/{training.slug}/register/",
        f"/{language}/events/registrations/{registration.token}/",
        f"/{language}/events/registrations/{registration.token}/change/",
        f"/{language}/events/registrations/{registration.token}/cancel/",
    ):
        problems += fits(page, audit, address)

    # Sent empty, the form comes back with the error summary: it fits too and leads to a field.
    page.goto(f"/{language}/events/{training.slug}/register/")
    audit()
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    problems += fits(page, audit)
    assert problems == []
    page.get_by_role("alert").get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_name"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_calendar_is_an_agenda_on_a_phone_and_a_grid_on_a_desktop(
    language, page, audit, events
):
    training, later = events
    page.goto(f"/{language}/events/calendar/?month={_month(training)}")
    audit()
    grid, agenda = page.locator(".month-grid-view"), page.locator(".month-agenda")

    for width, height in ((360, 640), (320, 568)):
        page.set_viewport_size({"width": width, "height": height})
        assert (width, grid.is_visible(), agenda.is_visible()) == (width, False, True)
        assert overflow(page) == 0
        assert agenda.get_by_role("link", name=LONG_TITLE).is_visible()
    page.set_viewport_size({"width": 1366, "height": 900})
    assert (grid.is_visible(), agenda.is_visible()) == (True, False)
    assert page.get_by_role("table").get_by_role("link", name=LONG_TITLE).count() >= 1
    # The grid scrolls inside its own box when the screen is narrower than the month.
    page.set_viewport_size({"width": 760, "height": 900})
    assert (grid.is_visible(), overflow(page)) == (True, 0)
    if timezone.localtime(later.starts_at).month == timezone.localtime(training.starts_at).month:
        assert agenda.locator("h3").count() == 2


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_member_sees_their_place_and_adds_rows_to_a_group_without_losing_them(
    language, page, audit, live_server, world, events
):
    training, _later = events
    services.register(
        training,
        [factories.person("Amal Haddad", world.member_a.email, user_id=world.member_a.pk)],
        consent=True,
    )
    sign_in(page, live_server.url, world.member_a)
    problems = fits(page, audit, f"/{language}/events/{training.slug}/")
    places = page.locator(".your-places")
    assert places.get_by_role("link").count() == 1

    problems += fits(page, audit, f"/{language}/events/{training.slug}/register/group/")
    page.locator("#id_people-0-name").fill("Leyla Aydın")
    page.locator("#id_people-0-email").fill("leyla@example.org")
    page.get_by_label("Türkisch").first.check()
    with page.expect_navigation():
        page.get_by_role("button", name=in_language(language, "Add more rows")).click()
    problems += fits(page, audit)
    assert problems == []
    assert page.locator("#id_people-0-name").input_value() == "Leyla Aydın"
    assert page.locator("#id_people-0-email").input_value() == "leyla@example.org"
    assert page.locator("fieldset.participant").count() == 4
    assert page.get_by_role("alert").count() == 0


@pytest.fixture
def day_of(events, world):
    """The round table has pending people; the training began ten minutes ago, with people
    confirmed, one of them checked in."""
    training, later = events
    services.register(later, [factories.person("Omar Nasser")], consent=True)
    services.register(
        later, [factories.person("Selin Kaya"), factories.person("Jonas Becker")], consent=True
    )
    people = [factories.person(name) for name in ("Ayşe Yıldız", "Dilan Aras", "Rana Saleh")]
    for person in people:
        services.register(training, [person], consent=True)
    now = timezone.now()
    Event.objects.filter(pk=training.pk).update(
        starts_at=now - datetime.timedelta(minutes=10), ends_at=now + datetime.timedelta(hours=3)
    )
    training.refresh_from_db()
    services.check_in(training.registrations.get(name="Dilan Aras"), by=world.advisor_x)
    return training, later


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_staff_pages_of_events_fit_every_screen(
    language, page, audit, live_server, world, day_of
):
    training, later = day_of
    sign_in(page, live_server.url, world.advisor_x)
    problems = []
    for address in (
        f"/{language}/events/manage/",
        f"/{language}/events/manage/new/?agency=agency-x",
        f"/{language}/events/manage/{training.slug}/edit/",
        f"/{language}/events/manage/{training.slug}/participants/",
        f"/{language}/events/manage/{later.slug}/participants/",
        f"/{language}/events/manage/{training.slug}/participants/mail/",
        f"/{language}/events/manage/{training.slug}/checkin/",
        f"/{language}/events/manage/{training.slug}/checkin/?q=Ayşe",
        f"/{language}/events/manage/{training.slug}/checkin-list/",
        f"/{language}/events/manage/{training.slug}/documents/",
        f"/{language}/events/manage/{training.slug}/figures/",
        f"/{language}/events/manage/projects/{world.project_x.pk}/figures/",
    ):
        problems += fits(page, audit, address)
    assert problems == []

    # The people waiting for a decision are confirmed together from one bar above the table.
    page.goto(f"/{language}/events/manage/{later.slug}/participants/")
    audit()
    rows = page.locator("table.participants tbody tr")
    assert rows.locator("button").count() == 0
    rows.locator("input[type=checkbox]").nth(0).check()
    rows.locator("input[type=checkbox]").nth(1).check()
    with page.expect_navigation():
        page.get_by_role("button", name=in_language(language, "Confirm"), exact=True).click()
    audit()
    statuses = dict(later.registrations.values_list("name", "status"))
    assert statuses == {
        "Omar Nasser": "confirmed",
        "Selin Kaya": "confirmed",
        "Jonas Becker": "confirmed",  # in Selin's group
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_error_in_a_folded_part_of_the_event_form_opens_it(
    language, page, audit, live_server, world
):
    sign_in(page, live_server.url, world.advisor_x)
    page.goto(f"/{language}/events/manage/new/?agency=agency-x")
    audit()
    registration = page.locator("#part-registration")
    audience = page.locator("#part-audience")
    assert registration.get_attribute("open") == "" and audience.get_attribute("open") is None
    page.locator("#id_title").fill("Workshop Vereinsfinanzen")
    page.locator("#id_kind").select_option("workshop")
    starts = timezone.localtime(timezone.now() + datetime.timedelta(days=10))
    page.locator("#id_starts_at").fill(starts.strftime("%Y-%m-%dT10:00"))
    page.locator("#id_ends_at").fill(starts.strftime("%Y-%m-%dT12:00"))
    page.locator("#id_capacity").fill("-4")
    registration.locator("summary").click()  # the person folds the part and sends the form
    with page.expect_navigation():
        page.locator("form.event-form > .actions button[type=submit]").click()
    problems = fits(page, audit)
    assert problems == []
    assert page.locator("#part-registration").get_attribute("open") == ""
    assert page.locator("#id_title").input_value() == "Workshop Vereinsfinanzen"
    page.get_by_role("alert").get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_capacity"
