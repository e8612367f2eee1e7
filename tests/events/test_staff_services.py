"""The staff services take typed input, no form: an event with its questions and speakers, a
series, a download. What the web pages send reaches them as the same input."""

from __future__ import annotations

import dataclasses
import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gemeinsam.core.models import AuditLogEntry
from gemeinsam.events import services
from gemeinsam.events.forms.staff import EventForm
from gemeinsam.events.inputs import (
    EVENT_COLUMNS,
    EVENT_LISTS,
    DocumentInput,
    EventInput,
    Invalid,
    QuestionInput,
    SpeakerInput,
)
from gemeinsam.events.models import Event, EventDocument, Question, Registration, Topic
from tests import factories
from tests.factories import person


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _start() -> datetime.datetime:
    return (timezone.now() + datetime.timedelta(days=20)).replace(minute=0, second=0, microsecond=0)


def _round_table(**changes) -> EventInput:
    starts_at = changes.pop("starts_at", _start())
    values = {
        "title": "Runder Tisch Vereinsfinanzen",
        "kind": "round_table",
        "status": "published",
        "starts_at": starts_at,
        "ends_at": starts_at + datetime.timedelta(hours=2),
        "venue_name": "Stadtteilzentrum",
        "city": "Münster",
        "capacity": 20,
    }
    return EventInput(**(values | changes))


def _audit(event) -> list[tuple[str, dict]]:
    entries = AuditLogEntry.objects.filter(object_type="events.event", object_id=str(event.pk))
    return [(e.action, e.changes) for e in entries.order_by("pk")]


def test_an_event_is_created_with_two_questions_and_a_speaker(world):
    topic = Topic.objects.first()
    data = _round_table(
        project_id=world.project_x.pk,
        host_organization_id=world.org_b.pk,
        topics=(topic.pk,),
        questions=(
            QuestionInput(
                label="Dolmetschung gewünscht?",
                kind="single",
                choices=("Arabisch", "Türkisch"),
                position=0,
            ),
            QuestionInput(label="Essenswünsche?", kind="text", required=True, position=1),
        ),
        speakers=(SpeakerInput(name="Dr. Jana Petersen", role="Jobcenter Münster"),),
    )

    event = services.staff.save_event(by=world.advisor_x, agency=world.agency_x, data=data)

    event = Event.objects.get(pk=event.pk)
    assert (event.slug, event.agency, event.created_by) == (
        "runder-tisch-vereinsfinanzen",
        world.agency_x,
        world.advisor_x,
    )
    assert (event.project, event.host_organization) == (world.project_x, world.org_b)
    assert list(event.topics.all()) == [topic]
    assert list(event.questions.values_list("label", "kind", "choices", "required")) == [
        ("Dolmetschung gewünscht?", "single", ["Arabisch", "Türkisch"], False),
        ("Essenswünsche?", "text", [], True),
    ]
    assert list(event.speakers.values_list("name", "role")) == [
        ("Dr. Jana Petersen", "Jobcenter Münster")
    ]
    assert _audit(event) == [
        ("create", {"title": "Runder Tisch Vereinsfinanzen", "starts_at": str(event.starts_at)})
    ]


def test_an_update_keeps_the_places_a_registration_took_meanwhile(world):
    event = factories.make_event(world.agency_x, "Runder Tisch Vereinsfinanzen", capacity=5)
    # What the form carried when it was opened, with a new title.
    data = _round_table(
        title="Runder Tisch Vereinsrecht",
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        capacity=5,
        city="Münster",
        federal_state="NW",
    )
    services.register(event, [person("Ayşe Kaya")], consent=True)

    saved = services.staff.save_event(
        by=world.advisor_x, agency=world.agency_x, data=data, event=event
    )

    event.refresh_from_db()
    assert (event.title, event.seats_taken, saved.seats_taken) == (
        "Runder Tisch Vereinsrecht",
        1,
        1,
    )
    assert _audit(event)[-1] == (
        "update",
        {
            "title": ["Runder Tisch Vereinsfinanzen", "Runder Tisch Vereinsrecht"],
            "venue_name": ["", "Stadtteilzentrum"],
        },
    )


