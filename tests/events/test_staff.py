"""The agency staff's event pages: their list, creating and editing (also as a series), copies,
downloads, participants, decisions, export, mail to all, and check-in at the door."""

from __future__ import annotations

import csv
import datetime
import io
import itertools
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from gemeinsam.core.models import AuditLogEntry
from gemeinsam.events import services
from gemeinsam.events.enums import DOCUMENT_MAX_BYTES
from gemeinsam.events.models import Event, EventDocument, Question, Registration, Topic
from tests import factories
from tests.factories import person


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _local(dt: datetime.datetime) -> str:
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


def _event_data(starts_at=None, **overrides) -> dict:
    """What the edit form posts for a plain in-person round table, with empty inlines."""
    starts_at = starts_at or (timezone.now() + datetime.timedelta(days=20)).replace(
        minute=0, second=0, microsecond=0
    )
    data = {
        "title": "Runder Tisch Vereinsfinanzen",
        "kind": "round_table",
        "format": "in_person",
        "status": "published",
        "starts_at": _local(starts_at),
        "ends_at": _local(starts_at + datetime.timedelta(hours=2)),
        "venue_name": "Stadtteilzentrum",
        "city": "Münster",
        "registration_required": "on",
        "capacity": "20",
        "waitlist_enabled": "on",
        "max_group_size": "5",
        "questions-TOTAL_FORMS": "0",
        "questions-INITIAL_FORMS": "0",
        "speakers-TOTAL_FORMS": "0",
        "speakers-INITIAL_FORMS": "0",
        "series-repeat": "",
        "series-count": "",
    }
    data.update(overrides)
    return data


def _create_url_in_english() -> str:
    """Django's own form messages are checked in English."""
    with translation.override("en"):
        return reverse("events:event-create") + "?agency=agency-x"


def _registered(event, name="Leyla Aydın", **extra):
    return services.register(event, [person(name, **extra)], consent=True).registrations[0]


def _started(event, minutes=30):
    """The event began `minutes` ago (people register before, attend after the start)."""
    now = timezone.now()
    Event.objects.filter(pk=event.pk).update(
        starts_at=now - datetime.timedelta(minutes=minutes),
        ends_at=now + datetime.timedelta(hours=2),
    )
    event.refresh_from_db()
    return event


# --- The list --------------------------------------------------------------------------------


def test_the_list_shows_the_agencys_events_with_drafts_and_counts(world, client_for):
    event = factories.make_event(world.agency_x, "Workshop Förderanträge", capacity=1)
    factories.make_event(world.agency_x, "Entwurf Sommerfest", status="draft")
    factories.make_event(world.agency_y, "Fremde Veranstaltung")
    _registered(event, "Ayşe Kaya")
    _registered(event, "Samir Haddad")

    page = client_for(world.advisor_x).get(reverse("events:manage-list")).content.decode()

    assert "Workshop Förderanträge" in page
    assert "Entwurf Sommerfest" in page
    assert "Fremde Veranstaltung" not in page
    assert "1 / 1" in page  # confirmed / places
    assert '<td data-label="Waiting list">1</td>' in page  # one on the waiting list


def test_the_list_needs_a_constant_number_of_queries(world, client_for):
    client = client_for(world.advisor_x)
    url = reverse("events:manage-list")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        return len(ctx.captured_queries)

    factories.make_event(world.agency_x, project=world.project_x)
    one = count()
    for _ in range(2):
        factories.make_event(world.agency_x, project=world.project_x)
    assert count() == one


def test_the_dashboard_links_staff_to_their_events(world, client_for):
    page = client_for(world.advisor_x).get(reverse("site:dashboard")).content.decode()

    assert reverse("events:manage-list") in page


# --- Creating and editing --------------------------------------------------------------------


