"""Plain-text mails say what was typed: a title with <, & and ' arrives as it is, not as HTML
entities (&lt;, &amp;, &#x27;), in the subject and in the text of every kind of mail."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone

import gemeinsam
from gemeinsam.counselling import services
from gemeinsam.counselling.models import Contact
from gemeinsam.counselling.services.appointments import AppointmentData
from gemeinsam.events import services as events
from gemeinsam.funding.models import Programme
from gemeinsam.funding.tasks import MailItem, build_reminder_mail
from gemeinsam.organizations import services as organizations
from gemeinsam.rooms.tasks import build_mail
from tests import factories

pytestmark = pytest.mark.django_db

TITLE = "Eltern & Kinder <Treff> 'Brücke'"
ENTITIES = ("&amp;", "&lt;", "&gt;", "&#x27;", "&quot;")


def _plain(text: str) -> bool:
    return TITLE in text and not any(entity in text for entity in ENTITIES)


def test_event_mails(world, run_jobs):
    event = factories.make_event(world.agency_x, TITLE, capacity=5)
    person = factories.person("Leyla Aydın", "leyla@example.org", language="en")
    events.register(event, [person], consent=True)
    run_jobs()
    (message,) = mail.outbox
    assert message.subject == f"Registration confirmed: {TITLE}"
    assert _plain(message.body)


def test_room_mails(world):
    room = factories.make_room(world.agency_x, TITLE, slug="treff")
    world.member_a.preferred_language = "en"
    booking = factories.make_booking(room, by=world.member_a)
    message = build_mail([booking], "approved")
    assert message.subject == f"Booking confirmed: {TITLE}"
    assert _plain(message.body)


def test_appointment_mails(world, run_jobs):
    leyla = Contact.objects.create(
        name="Leyla Aydın", email="leyla@example.org", preferred_language="en"
    )
    case = factories.make_case(world.agency_x, advisors=[world.advisor_x], contacts=[leyla])
    starts_at = timezone.now() + datetime.timedelta(days=7)
    services.appointments.create_appointment(
        agency=world.agency_x,
        case=case,
        data=AppointmentData(
            title=TITLE,
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=1),
            channel="in_person",
            advisor=world.advisor_x,
            location="Beratungsraum 2",
            attendees=[leyla],
        ),
        by=world.advisor_x,
    )
    run_jobs()
    (message,) = mail.outbox
    assert message.subject == f"Invitation: {TITLE}"
    assert _plain(message.body)


def test_organization_mails(world, django_capture_on_commit_callbacks):
    world.org_a.name = TITLE
    world.org_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        organizations.invite_member(
            by=world.member_a,
            organization=world.org_a,
            email="kollegin@example.org",
            role="member",
        )
    (message,) = mail.outbox
    assert message.subject == f"Invitation to act for {TITLE}"
    assert _plain(message.body)


def test_funding_deadline_mails(world):
    world.member_a.preferred_language = "en"
    programme = Programme(name=TITLE, funder="Stiftung")
    item = MailItem(
        programme=programme,
        deadline=datetime.date(2030, 3, 31),
        days_left=3,
        organization=world.org_a,
        programme_url="https://gemeinsam.example.org/en/funding/programmes/treff/",
    )
    message = build_reminder_mail(world.member_a, [item])
    assert message.subject == f"Deadline in 3 days: {TITLE}"
    assert _plain(message.body)


def test_every_plain_text_mail_template_switches_html_escaping_off():
    root = Path(gemeinsam.__file__).parent
    templates = sorted(root.glob("*/templates/**/mail/*.txt"))
    assert len(templates) >= 20
    escaping = [
        str(path.relative_to(root))
        for path in templates
        if "{% autoescape off %}" not in path.read_text(encoding="utf-8")
    ]
    assert escaping == []