def test_fewer_places_than_people_confirmed_are_refused_and_nothing_changes(world):
    event = factories.make_event(world.agency_x, "Sommerfest", capacity=3)
    # Two people took places after the form asking for one place was checked.
    services.register(event, [person("Ayşe Kaya"), person("Samir Haddad")], consent=True)
    data = _round_table(title="Neuer Titel", starts_at=event.starts_at, capacity=1)

    with pytest.raises(Invalid) as refused:
        services.staff.save_event(by=world.advisor_x, agency=world.agency_x, data=data, event=event)

    assert refused.value.errors == {
        "capacity": "2 people are already confirmed; the places cannot be fewer."
    }
    event.refresh_from_db()
    assert (event.title, event.capacity, event.seats_taken) == ("Sommerfest", 3, 2)
    assert _audit(event) == []


def test_raising_the_places_moves_the_waiting_list_up(world, run_jobs):
    event = factories.make_event(world.agency_x, capacity=1)
    services.register(event, [person("Ayşe Kaya")], consent=True)
    waiting = services.register(event, [person("Samir Haddad")], consent=True).registrations[0]
    run_jobs()
    mail.outbox.clear()

    services.staff.save_event(
        by=world.manager_x,
        agency=world.agency_x,
        data=_round_table(title=event.title, starts_at=event.starts_at, capacity=2),
        event=event,
    )
    run_jobs()

    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert [m.to for m in mail.outbox] == [[waiting.email]]


def test_questions_are_changed_and_removed_by_id_and_rows_not_named_stay(world):
    event = factories.make_event(world.agency_x)
    kept = Question.objects.create(event=event, label="Essen?", kind="text", position=0)
    changed = Question.objects.create(event=event, label="Dolmetschung?", kind="text", position=1)
    removed = Question.objects.create(event=event, label="Parkplatz?", kind="checkbox")
    speaker = event.speakers.create(name="Fatma Öztürk")
    data = _round_table(
        starts_at=event.starts_at,
        questions=(
            QuestionInput(
                label="Dolmetschung in?", kind="multiple", choices=("ar", "tr"), id=changed.pk
            ),
            QuestionInput(id=removed.pk, delete=True),
            QuestionInput(label="Kinderbetreuung?", kind="checkbox", position=3),
        ),
    )

    services.staff.save_event(by=world.advisor_x, agency=world.agency_x, data=data, event=event)

    assert list(event.questions.values_list("pk", "label", "choices")) == [
        (kept.pk, "Essen?", []),
        (changed.pk, "Dolmetschung in?", ["ar", "tr"]),
        (Question.objects.get(label="Kinderbetreuung?").pk, "Kinderbetreuung?", []),
    ]
    assert list(event.speakers.all()) == [speaker]


def test_a_question_of_another_event_cannot_be_named(world):
    event = factories.make_event(world.agency_x)
    other = Question.objects.create(
        event=factories.make_event(world.agency_x), label="Fremd?", kind="text"
    )
    data = _round_table(
        starts_at=event.starts_at, questions=(QuestionInput(id=other.pk, delete=True),)
    )

    with pytest.raises(ValueError, match="Question"):
        services.staff.save_event(by=world.advisor_x, agency=world.agency_x, data=data, event=event)

    assert Question.objects.filter(pk=other.pk).exists()


def test_an_event_never_names_a_project_of_another_agency(world):
    foreign = factories.make_project(world.agency_y, title="Fremdes Projekt")

    with pytest.raises(ValueError, match="project"):
        services.staff.save_event(
            by=world.advisor_x, agency=world.agency_x, data=_round_table(project_id=foreign.pk)
        )

    assert not Event.objects.exists()


def test_a_series_creates_every_date_with_the_questions_and_an_audit_entry_each(world):
    data = _round_table(
        questions=(QuestionInput(label="Essen?", kind="text"),),
        speakers=(SpeakerInput(name="Fatma Öztürk"),),
    )

    events = services.staff.create_series(
        by=world.advisor_x, agency=world.agency_x, data=data, repeat="biweekly", count=3
    )

    stored = list(Event.objects.order_by("starts_at"))
    assert [e.pk for e in events] == [e.pk for e in stored]
    assert len({e.series_id for e in stored}) == 1 and stored[0].series_id is not None
    days = [timezone.localtime(e.starts_at).date() for e in stored]
    assert [(day - days[0]).days for day in days] == [0, 14, 28]
    assert [list(e.questions.values_list("label", flat=True)) for e in stored] == [["Essen?"]] * 3
    assert [list(e.speakers.values_list("name", flat=True)) for e in stored] == [
        ["Fatma Öztürk"]
    ] * 3
    assert [[action for action, _changes in _audit(e)] for e in stored] == [["create"]] * 3