def test_staff_create_an_event_with_questions_and_speakers(world, client_for):
    data = _event_data(
        **{
            "topics": [str(Topic.objects.first().pk)],
            "project": str(world.project_x.pk),
            "host_organization": world.org_b.name,
            "questions-TOTAL_FORMS": "1",
            "questions-0-label": "Dolmetschung gewünscht?",
            "questions-0-kind": "single",
            "questions-0-choices_text": "Arabisch\nTürkisch\n\nArabisch",
            "questions-0-position": "0",
            "speakers-TOTAL_FORMS": "1",
            "speakers-0-name": "Dr. Jana Petersen",
            "speakers-0-role": "Jobcenter Münster",
            "speakers-0-position": "0",
        }
    )
    url = reverse("events:event-create") + "?agency=agency-x"

    response = client_for(world.advisor_x).post(url, data)

    event = Event.objects.get(title="Runder Tisch Vereinsfinanzen")
    assert response["Location"] == reverse("events:event-update", kwargs={"slug": event.slug})
    assert event.slug == "runder-tisch-vereinsfinanzen"
    assert event.agency == world.agency_x
    assert event.project == world.project_x
    assert event.host_organization == world.org_b
    assert event.created_by == world.advisor_x
    assert list(event.topics.all()) == [Topic.objects.first()]
    assert list(event.questions.values_list("label", "choices")) == [
        ("Dolmetschung gewünscht?", ["Arabisch", "Türkisch"])
    ]
    assert list(event.speakers.values_list("name", flat=True)) == ["Dr. Jana Petersen"]
    entry = AuditLogEntry.objects.get(object_type="events.event", object_id=str(event.pk))
    assert (entry.action, entry.actor) == ("create", world.advisor_x)


def test_the_new_event_form_comes_in_parts_with_a_way_to_each(world, client_for):
    page = client_for(world.advisor_x).get(_create_url_in_english()).content.decode()

    parts = re.findall(r'<details class="form-section" id="part-([a-z]+)"( open)?>', page)
    assert parts == [
        ("event", " open"),
        ("when", " open"),
        ("audience", ""),
        ("registration", " open"),
        ("questions", ""),
        ("speakers", ""),
    ]
    nav = page[page.index('<nav class="subnav" aria-label="Parts of the form">') :]
    assert re.findall(r'<a href="#part-([a-z]+)">', nav[: nav.index("</nav>")]) == [
        slug for slug, _open in parts
    ]
    # Every field of the event is in one part.
    assert page.count('name="title"') == 1 and page.count('name="reminder_days"') == 1


def test_an_error_in_a_folded_part_opens_it_and_nothing_typed_is_lost(world, client_for):
    starts = timezone.now() + datetime.timedelta(days=10)
    topic = Topic.objects.first()
    data = _event_data(
        starts_at=starts,
        city="Bielefeld",
        description="Ein langer Text, der nicht verloren gehen darf.",
        registration_opens_at=_local(starts - datetime.timedelta(days=2)),
        registration_closes_at=_local(starts - datetime.timedelta(days=3)),
        **{
            "topics": [str(topic.pk)],
            "questions-TOTAL_FORMS": "1",
            "questions-0-label": "Essenswünsche?",
            "questions-0-kind": "text",
            "questions-0-position": "0",
            "speakers-TOTAL_FORMS": "1",
            "speakers-0-name": "Dr. Jana Petersen",
            "speakers-0-position": "0",
        },
    )

    page = client_for(world.advisor_x).post(_create_url_in_english(), data).content.decode()

    assert not Event.objects.exists()
    # The part with the error is open and counts it; the others the person did not touch stay
    # folded, their fields still in the form with what was typed.
    parts = dict(re.findall(r'<details class="form-section" id="part-([a-z]+)"( open)?>', page))
    assert parts == {
        "event": "",
        "when": "",
        "audience": "",
        "registration": " open",
        "questions": "",
        "speakers": "",
    }
    registration = page[page.index('id="part-registration"') : page.index('id="part-questions"')]
    assert '<span class="badge badge-error">1 problem</span>' in registration
    assert 'name="title" value="Runder Tisch Vereinsfinanzen"' in page
    assert 'name="city" value="Bielefeld"' in page
    assert "Ein langer Text, der nicht verloren gehen darf.</textarea>" in page
    assert re.search(rf'name="topics" value="{topic.pk}" id="id_topics_\d+" checked', page)
    assert 'name="questions-0-label" value="Essenswünsche?"' in page
    assert 'name="speakers-0-name" value="Dr. Jana Petersen"' in page
    # The error summary links to the field, which is in the open part.
    summary = page[
        page.index('<div class="error-summary"') : page.index(
            "</div>", page.index('<div class="error-summary"')
        )
    ]
    assert '<a href="#id_registration_closes_at">' in summary
    assert 'id="id_registration_closes_at"' in registration
    # Folded, a part says what it holds.
    when = page[page.index('id="part-when"') : page.index('id="part-audience"')]
    assert "Bielefeld" in when[: when.index("</summary>")]


