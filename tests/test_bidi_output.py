"""Mixed-direction values in Arabic mails and PDFs come out in the order they were typed.

A case number (2026-00238), a legal citation (§ 45 Abs. 2 SGB VIII), a name ending in "e.V." and
"12045 Berlin" inside an Arabic sentence are reordered by the sentence's direction unless they
are isolated. Mails carry the Unicode isolates around them (FSI or LRI … PDI); what a reader sees
is worked out by fpdf2's implementation of the Unicode bidirectional algorithm. A PDF is read
back glyph by glyph in the order it is drawn from the left (tests/pdf_text.py): what stands there
is what a reader sees.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.utils import timezone, translation
from fpdf.bidi import BidiParagraph
from fpdf.enums import TextDirection

from gemeinsam.core.bidi import BIDI_CONTROLS, FSI, LRI, PDI
from gemeinsam.counselling.models import Task
from gemeinsam.counselling.tasks.timeline import send_task_reminders
from gemeinsam.events import certificates
from gemeinsam.events import services as events
from gemeinsam.funding.models import ReadinessCheck
from gemeinsam.funding.result_pdf import result_pdf
from gemeinsam.funding.services import evaluate
from gemeinsam.funding.views.checks import requirement_rows
from tests import factories
from tests.pdf_text import lines

pytestmark = pytest.mark.django_db

NAME = "Arabischer Elternverein Neukölln e.V."
CITATION = "§ 45 Abs. 2 SGB VIII"
_NO_CONTROLS = str.maketrans("", "", BIDI_CONTROLS)

CHRISTMAS_EVE = datetime.datetime(2026, 12, 24, 7, tzinfo=ZoneInfo("Europe/Berlin"))


def shown(line: str) -> str:
    """A line of an Arabic text as a reader sees it, from the left (UAX #9, right to left)."""
    paragraph = BidiParagraph(text=line, base_direction=TextDirection.RTL)
    return "".join(c.character for c in paragraph.get_reordered_characters()).translate(
        _NO_CONTROLS
    )


def _arabic_event(world):
    agency = factories.make_agency(NAME, slug="elternverein")
    return factories.make_event(
        agency,
        "Elternabend Kita e.V.",
        capacity=5,
        venue_name="Nachbarschaftshaus",
        street="Sonnenallee 12",
        postcode="12045",
        city="Berlin",
    )


def test_an_arabic_event_mail_isolates_title_place_and_agency(world, run_jobs):
    event = _arabic_event(world)
    events.register(
        event, [factories.person("ليلى حداد", "leila@example.org", language="ar")], consent=True
    )
    run_jobs()
    (message,) = mail.outbox

    assert f"{FSI}Elternabend Kita e.V.{PDI}" in message.subject
    assert shown(message.subject).startswith("Elternabend Kita e.V.")  # left of the Arabic
    body = message.body.splitlines()
    place = next(line for line in body if "Sonnenallee" in line)
    assert f"{FSI}12045 Berlin{PDI}" in place
    # Each part in its own order; the parts themselves follow the line's direction.
    assert all(part in shown(place) for part in ("12045 Berlin", "Sonnenallee 12"))
    signed = next(line for line in body if "gemeinsam" in line)
    assert f"{FSI}{NAME}{PDI}" in signed
    assert NAME in shown(signed)
    # The calendar file attached to it lays the place out the same way.
    (ics,) = [a for a in message.attachments if a[0].endswith(".ics")]
    location = ics[1].decode() if isinstance(ics[1], bytes) else ics[1]
    assert f"{FSI}12045 Berlin{PDI}" in location.replace("\r\n ", "")


def test_without_isolates_the_reader_would_see_them_reordered():
    # What the issue saw, for the record: the same lines without isolates.
    assert "12045 Berlin" not in shown("المكان: 12045 Berlin")
    assert NAME not in shown(f"الجهة: {NAME}")
    assert "2026-00238" not in shown("الملف 2026-00238")
    assert CITATION not in shown(f"الأساس القانوني: {CITATION}")


# A fixed morning (Christmas Eve): the task is due today whatever day the suite runs.
@time_machine.travel(
    datetime.datetime(2026, 12, 24, 7, tzinfo=ZoneInfo("Europe/Berlin")), tick=False
)
def test_an_arabic_task_reminder_isolates_the_case_number(world, run_jobs):
    world.advisor_x.preferred_language = "ar"
    world.advisor_x.save()
    case = factories.make_case(world.agency_x, advisors=[world.advisor_x], title="Satzung")
    Task.objects.create(
        case=case, title="Satzung e.V.", assignee=world.advisor_x, due_on=timezone.localdate()
    )
    send_task_reminders.call()
    run_jobs()
    (message,) = mail.outbox

    line = next(line for line in message.body.splitlines() if case.reference in line)
    assert f"{LRI}{case.reference}{PDI}" in line
    assert case.reference in shown(line)


def test_an_arabic_certificate_keeps_names_and_places_in_order(world):
    event = _arabic_event(world)
    registration = events.register(
        event,
        [factories.person("ليلى حداد", language="ar", organization_name=NAME)],
        consent=True,
    ).registrations[0]

    drawn = [
        line.translate(_NO_CONTROLS)
        for line in lines(certificates.certificates_pdf(event, [registration]))
    ]

    assert NAME in drawn  # its own line, the full stop at the end
    assert "Elternabend Kita e.V." in drawn
    place = next(line for line in drawn if "Nachbarschaftshaus" in line)
    assert "12045 Berlin" in place


def test_an_arabic_readiness_result_keeps_the_citation_and_the_name_in_order(world):
    check = ReadinessCheck.objects.get(code="kita")
    answers = {"legal_form": "registered_association", "has_concept": True}
    version = check.current_rules
    day = datetime.date(2026, 3, 2)
    result = evaluate(version, answers, as_of=day)
    organization = factories.make_organization(NAME)

    with translation.override("ar"):
        rows = requirement_rows(result, "ar", "")
        pdf = result_pdf(
            check, version, result, rows, language="ar", organization=organization, as_of=day
        )
    drawn = [line.translate(_NO_CONTROLS) for line in lines(pdf)]

    assert NAME in drawn
    citations = [line for line in drawn if "SGB VIII" in line]
    assert citations
    assert any(line.startswith(CITATION) for line in citations), citations