def test_a_series_whose_dates_do_not_fit_creates_nothing(world):
    starts = _start()
    data = _round_table(
        starts_at=starts, registration_closes_at=starts + datetime.timedelta(hours=1)
    )

    with pytest.raises(Invalid) as refused:
        services.staff.create_series(
            by=world.advisor_x, agency=world.agency_x, data=data, repeat="weekly", count=2
        )

    assert list(refused.value.errors) == ["registration_closes_at"]
    assert not Event.objects.exists()


def test_a_download_is_stored_with_its_size_and_audited(world):
    event = factories.make_event(world.agency_x)
    upload = SimpleUploadedFile("flyer.pdf", b"%PDF-1.4 flyer", "application/pdf")

    document = services.staff.add_document(
        by=world.advisor_x,
        event=event,
        data=DocumentInput(title="Flyer", kind="flyer", file=upload),
    )

    document = EventDocument.objects.get(pk=document.pk)
    assert (document.event, document.title, document.kind, document.size) == (
        event,
        "Flyer",
        "flyer",
        14,
    )
    assert document.file.read() == b"%PDF-1.4 flyer"
    entry = AuditLogEntry.objects.get(object_type="events.eventdocument")
    assert (entry.action, entry.actor, entry.changes) == (
        "create",
        world.advisor_x,
        {"event": event.slug, "file": document.file.name},
    )


def test_a_download_of_the_wrong_type_is_refused(world):
    event = factories.make_event(world.agency_x)
    upload = SimpleUploadedFile("setup.exe", b"MZ")

    with pytest.raises(Invalid) as refused:
        services.staff.add_document(
            by=world.advisor_x, event=event, data=DocumentInput(title="Setup", file=upload)
        )

    assert list(refused.value.errors) == ["file"]
    assert refused.value.errors["file"].startswith("Files of this type cannot be uploaded.")
    assert not EventDocument.objects.exists()


# --- From the web page to the input ----------------------------------------------------------


def test_the_input_carries_every_field_of_the_form():
    by_id = {"project_id": "project", "host_organization_id": "host_organization"}
    carried = [by_id.get(name, name) for name in EVENT_COLUMNS] + list(EVENT_LISTS)

    assert sorted(carried) == sorted(EventForm.Meta.fields)
    assert "seats_taken" not in {f.name for f in dataclasses.fields(EventInput)}


def test_the_edit_page_removes_a_question_and_changes_a_speaker(world, client_for):
    event = factories.make_event(world.agency_x, "Infoabend", capacity=5)
    question = Question.objects.create(event=event, label="Essen?", kind="text")
    speaker = event.speakers.create(name="Fatma Öztürk", role="Ehrenamt")
    services.register(event, [person("Ayşe Kaya")], consent=True)
    starts = timezone.localtime(event.starts_at)
    data = {
        "title": "Infoabend",
        "kind": "round_table",
        "format": "in_person",
        "status": "published",
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (starts + datetime.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        "city": "Münster",
        "federal_state": "NW",
        "registration_required": "on",
        "capacity": "5",
        "waitlist_enabled": "on",
        "max_group_size": "10",
        "questions-TOTAL_FORMS": "1",
        "questions-INITIAL_FORMS": "1",
        "questions-0-id": str(question.pk),
        "questions-0-label": "Essen?",
        "questions-0-kind": "text",
        "questions-0-position": "0",
        "questions-0-DELETE": "on",
        "speakers-TOTAL_FORMS": "2",
        "speakers-INITIAL_FORMS": "1",
        "speakers-0-id": str(speaker.pk),
        "speakers-0-name": "Fatma Öztürk",
        "speakers-0-role": "Ehrenamtsagentur Münster",
        "speakers-0-position": "0",
        "speakers-1-position": "0",
    }

    response = client_for(world.advisor_x).post(
        reverse("events:event-update", kwargs={"slug": event.slug}), data
    )

    assert response["Location"] == reverse("events:event-update", kwargs={"slug": event.slug})
    assert not event.questions.exists()
    assert list(event.speakers.values_list("pk", "role")) == [
        (speaker.pk, "Ehrenamtsagentur Münster")
    ]
    event.refresh_from_db()
    assert event.seats_taken == 1
    assert Registration.objects.filter(event=event, status="confirmed").count() == 1