def test_the_registration_window_must_fit_before_the_start(world, client_for):
    starts = timezone.now() + datetime.timedelta(days=10)
    data = _event_data(
        starts_at=starts,
        registration_opens_at=_local(starts - datetime.timedelta(days=2)),
        registration_closes_at=_local(starts + datetime.timedelta(days=1)),
        ends_at=_local(starts - datetime.timedelta(hours=1)),
    )

    response = client_for(world.advisor_x).post(
        reverse("events:event-create") + "?agency=agency-x", data
    )

    page = response.content.decode()
    assert "Registration must close when the event starts at the latest." in page
    assert "The event cannot end before it starts." in page
    assert not Event.objects.exists()


def test_registration_cannot_close_before_it_opens(world, client_for):
    starts = timezone.now() + datetime.timedelta(days=10)
    data = _event_data(
        starts_at=starts,
        registration_opens_at=_local(starts - datetime.timedelta(days=2)),
        registration_closes_at=_local(starts - datetime.timedelta(days=3)),
    )

    response = client_for(world.advisor_x).post(
        reverse("events:event-create") + "?agency=agency-x", data
    )

    assert "Registration must close after it opens." in response.content.decode()


def test_only_the_agencys_own_projects_can_be_chosen(world, client_for):
    other = factories.make_project(world.agency_y, title="Fremdes Projekt")
    client = client_for(world.advisor_x)
    url = _create_url_in_english()

    page = client.get(url).content.decode()
    response = client.post(url, _event_data(project=str(other.pk)))

    assert "Willkommen in Berlin" in page
    assert "Fremdes Projekt" not in page
    assert "Select a valid choice" in response.content.decode()
    assert not Event.objects.exists()


def test_someone_with_several_agencies_chooses_one_first(world, client_for):
    factories.make_staff(world.agency_y, user=world.advisor_x)

    page = client_for(world.advisor_x).get(reverse("events:event-create")).content.decode()

    assert "Which agency holds the event?" in page
    assert "?agency=agency-y" in page


def test_raising_the_places_moves_the_waiting_list_up(world, client_for, run_jobs):
    event = factories.make_event(world.agency_x, capacity=1)
    _registered(event, "Ayşe Kaya")
    waiting = _registered(event, "Samir Haddad")
    run_jobs()
    mail.outbox.clear()
    data = _event_data(starts_at=event.starts_at, title=event.title, capacity="2")

    client_for(world.manager_x).post(
        reverse("events:event-update", kwargs={"slug": event.slug}), data
    )
    run_jobs()

    waiting.refresh_from_db()
    event.refresh_from_db()
    assert waiting.status == "confirmed"
    assert event.seats_taken == 2
    assert [m.to for m in mail.outbox] == [[waiting.email]]


def test_places_cannot_be_fewer_than_the_people_confirmed(world, client_for):
    event = factories.make_event(world.agency_x, capacity=3)
    _registered(event, "Ayşe Kaya")
    _registered(event, "Samir Haddad")
    data = _event_data(starts_at=event.starts_at, title=event.title, capacity="1")

    response = client_for(world.advisor_x).post(
        reverse("events:event-update", kwargs={"slug": event.slug}), data
    )

    assert "2 people are already confirmed" in response.content.decode()
    event.refresh_from_db()
    assert event.capacity == 3


