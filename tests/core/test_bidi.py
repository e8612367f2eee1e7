"""Bidirectional control characters never reach a name or a title.

"Hamburg X5\u202egpj.exe" is shown as "Hamburg X5exe.jpg": on a certificate, in a list or a mail
subject that misleads. Whatever way a single-line text comes in (a web form, the API, a service
writing in bulk), it is stored without them; multi-line text keeps them.
"""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from gemeinsam.core.bidi import BIDI_CONTROLS, strip_bidi_controls
from gemeinsam.events.models import Registration
from gemeinsam.rooms.models import Booking
from tests import factories

pytestmark = pytest.mark.django_db

SPOOFED = "Hamburg X5\u202egpj.exe"
SHOWN_AS_TYPED = "Hamburg X5gpj.exe"


def test_every_control_character_is_removed_and_nothing_else():
    assert len(BIDI_CONTROLS) == 12
    text = "".join(f"{c}x" for c in BIDI_CONTROLS) + " مرحبا Ünal"
    assert strip_bidi_controls(text) == "x" * 12 + " مرحبا Ünal"
    assert strip_bidi_controls("\u2067نادي\u2069 e.V.") == "نادي e.V."


def test_the_registration_form_stores_names_as_typed_without_controls(world):
    event = factories.make_event(world.agency_x, "Workshop Vereinsfinanzen", capacity=5)
    with translation.override("en"):
        url = reverse("events:registration-create", kwargs={"slug": event.slug})
    response = Client().post(
        url,
        {
            "name": SPOOFED,
            "email": "leyla@example.org",
            "organization_name": "\u2066Verein\u2069 \u200fA\u200e",
            "consent": "on",
        },
    )
    registration = Registration.objects.get()
    assert response["Location"].endswith(f"/registrations/{registration.token}/")
    assert (registration.name, registration.organization_name) == (SHOWN_AS_TYPED, "Verein A")
    page = Client().get(response["Location"]).content.decode()
    assert SHOWN_AS_TYPED in page
    assert "\u202e" not in page


def test_the_api_stores_names_without_controls(world):
    event = factories.make_event(world.agency_x, "Workshop Vereinsfinanzen", capacity=5)
    response = Client().post(
        f"/api/v1/events/{event.pk}/registrations",
        data={"name": SPOOFED, "email": "leyla@example.org"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert Registration.objects.get().name == SHOWN_AS_TYPED


def test_a_weekly_room_request_written_in_bulk_stores_its_title_without_controls(world, client_for):
    room = factories.make_room(world.agency_x, "Seminarraum Nord", slug="seminarraum")
    day = timezone.localdate() + datetime.timedelta(days=14)
    client_for(world.member_a).post(
        f"/en/rooms/{room.agency.slug}/{room.slug}/request/",
        {
            "date": day.isoformat(),
            "start": "10:00",
            "end": "12:00",
            "repeat": "weekly",
            "weeks": "3",
            "title": "Vorstand \u202esitzung",
            "attendees": "8",
            "organization": str(world.org_a.pk),
            "note": "",
        },
    )
    assert list(Booking.objects.values_list("title", flat=True)) == ["Vorstand sitzung"] * 3


def test_titles_lose_the_controls_and_multi_line_text_keeps_its_marks(world):
    description = "يبدأ اللقاء في \u200f10:00\u200f مساءً"
    event = factories.make_event(world.agency_x, SPOOFED, description=description)
    event.refresh_from_db()
    assert (event.title, event.description) == (SHOWN_AS_TYPED, description)
