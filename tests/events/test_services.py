"""Registration rules: places, waiting list, groups, approval, cancellation, answers."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from gemeinsam.events import services
from gemeinsam.events.models import Question, Registration
from gemeinsam.events.services import RegistrationError
from gemeinsam.events.sql import waitlist_position
from tests import factories
from tests.factories import person


@pytest.fixture
def agency(db):
    return factories.make_agency("DRK-Kreisverband Münster", slug="drk-muenster")


def _statuses(event):
    return {
        status: Registration.objects.filter(event=event, status=status).count()
        for status in ("confirmed", "waitlisted", "pending", "cancelled", "declined")
    }


def test_people_are_confirmed_until_the_places_are_gone_then_wait_in_order(agency):
    event = factories.make_event(agency, capacity=2)
    outcomes = [services.register(event, [person()], consent=True) for _ in range(4)]

    assert [o.status for o in outcomes] == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    event.refresh_from_db()
    assert event.seats_taken == 2
    assert event.places_left == 0
    assert [waitlist_position(o.registrations[0]) for o in outcomes[2:]] == [1, 2]


def test_read_free_or_read_full_people_wait_in_the_order_they_came(agency):
    # A copy read while places were free finds them gone only when it comes to take them and is
    # moved to the waiting list; one read full waits for the lock first and is written waiting.
    event = factories.make_event(agency, capacity=1)
    read_free = type(event).objects.get(pk=event.pk)
    services.register(event, [person("Leyla Aydın")], consent=True)
    read_full = type(event).objects.get(pk=event.pk)
    assert (read_free.seats_taken, read_full.seats_taken) == (0, 1)
    second = services.register(read_free, [person("Omar Nasser")], consent=True)
    third = services.register(read_full, [person("Ayşe Demir")], consent=True)
    assert (second.status, third.status) == ("waitlisted", "waitlisted")
    assert [waitlist_position(o.registrations[0]) for o in (second, third)] == [1, 2]
    stored = Registration.objects.get(pk=third.registrations[0].pk)
    assert (stored.status, stored.queued_at) == ("waitlisted", third.registrations[0].queued_at)
    event.refresh_from_db()
    assert (event.seats_taken, _statuses(event)["confirmed"]) == (1, 1)


def test_a_place_freed_after_the_event_was_read_as_full_is_still_taken(agency):
    event = factories.make_event(agency, capacity=1)
    first = services.register(event, [person()], consent=True).registrations[0]
    stale = type(event).objects.get(pk=event.pk)  # read while full: one place of one taken
    assert stale.seats_taken == 1
    services.cancel(first)
    # The stale copy says full, so the registration goes straight to the event's lock, which
    # reads the places again and finds the freed one.
    outcome = services.register(stale, [person("Omar Nasser")], consent=True)
    assert outcome.status == "confirmed"
    event.refresh_from_db()
    assert (event.seats_taken, _statuses(event)["confirmed"]) == (1, 1)


def test_a_full_event_without_waiting_list_refuses_and_saves_nothing(agency):
    event = factories.make_event(agency, capacity=1, waitlist_enabled=False)
    services.register(event, [person()], consent=True)

    with pytest.raises(RegistrationError) as error:
        services.register(event, [person("Omar Nasser")], consent=True)

    assert error.value.code == "full"
    assert not Registration.objects.filter(name="Omar Nasser").exists()


def test_a_cancellation_moves_the_first_waiting_person_up_and_tells_them(agency, run_jobs):
    event = factories.make_event(agency, capacity=1, title="Abendveranstaltung Münster")
    first = services.register(event, [person("Ayşe Kaya")], consent=True).registrations[0]
    waiting = services.register(event, [person("Samir Haddad")], consent=True).registrations[0]
    run_jobs()
    mail.outbox.clear()

    services.cancel(first)
    run_jobs()

    waiting.refresh_from_db()
    event.refresh_from_db()
    assert waiting.status == "confirmed"
    assert event.seats_taken == 1
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == [
        "Anmeldung storniert: Abendveranstaltung Münster",
        "Ein Platz ist für Sie frei: Abendveranstaltung Münster",
    ]
    moved = next(m for m in mail.outbox if m.to == [waiting.email])
    assert waiting.token in moved.body


def test_a_group_is_confirmed_or_waitlisted_as_a_whole(agency):
    event = factories.make_event(agency, capacity=3)
    services.register(event, [person()], consent=True)

    outcome = services.register(event, [person(), person(), person()], consent=True)

    assert outcome.status == "waitlisted"
    assert {r.status for r in outcome.registrations} == {"waitlisted"}
    assert outcome.group is not None
    # The whole group shares one place in the queue.
    assert {waitlist_position(r) for r in outcome.registrations} == {1}


def test_people_waiting_alone_count_once_each_and_a_group_once_as_a_whole(agency):
    event = factories.make_event(agency, capacity=1)
    services.register(event, [person()], consent=True)
    waiting = [
        services.register(event, [person() for _ in range(size)], consent=True).registrations
        for size in (1, 3, 1, 2, 1)
    ]
    positions = [[waitlist_position(r) for r in people] for people in waiting]
    assert positions == [[1], [2, 2, 2], [3], [4, 4], [5]]


def test_a_waiting_group_that_does_not_fit_lets_a_single_person_behind_it_move_up(agency):
    event = factories.make_event(agency, capacity=3)
    a = services.register(event, [person()], consent=True).registrations[0]
    services.register(event, [person(), person()], consent=True)
    group = services.register(event, [person(), person(), person()], consent=True)
    single = services.register(event, [person()], consent=True).registrations[0]
    assert group.status == "waitlisted" and single.status == "waitlisted"

    services.cancel(a)

    single.refresh_from_db()
    assert single.status == "confirmed"
    assert {r.status for r in Registration.objects.filter(group=group.group)} == {"waitlisted"}
    event.refresh_from_db()
    assert event.seats_taken == 3


def test_a_group_moves_up_together_when_enough_places_are_free(agency):
    event = factories.make_event(agency, capacity=2)
    confirmed = services.register(event, [person(), person()], consent=True)
    waiting = services.register(event, [person(), person()], consent=True)

    services.cancel(confirmed.registrations[0], whole_group=True)

    assert _statuses(event)["confirmed"] == 2
    assert {r.status for r in Registration.objects.filter(group=waiting.group)} == {"confirmed"}


def test_a_second_registration_with_the_same_email_is_refused_and_names_the_first(agency):
    event = factories.make_event(agency)
    first = services.register(event, [person(email="leyla@example.org")], consent=True)

    with pytest.raises(RegistrationError) as error:
        services.register(event, [person(email="Leyla@Example.org")], consent=True)

    assert error.value.code == "duplicate"
    assert error.value.existing == first.registrations[0]
    assert Registration.objects.filter(event=event).count() == 1


def test_after_cancelling_the_same_email_may_register_again(agency):
    event = factories.make_event(agency)
    first = services.register(event, [person(email="leyla@example.org")], consent=True)
    services.cancel(first.registrations[0])

    again = services.register(event, [person(email="leyla@example.org")], consent=True)

    assert again.status == "confirmed"


def test_registration_is_refused_before_the_window_opens_after_it_closes_and_for_past_events(
    agency,
):
    now = timezone.now()
    not_yet = factories.make_event(agency, registration_opens_at=now + datetime.timedelta(days=2))
    closed = factories.make_event(agency, registration_closes_at=now - datetime.timedelta(hours=1))
    past = factories.make_event(agency, starts_in=datetime.timedelta(days=-3))
    draft = factories.make_event(agency, status="draft")

    codes = []
    for event in (not_yet, closed, past, draft):
        with pytest.raises(RegistrationError) as error:
            services.register(event, [person()], consent=True)
        codes.append(error.value.code)

    assert codes == ["not_open_yet", "closed", "past", "closed"]
    assert Registration.objects.count() == 0


def test_consent_is_required_when_the_event_asks_for_it(agency):
    event = factories.make_event(agency, consent_text="Ich bin mit Fotos einverstanden.")

    with pytest.raises(RegistrationError) as error:
        services.register(event, [person()], consent=False)
    outcome = services.register(event, [person()], consent=True)

    assert error.value.code == "consent"
    assert outcome.registrations[0].consent_text == "Ich bin mit Fotos einverstanden."
    assert outcome.registrations[0].consented_at is not None


def test_approval_keeps_registrations_pending_until_staff_decide_with_a_mail_either_way(
    agency, run_jobs
):
    staff = factories.make_staff(agency, role="advisor").user
    event = factories.make_event(agency, requires_approval=True, capacity=1, title="Runder Tisch")
    yes = services.register(event, [person(language="en")], consent=True).registrations[0]
    no = services.register(event, [person(language="tr")], consent=True).registrations[0]
    later = services.register(event, [person()], consent=True).registrations[0]
    assert {yes.status, no.status, later.status} == {"pending"}
    event.refresh_from_db()
    assert event.seats_taken == 0
    run_jobs()
    mail.outbox.clear()

    assert services.decide([yes], accept=True, by=staff) == "confirmed"
    assert services.decide([no], accept=False, by=staff) == "declined"
    assert services.decide([later], accept=True, by=staff) == "waitlisted"
    run_jobs()

    by_person = {m.to[0]: m.subject for m in mail.outbox}
    assert by_person[yes.email] == "Registration confirmed: Runder Tisch"
    assert by_person[no.email] == "Kayıt reddedildi: Runder Tisch"
    with pytest.raises(RegistrationError):
        services.decide([yes], accept=False, by=staff)


def test_raising_the_places_moves_the_waiting_list_up(agency):
    event = factories.make_event(agency, capacity=1)
    services.register(event, [person()], consent=True)
    waiting = services.register(event, [person()], consent=True).registrations[0]

    event.capacity = 2
    event.save(update_fields=["capacity"])
    moved = services.capacity_changed(event)

    assert [r.pk for r in moved] == [waiting.pk]


def test_answers_are_checked_against_the_questions(agency):
    event = factories.make_event(agency)
    language = Question.objects.create(
        event=event,
        label="Dolmetschen in",
        kind="single",
        choices=["Arabisch", "Türkisch"],
        required=True,
    )
    diet = Question.objects.create(
        event=event, label="Essen", kind="multiple", choices=["vegetarisch", "halal"]
    )
    photos = Question.objects.create(event=event, label="Fotos ok", kind="checkbox")

    clean, errors = services.validate_answers(
        event.questions.all(), {str(language.pk): "Kurdisch", str(diet.pk): ["halal", "roh"]}
    )
    assert set(errors) == {language.pk, diet.pk}

    clean, errors = services.validate_answers(
        event.questions.all(),
        {str(language.pk): "Arabisch", str(diet.pk): ["halal"], str(photos.pk): "on"},
    )
    assert errors == {}
    assert clean == {language.pk: "Arabisch", diet.pk: ["halal"], photos.pk: True}

    _, errors = services.validate_answers(event.questions.all(), {})
    assert list(errors) == [language.pk]


def test_a_confirmed_mail_carries_the_calendar_and_the_video_link_a_waiting_one_does_not(
    agency, run_jobs
):
    import icalendar

    event = factories.make_event(
        agency, capacity=1, format="online", online_url="https://video.example.org/runder-tisch"
    )
    services.register(event, [person(email="first@example.org")], consent=True)
    services.register(event, [person(email="second@example.org")], consent=True)
    run_jobs()

    confirmed = next(m for m in mail.outbox if m.to == ["first@example.org"])
    waiting = next(m for m in mail.outbox if m.to == ["second@example.org"])
    assert "https://video.example.org/runder-tisch" in confirmed.body
    assert "https://video.example.org/runder-tisch" not in waiting.body
    assert "Nummer 1 auf der Warteliste" in waiting.body
    assert waiting.attachments == []
    _name, content, mimetype = confirmed.attachments[0]
    assert mimetype.startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(content)
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["summary"]) == event.title
    assert vevent.decoded("dtstart") == event.starts_at
    assert calendar.walk("VTIMEZONE")[0]["tzid"] == "Europe/Berlin"