def test_cancelling_the_event_cancels_every_registration_and_tells_everyone(
    world, client_for, run_jobs
):
    event = factories.make_event(world.agency_x, "Sommerfest", capacity=1)
    confirmed = _registered(event, "Ayşe Kaya")
    waiting = _registered(event, "Samir Haddad")
    run_jobs()
    mail.outbox.clear()
    data = _event_data(starts_at=event.starts_at, title=event.title, status="cancelled")

    client_for(world.advisor_x).post(
        reverse("events:event-update", kwargs={"slug": event.slug}), data
    )
    run_jobs()

    assert set(Registration.objects.values_list("status", flat=True)) == {"cancelled"}
    event.refresh_from_db()
    assert event.seats_taken == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted([confirmed.email, waiting.email])
    assert all("Die Veranstaltung wurde abgesagt." in m.body for m in mail.outbox)


def test_saving_does_not_overwrite_places_taken_meanwhile(world, client_for):
    event = factories.make_event(world.agency_x, capacity=5)
    form_data = _event_data(starts_at=event.starts_at, title="Neuer Titel", capacity="5")
    _registered(event, "Ayşe Kaya")  # between opening the form and saving it

    client_for(world.advisor_x).post(
        reverse("events:event-update", kwargs={"slug": event.slug}), form_data
    )

    event.refresh_from_db()
    assert (event.title, event.seats_taken) == ("Neuer Titel", 1)


# --- Series and copies -----------------------------------------------------------------------


def test_a_weekly_series_creates_one_event_per_date_in_one_series(world, client_for):
    starts = (timezone.now() + datetime.timedelta(days=5)).replace(
        minute=0, second=0, microsecond=0
    )
    data = _event_data(starts_at=starts, **{"series-repeat": "weekly", "series-count": "3"})

    client_for(world.advisor_x).post(reverse("events:event-create") + "?agency=agency-x", data)

    events = list(Event.objects.order_by("starts_at"))
    assert len(events) == 3
    assert len({e.series_id for e in events}) == 1 and events[0].series_id is not None
    assert len({e.slug for e in events}) == 3
    local = [timezone.localtime(e.starts_at) for e in events]
    assert [(b.date() - a.date()).days for a, b in itertools.pairwise(local)] == [7, 7]
    assert {t.time() for t in local} == {local[0].time()}


def test_a_series_has_at_most_24_dates(world, client_for):
    data = _event_data(**{"series-repeat": "weekly", "series-count": "25"})

    response = client_for(world.advisor_x).post(_create_url_in_english(), data)

    assert "Ensure this value is less than or equal to 24." in response.content.decode()
    assert not Event.objects.exists()


def test_a_monthly_series_keeps_the_weekday_of_the_month():
    first = timezone.make_aware(datetime.datetime(2026, 1, 13, 18, 0))  # second Tuesday

    starts = services.staff.series_starts(first, "monthly", 4)

    assert [timezone.localtime(s).date() for s in starts] == [
        datetime.date(2026, 1, 13),
        datetime.date(2026, 2, 10),
        datetime.date(2026, 3, 10),
        datetime.date(2026, 4, 14),
    ]
    # Summer time starts on 29 March: the evening stays at 18:00 local time.
    assert {timezone.localtime(s).hour for s in starts} == {18}


def test_a_copy_is_a_new_draft_with_the_same_questions_and_speakers(world, client_for):
    event = factories.make_event(world.agency_x, "Infoabend Ehrenamt", project=world.project_x)
    event.topics.set(Topic.objects.all()[:2])
    Question.objects.create(event=event, label="Essenswünsche?", kind="text")
    event.speakers.create(name="Fatma Öztürk", role="Ehrenamtsagentur")
    _registered(event)

    response = client_for(world.advisor_x).post(
        reverse("events:event-copy", kwargs={"slug": event.slug})
    )

    copy = Event.objects.exclude(pk=event.pk).get()
    assert response["Location"] == reverse("events:event-update", kwargs={"slug": copy.slug})
    assert copy.slug != event.slug
    assert (copy.title, copy.status, copy.starts_at) == (event.title, "draft", event.starts_at)
    assert copy.project == world.project_x
    assert set(copy.topics.all()) == set(event.topics.all())
    assert list(copy.questions.values_list("label", flat=True)) == ["Essenswünsche?"]
    assert list(copy.speakers.values_list("name", flat=True)) == ["Fatma Öztürk"]
    assert (copy.seats_taken, copy.registrations.count()) == (0, 0)


