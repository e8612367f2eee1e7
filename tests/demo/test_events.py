"""The demo's events and rooms: the Bochum closing event, upcoming dates, registrations, rooms."""

import datetime
import os
import re
import subprocess
import sys
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from gemeinsam.core import content
from gemeinsam.demo import days, people
from gemeinsam.demo.loader import load_demo_data
from gemeinsam.demo.management.commands import demo as demo_command
from gemeinsam.demo.rooms import rooms_data
from gemeinsam.events.enums import EventFormat, EventKind, QuestionKind, RegistrationStatus
from gemeinsam.events.models import (
    Answer,
    Event,
    EventSeries,
    Question,
    Registration,
    RegistrationGroup,
    Speaker,
)
from gemeinsam.rooms.enums import BookingStatus, RoomKind
from gemeinsam.rooms.models import Booking, Closure, Room

pytestmark = pytest.mark.django_db

CAST = people.cast()
BOCHUM = "powersharing-und-solidaritaet-2024"  # the past closing event
FULLY_BOOKED = "workshop-anerkennung-auslaendischer-abschluesse"
CLOSED_ROUND_TABLE = "geschlossener-runder-tisch-vernetzt-und-aktiv"


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker, tmp_path_factory):
    """Run the command once; everything it wrote is rolled back when the module is done."""
    out = StringIO()
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(
            PASSWORD_HASHERS=fast,
            MEDIA_ROOT=tmp_path_factory.mktemp("media"),
            GEMEINSAM_PRIVATE_MEDIA_ROOT=tmp_path_factory.mktemp("private"),
        ),
        transaction.atomic(),
    ):
        call_command("demo", "--no-serve", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def _counts() -> dict[str, int]:
    models = [
        Event,
        EventSeries,
        Question,
        Speaker,
        Registration,
        RegistrationGroup,
        Answer,
        Room,
        Booking,
        Closure,
    ]
    return {m.__name__: m.objects.count() for m in models}


def _rows():
    return (
        set(Event.objects.values_list("id", "slug")),
        set(Registration.objects.values_list("event__slug", "email", "status")),
        set(Room.objects.values_list("id", "agency__slug", "slug")),
    )


def test_loading_again_creates_no_duplicates(demo_output):
    before, rows = _counts(), _rows()
    load_demo_data()
    assert _counts() == before
    assert _rows() == rows


def test_loading_a_week_later_moves_the_dates_but_adds_nothing(demo_output):
    before, rows = _counts(), _rows()
    starts = dict(Event.objects.values_list("slug", "starts_at"))
    later = timezone.localdate() + datetime.timedelta(days=7)
    load_demo_data(today=later)
    assert _counts() == before
    assert _rows() == rows
    moved = dict(Event.objects.values_list("slug", "starts_at"))
    assert moved[BOCHUM] == starts[BOCHUM]
    assert all(moved[slug] >= starts[slug] for slug in starts)
    assert moved != starts
    weekly = Booking.objects.filter(series=rooms_data().weekly.series)
    assert weekly.count() >= 4
    assert all(timezone.localtime(b.starts_at).date() > later for b in weekly)


def test_the_summary_counts_events_and_rooms(demo_output):
    assert f"{Event.objects.count()} events, 7 rooms, " in demo_output
    assert "gemeinsam db_worker" in demo_output


def test_the_bochum_closing_event_is_past_with_attendance(demo_output):
    event = Event.objects.get(slug=BOCHUM)
    local = timezone.localtime(event.starts_at)
    assert (local.date(), local.hour) == (datetime.date(2024, 6, 14), 13)
    assert timezone.localtime(event.ends_at).hour == 18
    assert event.is_past
    assert event.kind == EventKind.CLOSING
    assert (event.venue_name, event.street, event.postcode, event.city) == (
        "Jahrhunderthaus Bochum",
        "Alleestraße 80",
        "44793",
        "Bochum",
    )
    assert event.project.slug == "vielfaltsgesellschaft"
    assert event.project.agency.slug == "paritaetischer-nrw"
    registrations = event.registrations.all()
    assert registrations.count() == 40
    confirmed = registrations.filter(status=RegistrationStatus.CONFIRMED)
    assert confirmed.count() == 38
    assert event.seats_taken == 38
    assert confirmed.filter(attended=True).count() == 34
    assert confirmed.filter(attended=False).count() == 4
    assert confirmed.filter(attended=True, checked_in_at__isnull=True).count() == 0
    cancelled = registrations.filter(status=RegistrationStatus.CANCELLED)
    assert list(cancelled.values_list("attended", flat=True)) == [None, None]
    migrant_orgs = set(
        registrations.filter(organization__kind="migrant_org").values_list(
            "organization", flat=True
        )
    )
    assert len(migrant_orgs) >= 8
    assert registrations.filter(organization__isnull=True).count() == 0
    assert registrations.filter(user__email=CAST.member.email, attended=True).exists()


def test_upcoming_events_are_in_the_future_and_open_for_registration(demo_output):
    now = timezone.now()
    upcoming = Event.objects.exclude(slug=BOCHUM)
    assert upcoming.count() == 15
    for event in upcoming:
        assert event.starts_at > now, event.slug
        assert event.registration_open(now), event.slug
        local = timezone.localtime(event.starts_at)
        assert local.weekday() < 6 and 9 <= local.hour <= 18, event.slug
        assert not days.is_holiday(local.date()), event.slug


def test_seats_taken_equals_confirmed_registrations_for_every_event(demo_output):
    for event in Event.objects.all():
        confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        assert event.seats_taken == confirmed, event.slug
        if event.capacity is not None:
            assert confirmed <= event.capacity, event.slug


def test_the_fully_booked_workshop_has_people_waiting(demo_output):
    event = Event.objects.get(slug=FULLY_BOOKED)
    assert (event.capacity, event.seats_taken, event.is_full) == (12, 12, True)
    assert event.registrations.waitlist().count() == 3
    assert event.topics.get().code == "recognition_qualifications"


def test_via_workshops_cover_the_four_topics_with_questions_and_consent(demo_output):
    workshops = Event.objects.filter(agency__slug="via-berlin-brandenburg", kind="workshop")
    codes = set(workshops.values_list("topics__code", flat=True))
    assert codes == {
        "recognition_qualifications",
        "labour_market_access",
        "volunteering",
        "project_management",
    }
    for event in workshops:
        assert event.consent_text.startswith("Ich bin damit einverstanden"), event.slug
        kinds = [(q.kind, q.required) for q in event.questions.all()]
        assert kinds == [
            (QuestionKind.SINGLE, False),
            (QuestionKind.TEXT, False),
            (QuestionKind.MULTIPLE, False),
            (QuestionKind.CHECKBOX, True),
        ], event.slug
        assert event.project.slug == "willkommen-in-berlin"
    assert not workshops.get(slug="workshop-projektmanagement").waitlist_enabled
    # Everyone answered the required checkbox, as the form would insist.
    required = Answer.objects.filter(
        question__event__in=workshops, question__kind=QuestionKind.CHECKBOX
    )
    registered = Registration.objects.filter(event__in=workshops).count()
    assert list(required.values_list("value", flat=True)) == [True] * registered


def test_one_group_registration_booked_by_the_member(demo_output):
    group = RegistrationGroup.objects.get()
    assert group.booked_by.email == CAST.member.email
    assert group.organization.name == "Deutsch-Syrischer Kulturverein Bochum e.V."
    assert group.event.slug == "abendveranstaltung-freie-wohlfahrtspflege-muenster"
    assert group.event.agency.slug == "drk-muenster-integrationsagentur"
    statuses = list(group.registrations.values_list("status", flat=True))
    assert statuses == [RegistrationStatus.CONFIRMED] * 3


def test_the_closed_round_table_needs_approval(demo_output):
    event = Event.objects.get(slug=CLOSED_ROUND_TABLE)
    assert event.requires_approval
    assert event.kind == EventKind.ROUND_TABLE
    statuses = sorted(event.registrations.values_list("status", flat=True))
    assert statuses == ["confirmed", "pending", "pending"]
    other = Event.objects.filter(kind=EventKind.ROUND_TABLE, requires_approval=False)
    assert set(other.values_list("series__title", flat=True)) == {
        "Runder Tisch Soziale Arbeit muslimischer und alevitischer Gemeinden"
    }
    evening = Event.objects.get(kind=EventKind.EVENING)
    assert (evening.city, evening.agency.slug) == ("Münster", "drk-muenster-integrationsagentur")


def test_the_labour_market_talk_is_held_at_a_migrant_organization(demo_output):
    talk = Event.objects.get(kind=EventKind.LABOUR_MARKET_TALK)
    assert talk.host_organization.kind == "migrant_org"
    assert talk.venue_name == talk.host_organization.name
    assert talk.city == talk.host_organization.city == "Berlin"
    institutions = set(talk.speakers.values_list("organization_name", flat=True))
    assert {"Jobcenter", "Agentur für Arbeit"} <= institutions
    assert talk.speakers.filter(organization=talk.host_organization).exists()


def test_kommig_holds_an_online_panel(demo_output):
    panel = Event.objects.get(kind=EventKind.PANEL)
    assert panel.agency.slug == "kommig-hamburg"
    assert panel.format == EventFormat.ONLINE
    assert panel.online_url.startswith("https://video.example.org/")
    assert panel.venue_name == ""
    assert set(panel.interpretation.values_list("code", flat=True)) == {"ar", "tr"}


def test_trainings_name_the_professions_and_fields_of_the_seed(demo_output):
    trainings = Event.objects.filter(kind=EventKind.TRAINING)
    assert trainings.count() == 5
    assert set(trainings.values_list("professions__code", flat=True)) == {
        "care_staff",
        "educators",
        "social_workers",
        "managers",
        "hr_staff",
        "kita_leads",
        "psychiatric_staff",
    }
    assert {"elderly_care", "disability", "refugee_help", "youth_welfare"} <= set(
        trainings.values_list("fields__code", flat=True)
    )
    assert all(t.reminder_days for t in trainings)
    # One venue, one training a day.
    days = [timezone.localtime(t.starts_at).date() for t in trainings]
    assert len(set(days)) == len(days)


def test_registrations_use_invented_addresses_only(demo_output):
    emails = Registration.objects.values_list("email", flat=True)
    assert [e for e in emails if not e.endswith("@example.org")] == []


def test_kommig_has_rooms_desks_and_a_closure(demo_output):
    rooms = Room.objects.filter(agency__slug="kommig-hamburg")
    assert sorted(rooms.values_list("name", flat=True)) == [
        "Besprechungsraum",
        "Co-Working-Platz 1",
        "Co-Working-Platz 2",
        "Co-Working-Platz 3",
        "Co-Working-Platz 4",
        "Seminarraum",
        "Veranstaltungsraum",
    ]
    assert rooms.filter(kind=RoomKind.DESK, capacity=1).count() == 4
    assert rooms.get(slug="veranstaltungsraum").capacity == 40
    assert all(r.equipment_list() and r.accessibility for r in rooms)
    closure = Closure.objects.get(agency__slug="kommig-hamburg")
    assert (closure.starts_on.month, closure.starts_on.day) == (12, 24)
    assert (closure.ends_on.month, closure.ends_on.day) == (1, 1)
    assert closure.room is None


def test_bookings_are_approved_or_requested_in_the_coming_weeks(demo_output):
    bookings = Booking.objects.all()
    now = timezone.now()
    assert all(now < b.starts_at < now + datetime.timedelta(weeks=10) for b in bookings)
    statuses = set(bookings.values_list("status", flat=True))
    assert statuses == {BookingStatus.APPROVED, BookingStatus.REQUESTED}
    series = bookings.filter(series__isnull=False)
    assert series.values("series").distinct().count() == 1
    assert series.count() >= 4
    assert {timezone.localtime(b.starts_at).weekday() for b in series} == {2}
    reserved = bookings.get(event__isnull=False)
    assert reserved.event.slug == CLOSED_ROUND_TABLE
    assert reserved.status == BookingStatus.APPROVED
    assert reserved.starts_at <= reserved.event.starts_at
    assert reserved.ends_at >= reserved.event.ends_at


def test_no_approved_bookings_overlap_or_fall_on_closed_days(demo_output):
    approved = list(Booking.objects.filter(status=BookingStatus.APPROVED).order_by("starts_at"))
    assert len(approved) >= 8
    for i, a in enumerate(approved):
        for b in approved[i + 1 :]:
            if a.room_id == b.room_id:
                assert a.ends_at <= b.starts_at or b.ends_at <= a.starts_at, (a, b)
    for booking in Booking.objects.all():
        day = timezone.localtime(booking.starts_at).date()
        closed = Closure.objects.filter(
            agency=booking.room.agency, starts_on__lte=day, ends_on__gte=day
        )
        assert not closed.exists(), booking


def test_serving_sends_queued_mails_first_and_stops_the_worker_with_the_server(
    demo_output, monkeypatch, settings
):
    """The worker is started as `python -m gemeinsam db_worker`; here a stand-in process takes
    its place (a real worker would open the development database), and runserver returns at
    once, as after Ctrl+C."""
    settings.WHITENOISE_USE_FINDERS = False  # the command changes it; restored afterwards
    started = []
    real_popen, real_call = subprocess.Popen, demo_command.call_command

    def popen(args, **kwargs):
        started.append((args, kwargs["env"]["DJANGO_SETTINGS_MODULE"]))
        return real_popen([sys.executable, "-c", "import time; time.sleep(60)"])

    def call(name, *args, **kwargs):
        if name == "runserver":
            assert started, "the worker starts before the server"
            return None
        return real_call(name, *args, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", popen)
    monkeypatch.setattr(demo_command, "call_command", call)
    # As in the run_jobs fixture: the in-process worker must not close the test's connection.
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    command = demo_command.Command(stdout=StringIO())
    worker = []
    start = command._start_worker
    monkeypatch.setattr(command, "_start_worker", lambda: worker.append(start()) or worker[0])
    command.handle(port=8123, no_serve=False, verbosity=0)

    assert started == [
        (
            [sys.executable, "-m", "gemeinsam", "db_worker", "--no-reload"],
            settings.SETTINGS_MODULE or os.environ["DJANGO_SETTINGS_MODULE"],
        )
    ]
    assert worker[0].poll() is not None  # terminated when runserver returned
    # The loader's queued registration mails went out before the banner.
    assert len(mail.outbox) >= 60
    output = command.stdout.getvalue()
    assert "http://127.0.0.1:8123/" in output
    # The log-ins close what the demo prints: nothing of the mails comes after them.
    assert output.rstrip().endswith("=" * 78)
    assert output.index(CAST.platform_admin.email) > output.index("Demo data ready")
    # Links in the mails open the port the demo serves on, not the default 8000.
    links = {link for m in mail.outbox for link in re.findall(r"http://[\w.:]+", m.body)}
    assert links == {"http://127.0.0.1:8123"}
    assert [s for s in ("GEMEINSAM_BASE_URL",) if s in os.environ] == []  # put back after


def test_demo_mails_go_to_files_in_var_mail_with_links_to_its_port(settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    settings.GEMEINSAM_BASE_URL = "http://127.0.0.1:8000"
    with demo_command._demo_settings(8101):
        assert os.environ["GEMEINSAM_BASE_URL"] == "http://127.0.0.1:8101"
        assert os.environ["EMAIL_BACKEND"] == demo_command.FILE_BACKEND
        mail.send_mail("Anmeldung", f"{settings.GEMEINSAM_BASE_URL}/de/", None, ["a@example.org"])
    assert settings.EMAIL_BACKEND.endswith("console.EmailBackend")
    assert settings.GEMEINSAM_BASE_URL == "http://127.0.0.1:8000"
    assert "EMAIL_BACKEND" not in os.environ
    (written,) = (tmp_path / "mail").iterdir()
    assert "http://127.0.0.1:8101/de/" in written.read_text()


# --- In the reader's language (data/events_texts.yaml, the rooms' translations) ------------------

NEUKOELLN = "arbeitsmarktgespraech-neukoelln"


def _states(obj, name: str, language: str) -> list[str]:
    return [part.status for part in content.parts(obj, name, language)]


def test_the_labour_market_talk_for_arabic_speakers_is_all_in_arabic(demo_output, client):
    event = Event.objects.get(slug=NEUKOELLN)
    assert set(content.statuses(event, "ar").values()) == {"up_to_date"}
    for question in event.questions.all():
        assert set(content.statuses(question, "ar").values()) == {"up_to_date"}, question.label
    assert content.text(event, "consent_text", "ar").startswith("أوافق على أن تُحفظ بياناتي")

    form = client.get(f"/ar/events/{NEUKOELLN}/register/").content.decode()
    main = form.split("<main")[1].split("</main>")[0]
    assert "حوار حول سوق العمل" in main and "قانون العمل" in main
    assert "أوافق على أن تُحفظ بياناتي" in main.split('id="consent-text"')[1]
    # Nothing the organizers wrote is left in German.
    assert 'lang="de"' not in main and "translated-missing" not in main


def test_every_event_has_its_title_and_consent_in_every_language_but_one(demo_output):
    for event in Event.objects.all():
        for language in ("en", "ar", "tr"):
            expected = "up_to_date"
            if (event.slug, language) == ("fortbildung-migration-und-behinderung", "tr"):
                expected = "missing"  # not in Turkish yet, on purpose
            assert content.status(event, "title", language) == expected, (event.slug, language)
            assert content.status(event, "consent_text", language) == "up_to_date", event.slug


def test_some_demo_translations_are_outdated_or_missing_so_the_markers_show(demo_output):
    def event(slug):
        return Event.objects.get(slug=slug)

    assert _states(event("runder-tisch-muenster-2"), "description", "tr") == [
        "up_to_date",
        "outdated",
    ]
    assert _states(event("workshop-arbeitsmarktzugang-gefluechtete"), "description", "ar") == [
        "outdated",
        "up_to_date",
    ]
    assert _states(event("workshop-projektmanagement"), "description", "ar") == [
        "up_to_date",
        "missing",
    ]
    podium = event("online-podium-vielfalt-in-der-wohlfahrt").questions.order_by("position")
    assert [content.status(q, "label", "ar") for q in podium] == ["missing", "up_to_date"]
    assert content.status(event(NEUKOELLN), "agenda", "tr") == "missing"
    desk_four = Room.objects.get(slug="co-working-platz-4")
    assert {content.status(desk_four, "accessibility", lang) for lang in ("en", "ar", "tr")} == {
        "outdated"
    }
    assert content.status(Room.objects.get(slug="co-working-platz-3"), "name", "tr") == "missing"
    meeting = Room.objects.get(slug="besprechungsraum")
    assert _states(meeting, "equipment", "ar") == ["up_to_date", "missing"]


def test_the_rooms_are_named_in_every_language(demo_output):
    for room in Room.objects.exclude(slug="co-working-platz-3"):
        for language in ("en", "ar", "tr"):
            assert content.status(room, "name", language) == "up_to_date", (room.slug, language)
    assert (
        content.text(Room.objects.get(slug="veranstaltungsraum"), "name", "ar") == "قاعة الفعاليات"
    )
