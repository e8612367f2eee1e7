"""Bidirectional control characters never reach a name or a title.

"Hamburg X5\u202egpj.exe" is shown as "Hamburg X5exe.jpg": on a certificate, in a list or a mail
subject that misleads. Whatever way a single-line text comes in (a web form, the API, a service
writing in bulk), it is stored without them; multi-line text keeps them.
"""

from __future__ import annotations

import datetime

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from fpdf.bidi import BidiParagraph
from fpdf.enums import TextDirection

from gemeinsam.core.bidi import BIDI_CONTROLS, FSI, LRI, PDI, isolate, strip_bidi_controls
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


# --- At output: values isolated from the sentence around them (core.bidi.isolate, {% load bidi %})


def _shown(text: str, base: str = "R") -> str:
    """The text in the order a reader's eye meets it from the left, by fpdf2's implementation
    of the Unicode bidirectional algorithm (UAX #9) in a right-to-left paragraph; the isolates
    themselves drop out."""
    direction = TextDirection.RTL if base == "R" else TextDirection.LTR
    paragraph = BidiParagraph(text=text, base_direction=direction)
    shown = "".join(c.character for c in paragraph.get_reordered_characters())
    return shown.translate(str.maketrans("", "", BIDI_CONTROLS))


@pytest.mark.parametrize(
    ("value", "direction"),
    [
        ("2026-00238", "ltr"),
        ("§ 45 Abs. 2 SGB VIII", "ltr"),
        ("12045 Berlin", "auto"),
        ("Arabischer Elternverein Neukölln e.V.", "auto"),
        ("Haben Sie Kinder?", "auto"),
    ],
)
def test_an_isolated_value_keeps_its_order_in_an_arabic_sentence(value, direction):
    plain = _shown(f"الملف: {value}")
    isolated = _shown(f"الملف: {isolate(value, direction, rtl=True)}")
    assert value not in plain  # what the issue saw: 00238-2026, ".Arabischer … e.V", "?Haben …"
    assert isolated.startswith(value)  # left of the Arabic label, in the order it was typed


def test_isolate_wraps_in_fsi_or_lri_and_pdi_and_leaves_nothing_alone():
    assert isolate("Verein e.V.", rtl=True) == f"{FSI}Verein e.V.{PDI}"
    assert isolate("2026-00238", "ltr", rtl=True) == f"{LRI}2026-00238{PDI}"
    assert isolate("", rtl=True) == isolate(None, rtl=True) == ""
    assert isolate(42, "ltr", rtl=True) == f"{LRI}42{PDI}"
    # A stray PDI typed into a paragraph cannot end the isolate early; a balanced pair stays.
    assert isolate(f"a{PDI}b", rtl=True) == f"{FSI}ab{PDI}"
    assert isolate(f"a{LRI}b{PDI}c", rtl=True) == f"{FSI}a{LRI}b{PDI}c{PDI}"
    with pytest.raises(ValueError, match="direction"):
        isolate("x", "up")


def test_left_to_right_text_isolates_only_values_with_right_to_left_letters():
    assert isolate("Verein e.V.", rtl=False) == "Verein e.V."
    assert isolate("2026-00238", "ltr", rtl=False) == "2026-00238"
    assert isolate("نادي الشباب 2", rtl=False) == f"{FSI}نادي الشباب 2{PDI}"
    # Without `rtl`, the active language says.
    with translation.override("de"):
        assert isolate("12045 Berlin") == "12045 Berlin"
    with translation.override("ar"):
        assert isolate("12045 Berlin") == f"{FSI}12045 Berlin{PDI}"


def _render(source: str, **context) -> str:
    return Template("{% load bidi %}" + source).render(Context(context))


def test_the_bdi_filter_wraps_escaped_values_and_gives_isolates_in_plain_text():
    name = "Eltern & Kinder <e.V.>"
    assert _render("{{ v|bdi }}", v=name) == "<bdi>Eltern &amp; Kinder &lt;e.V.&gt;</bdi>"
    assert _render('{{ v|bdi:"ltr" }}', v="2026-00238") == '<bdi dir="ltr">2026-00238</bdi>'
    assert _render("[{{ v|bdi }}]", v="") == "[]"
    assert _render("[{{ v|bdi }}]", v=None) == "[]"
    # In a plain-text mail a tag would be read as text: the same filter gives the isolates.
    with translation.override("ar"):
        plain = _render(
            "{% autoescape off %}{{ v|bdi }} {{ c|bdi:'ltr' }}{% endautoescape %}", v=name, c="1"
        )
        assert plain == f"{FSI}{name}{PDI} {LRI}1{PDI}"
        assert _render("{{ v|isolate }}", v=name) == f"{FSI}Eltern &amp; Kinder &lt;e.V.&gt;{PDI}"
        assert _render('{{ v|isolate:"ltr" }}', v="2026-00238") == f"{LRI}2026-00238{PDI}"
    with translation.override("de"):
        assert _render('{{ v|isolate:"ltr" }}', v="2026-00238") == "2026-00238"
    with pytest.raises(TemplateSyntaxError):
        _render('{{ v|bdi:"up" }}', v="x")