# --- Downloads -------------------------------------------------------------------------------


def test_staff_upload_a_flyer_and_remove_it(world, client_for, django_capture_on_commit_callbacks):
    event = factories.make_event(world.agency_x)
    client = client_for(world.advisor_x)
    url = reverse("events:event-documents", kwargs={"slug": event.slug})

    client.post(
        url,
        {
            "title": "Flyer",
            "kind": "flyer",
            "file": SimpleUploadedFile("flyer.pdf", b"%PDF-1.4 flyer", "application/pdf"),
        },
    )

    document = EventDocument.objects.get()
    assert (document.title, document.size) == ("Flyer", 14)
    assert document.file.storage.exists(document.file.name)
    assert "Flyer" in client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("events:document-delete", kwargs={"slug": event.slug, "pk": document.pk})
        )

    assert not EventDocument.objects.exists()
    assert not document.file.storage.exists(document.file.name)


@pytest.mark.parametrize(
    ("name", "size", "message"),
    [
        ("setup.exe", 10, "Files of this type cannot be uploaded."),
        ("huge.pdf", DOCUMENT_MAX_BYTES + 1, "The file is too large"),
    ],
)
def test_uploads_of_the_wrong_type_or_size_are_refused(world, client_for, name, size, message):
    event = factories.make_event(world.agency_x)

    response = client_for(world.advisor_x).post(
        reverse("events:event-documents", kwargs={"slug": event.slug}),
        {"title": "Datei", "kind": "other", "file": SimpleUploadedFile(name, b"x" * size)},
    )

    assert message in response.content.decode()
    assert not EventDocument.objects.exists()


# --- Participants ----------------------------------------------------------------------------


def test_the_participant_list_shows_answers_and_filters(world, client_for):
    event = factories.make_event(world.agency_x, capacity=1)
    question = Question.objects.create(event=event, label="Dolmetschung?", kind="text")
    ayse = services.register(
        event,
        [person("Ayşe Kaya", organization_id=world.org_a.pk, answers={question.pk: "Türkisch"})],
        consent=True,
    ).registrations[0]
    _registered(event, "Samir Haddad")
    Registration.objects.filter(pk=ayse.pk).update(attended=True)
    client = client_for(world.advisor_x)
    url = reverse("events:participant-list", kwargs={"slug": event.slug})

    everyone = client.get(url).content.decode()
    waiting = client.get(url, {"status": "waitlisted"}).content.decode()
    attended = client.get(url, {"attended": "yes"}).content.decode()
    of_org_a = client.get(url, {"organization": world.org_a.pk}).content.decode()
    searched = client.get(url, {"q": "samir"}).content.decode()

    assert "<bdi>Ayşe Kaya</bdi>" in everyone and "<bdi>Samir Haddad</bdi>" in everyone
    assert "Dolmetschung?" in everyone and "Türkisch" in everyone
    assert "Samir Haddad" in waiting and "Ayşe Kaya" not in waiting
    assert "Ayşe Kaya" in attended and "Samir Haddad" not in attended
    assert "Ayşe Kaya" in of_org_a and "Samir Haddad" not in of_org_a
    assert "Samir Haddad" in searched and "Ayşe Kaya" not in searched


def test_the_participant_list_needs_a_constant_number_of_queries(world, client_for):
    event = factories.make_event(world.agency_x, capacity=None)
    question = Question.objects.create(event=event, label="Essen?", kind="text")
    client = client_for(world.advisor_x)
    url = reverse("events:participant-list", kwargs={"slug": event.slug})

    def add(i):
        org = factories.make_organization(f"Verein {i}", index=False)
        services.register(
            event,
            [
                person(f"Person {i}a", organization_id=org.pk, answers={question.pk: "vegan"}),
                person(f"Person {i}b", answers={question.pk: "halal"}),
            ],
            consent=True,
        )

    def count():
        with CaptureQueriesContext(connection) as ctx:
            page = client.get(url).content.decode()
        assert "vegan" in page
        return len(ctx.captured_queries)

    add(0)
    one = count()
    add(1)
    add(2)
    assert count() == one


