"""The mails about a registration, as the worker sends them: text, language and calendar file."""

from __future__ import annotations

import icalendar
import pytest
from django.core import mail

from gemeinsam.events import services
from tests import factories

VIDEO = "https://video.example.org/raum-42"


@pytest.fixture
def event(world):
    return factories.make_event(
        world.agency_x, "Online-Sprechstunde", capacity=1, format="online", online_url=VIDEO
    )


def _register(event, name, email, language="en"):
    person = factories.person(name, email, language=language)
    return services.register(event, [person], consent=True).registrations[0]


def _mails_to(email):
    return [m for m in mail.outbox if m.to == [email]]


def _calendar(message):
    (attachment,) = message.attachments
    filename, content, mimetype = attachment
    return filename, mimetype, icalendar.Calendar.from_ical(content)


def test_the_confirmation_carries_the_video_link_and_a_calendar_file(event, run_jobs):
    registration = _register(event, "Leyla Aydın", "leyla@example.org")
    run_jobs()
    (message,) = _mails_to("leyla@example.org")
    filename, mimetype, calendar = _calendar(message)
    (vevent,) = calendar.walk("VEVENT")
    assert message.subject == "Registration confirmed: Online-Sprechstunde"
    assert "Hello Leyla Aydın," in message.body
    assert f"Video link: {VIDEO}" in message.body
    assert registration.token in message.body
    assert (filename, mimetype.split(";")[0]) == ("event.ics", "text/calendar")
    assert str(vevent["summary"]) == "Online-Sprechstunde"
    assert VIDEO in str(vevent["description"])
    assert vevent.decoded("dtstart") == event.starts_at


def test_the_waiting_list_mail_names_the_position_without_link_or_calendar(event, run_jobs):
    _register(event, "Leyla Aydın", "leyla@example.org")
    _register(event, "Omar Haddad", "omar@example.org")
    _register(event, "Selin Kaya", "selin@example.org")
    run_jobs()
    (omar,) = _mails_to("omar@example.org")
    (selin,) = _mails_to("selin@example.org")
    assert omar.subject == "On the waiting list: Online-Sprechstunde"
    assert "You are number 1 on the waiting list." in " ".join(omar.body.split())
    assert "You are number 2 on the waiting list." in " ".join(selin.body.split())
    assert (VIDEO in omar.body, omar.attachments) == (False, [])


def test_the_next_in_line_is_told_when_a_place_becomes_free(event, run_jobs):
    first = _register(event, "Leyla Aydın", "leyla@example.org")
    _register(event, "Omar Haddad", "omar@example.org")
    run_jobs()
    mail.outbox.clear()
    services.cancel(first)
    run_jobs()
    (cancelled,) = _mails_to("leyla@example.org")
    (moved_up,) = _mails_to("omar@example.org")
    _filename, _mimetype, calendar = _calendar(moved_up)
    assert cancelled.subject == "Registration cancelled: Online-Sprechstunde"
    assert (VIDEO in cancelled.body, cancelled.attachments) == (False, [])
    assert moved_up.subject == "A place is free for you: Online-Sprechstunde"
    assert f"Video link: {VIDEO}" in moved_up.body
    assert [str(v["summary"]) for v in calendar.walk("VEVENT")] == ["Online-Sprechstunde"]


def test_the_first_mail_says_what_the_registration_is_when_the_worker_sends_it(event, run_jobs):
    first = _register(event, "Leyla Aydın", "leyla@example.org")
    second = _register(event, "Omar Haddad", "omar@example.org")
    assert second.status == "waitlisted"
    services.cancel(first)  # before the worker ran: Omar moves up into the place
    run_jobs()
    leyla = [m.subject for m in _mails_to("leyla@example.org")]
    omar = sorted(m.subject for m in _mails_to("omar@example.org"))
    # Leyla is not told she is registered after she cancelled, and Omar never reads that he
    # waits once he has the place.
    assert leyla == ["Registration cancelled: Online-Sprechstunde"]
    assert omar == [
        "A place is free for you: Online-Sprechstunde",
        "Registration confirmed: Online-Sprechstunde",
    ]


def test_a_registration_waiting_for_approval_gets_no_video_link(world, run_jobs):
    event = factories.make_event(
        world.agency_x, "Fachtag", format="hybrid", online_url=VIDEO, requires_approval=True
    )
    _register(event, "Leyla Aydın", "leyla@example.org")
    run_jobs()
    (message,) = _mails_to("leyla@example.org")
    assert message.subject == "Registration received: Fachtag"
    assert (VIDEO in message.body, message.attachments) == (False, [])


def test_the_mail_is_written_in_the_language_of_the_registration(event, run_jobs):
    _register(event, "Leyla Aydın", "leyla@example.org", language="en")
    _register(event, "Omar Haddad", "omar@example.org", language="ar")
    run_jobs()
    (english,) = _mails_to("leyla@example.org")
    (arabic,) = _mails_to("omar@example.org")
    assert "/en/events/registrations/" in english.body
    assert "/ar/events/registrations/" in arabic.body


def test_the_resent_link_goes_only_to_the_registered_address(event, client, run_jobs):
    registration = _register(event, "Leyla Aydın", "leyla@example.org")
    run_jobs()
    mail.outbox.clear()
    client.post(
        f"/en/events/{event.slug}/register/",
        {"name": "Someone Else", "email": "LEYLA@example.org"},
    )
    run_jobs()
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["leyla@example.org"], "Your registration: Online-Sprechstunde")
    ]
    assert registration.token in mail.outbox[0].body
    assert VIDEO in mail.outbox[0].body