def test_a_group_is_accepted_as_a_whole_and_everyone_is_told(world, client_for, run_jobs):
    event = factories.make_event(world.agency_x, requires_approval=True)
    group = services.register(
        event, [person("Ayşe Kaya"), person("Omar Nasser")], consent=True
    ).registrations
    run_jobs()
    mail.outbox.clear()

    client_for(world.advisor_x).post(
        reverse("events:participant-decide", kwargs={"slug": event.slug, "pk": group[0].pk}),
        {"decision": "accept"},
    )
    run_jobs()

    assert set(Registration.objects.values_list("status", flat=True)) == {"confirmed"}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.email for r in group)


def test_a_declined_person_is_told(world, client_for, run_jobs):
    event = factories.make_event(world.agency_x, requires_approval=True)
    registration = _registered(event)
    run_jobs()
    mail.outbox.clear()

    client_for(world.manager_x).post(
        reverse("events:participant-decide", kwargs={"slug": event.slug, "pk": registration.pk}),
        {"decision": "decline"},
    )
    run_jobs()

    registration.refresh_from_db()
    assert registration.status == "declined"
    assert [m.to for m in mail.outbox] == [[registration.email]]


def test_staff_cancel_on_someones_behalf_and_the_next_moves_up(world, client_for):
    event = factories.make_event(world.agency_x, capacity=1)
    first = _registered(event, "Ayşe Kaya")
    waiting = _registered(event, "Samir Haddad")

    client_for(world.advisor_x).post(
        reverse("events:participant-cancel", kwargs={"slug": event.slug, "pk": first.pk})
    )

    first.refresh_from_db()
    waiting.refresh_from_db()
    assert (first.status, waiting.status) == ("cancelled", "confirmed")
    assert AuditLogEntry.objects.filter(object_id=str(first.pk), actor=world.advisor_x).exists()


@pytest.mark.parametrize(("choice", "stored"), [("yes", True), ("no", False), ("unknown", None)])
def test_staff_record_attendance(world, client_for, choice, stored):
    event = factories.make_event(world.agency_x)
    registration = _registered(event)
    _started(event)

    client_for(world.advisor_x).post(
        reverse(
            "events:participant-attendance", kwargs={"slug": event.slug, "pk": registration.pk}
        ),
        {"attended": choice},
    )

    registration.refresh_from_db()
    assert registration.attended is stored


def test_the_export_has_a_column_per_question_and_neutralises_formulas(world, client_for):
    event = factories.make_event(world.agency_x)
    question = Question.objects.create(event=event, label="Essenswünsche?", kind="text")
    services.register(
        event,
        [person('=HYPERLINK("http://x")', answers={question.pk: "+vegetarisch"})],
        consent=True,
    )
    client = client_for(world.advisor_x)

    csv_text = client.get(
        reverse("events:participant-export", kwargs={"slug": event.slug, "fmt": "csv"})
    ).content.decode("utf-8-sig")
    xlsx = client.get(
        reverse("events:participant-export", kwargs={"slug": event.slug, "fmt": "xlsx"})
    )

    header, row = list(csv.reader(io.StringIO(csv_text), delimiter=";"))[:2]
    assert header[-1] == "Essenswünsche?"
    assert row[0] == '\'=HYPERLINK("http://x")'
    assert row[-1] == "'+vegetarisch"
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = list(sheet.values)
    assert values[0][-1] == "Essenswünsche?"
    assert values[1][0] == '\'=HYPERLINK("http://x")'
    assert values[1][-1] == "'+vegetarisch"


def test_a_message_goes_to_each_confirmed_participant_as_plain_text(world, client_for, run_jobs):
    event = factories.make_event(world.agency_x, capacity=1)
    confirmed = _registered(event, "Ayşe Kaya")
    waiting = _registered(event, "Samir Haddad")
    cancelled = _registered(event, "Omar Nasser")
    run_jobs()
    mail.outbox.clear()
    url = reverse("events:participant-mail", kwargs={"slug": event.slug})
    client = client_for(world.advisor_x)
    # Omar's waiting-list place ends before the message goes out.
    services.cancel(cancelled)
    run_jobs()
    mail.outbox.clear()

    client.post(url, {"subject": "Raum\ngeändert", "body": "Wir sind in <b>Raum 2</b>."})
    run_jobs()

    assert [m.to for m in mail.outbox] == [[confirmed.email]]
    message = mail.outbox[0]
    assert message.subject == "Raum geändert"
    assert "Wir sind in <b>Raum 2</b>." in message.body
    assert f"/de/events/registrations/{confirmed.token}/" in message.body
    assert getattr(message, "alternatives", []) == []
    assert message.reply_to == [world.advisor_x.email]

    mail.outbox.clear()
    client.post(
        url, {"subject": "Hinweis", "body": "Auch für die Warteliste.", "include_waitlisted": "on"}
    )
    run_jobs()

    assert sorted(m.to[0] for m in mail.outbox) == sorted([confirmed.email, waiting.email])


# --- Check-in --------------------------------------------------------------------------------


def test_the_printable_check_in_list_has_names_organizations_and_a_signature_column(
    world, client_for
):
    event = factories.make_event(world.agency_x, capacity=1)
    _registered(event, "Ayşe Kaya", organization_id=world.org_b.pk)
    _registered(event, "Samir Haddad")  # waiting: not on the list

    page = (
        client_for(world.advisor_x)
        .get(reverse("events:checkin-list", kwargs={"slug": event.slug}))
        .content.decode()
    )

    assert "<bdi>Ayşe Kaya</bdi>" in page
    assert "Verein B für Kultur" in page
    assert "Signature" in page
    assert "Samir Haddad" not in page


def test_the_check_in_page_marks_people_present_with_one_button(world, client_for):
    event = factories.make_event(world.agency_x)
    registration = _registered(event, "Ayşe Kaya")
    _started(event)
    client = client_for(world.advisor_x)
    checkin = reverse("events:checkin", kwargs={"slug": event.slug})
    scan = reverse("events:checkin-scan", kwargs={"slug": event.slug, "token": registration.token})

    before = client.get(checkin).content.decode()
    response = client.post(scan, {"next": "list"})
    after = client.get(checkin).content.decode()

    assert "0 of 1 present" in before and scan in before
    assert "phone camera" in before
    assert response["Location"] == checkin
    registration.refresh_from_db()
    assert registration.attended is True and registration.checked_in_at is not None
    assert "1 of 1 present" in after


def test_scanning_the_qr_code_shows_the_person_and_checks_in_once(world, client_for):
    event = factories.make_event(world.agency_x)
    registration = _registered(event, "Ayşe Kaya")
    _started(event)
    client = client_for(world.manager_x)
    scan = reverse("events:checkin-scan", kwargs={"slug": event.slug, "token": registration.token})

    shown = client.get(scan).content.decode()
    first = client.post(scan, follow=True).content.decode()
    second = client.post(scan, follow=True).content.decode()

    assert "<bdi>Ayşe Kaya</bdi>" in shown and "Confirm: present" in shown
    assert "Ayşe Kaya is checked in." in first
    assert "Ayşe Kaya was already checked in." in second


def test_someone_waiting_cannot_be_checked_in(world, client_for):
    event = factories.make_event(world.agency_x, capacity=1)
    _registered(event, "Ayşe Kaya")
    waiting = _registered(event, "Samir Haddad")
    _started(event)
    scan = reverse("events:checkin-scan", kwargs={"slug": event.slug, "token": waiting.token})
    client = client_for(world.advisor_x)

    shown = client.get(scan).content.decode()
    posted = client.post(scan, follow=True).content.decode()

    assert "cannot be checked in" in shown
    assert "This registration is not confirmed." in posted
    waiting.refresh_from_db()
    assert waiting.checked_in_at is None


def test_staff_of_another_agency_cannot_check_anyone_in(world, client_for):
    event = factories.make_event(world.agency_x)
    registration = _registered(event)
    scan = reverse("events:checkin-scan", kwargs={"slug": event.slug, "token": registration.token})

    response = client_for(world.advisor_y).post(scan)

    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.checked_in_at is None
