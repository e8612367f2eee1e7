"""Certificates of attendance: one PDF page per person who attended, in their language.

Text in a PDF with embedded, shaped fonts is stored as glyph numbers, so the tests read what a
PDF reader shows in its sidebar instead: each page starts an outline entry with the person's
name, stored as UTF-16 text.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from gemeinsam.core.pdf import FONTS
from gemeinsam.events import certificates, services
from gemeinsam.events.models import Registration
from tests import factories
from tests.factories import person


def _outline_titles(pdf: bytes) -> list[str]:
    titles = re.findall(rb"/Title <feff([0-9a-f]+)>", pdf)
    return [bytes.fromhex(t.decode()).decode("utf-16-be") for t in titles]


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b(?!s)", pdf))


def _glyphs_per_character(pdf: bytes) -> dict[int, int]:
    """How many glyphs of the embedded fonts stand for each character (their ToUnicode tables).

    Shaped Arabic uses a letter's initial, medial and final forms, each its own glyph.
    """
    chars: dict[int, int] = {}
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            text = zlib.decompress(stream)
        except zlib.error:
            text = stream
        if b"beginbfchar" not in text:
            continue
        for target in re.findall(rb"<[0-9A-Fa-f]{4}> <([0-9A-Fa-f]+)>", text):
            for i in range(0, len(target), 4):
                code = int(target[i : i + 4], 16)
                chars[code] = chars.get(code, 0) + 1
    return chars


@pytest.fixture
def attended_event(world):
    event = factories.make_event(world.agency_x, "Workshop Vereinsrecht", project=world.project_x)
    outcome = services.register(
        event,
        [
            person("Ayşe Kaya", language="tr"),
            person("ليلى حداد", language="ar"),
            person("Jonas Becker", language="de"),
        ],
        consent=True,
    )
    ayse, leila, jonas = outcome.registrations
    Registration.objects.filter(pk__in=[ayse.pk, leila.pk]).update(attended=True)
    Registration.objects.filter(pk=jonas.pk).update(attended=False)
    return event, ayse, leila, jonas


def test_one_certificate_is_a_one_page_pdf_with_the_persons_name(attended_event, client_for, world):
    event, ayse, _leila, _jonas = attended_event

    response = client_for(world.advisor_x).get(
        reverse("events:certificate", kwargs={"slug": event.slug, "pk": ayse.pk})
    )

    pdf = response.content
    assert response["Content-Type"] == "application/pdf"
    assert pdf.startswith(b"%PDF-")
    assert _pages(pdf) == 1
    assert _outline_titles(pdf) == ["Ayşe Kaya"]
    assert b"DejaVuSans" in pdf


def test_all_certificates_have_one_page_per_person_who_attended(attended_event, client_for, world):
    event, _ayse, _leila, _jonas = attended_event

    response = client_for(world.manager_x).get(
        reverse("events:certificate-all", kwargs={"slug": event.slug})
    )

    pdf = response.content
    assert _pages(pdf) == 2
    # Sorted by name; Jonas did not attend.
    assert _outline_titles(pdf) == ["Ayşe Kaya", "ليلى حداد"]


def test_the_arabic_page_is_set_with_arabic_glyphs(attended_event):
    event, _ayse, leila, _jonas = attended_event

    pdf = certificates.certificates_pdf(event, [leila])

    glyphs = _glyphs_per_character(pdf)
    # The name's letters are embedded, and lam (initial in ليـ, medial in ـلـ) as two shapes.
    assert {0x0644, 0x064A, 0x062D, 0x062F} <= glyphs.keys()
    assert glyphs[0x0644] >= 2
    assert _pages(pdf) == 1


def test_no_certificate_for_someone_who_did_not_attend(attended_event, client_for, world):
    event, _ayse, _leila, jonas = attended_event

    response = client_for(world.advisor_x).get(
        reverse("events:certificate", kwargs={"slug": event.slug, "pk": jonas.pk})
    )

    assert response.status_code == 404
    assert not response.content.startswith(b"%PDF")


def test_without_anyone_attended_the_page_says_so(world, client_for):
    event = factories.make_event(world.agency_x)

    with translation.override("en"):
        url = reverse("events:certificate-all", kwargs={"slug": event.slug})
    response = client_for(world.advisor_x).get(url, follow=True)

    assert "Nobody is marked as attended yet." in response.content.decode()


def test_the_fonts_ship_with_the_app_with_their_licence():
    fonts = Path(certificates.__file__).parent.parent / "core" / "fonts"

    assert fonts == FONTS
    assert (fonts / "DejaVuSans.ttf").stat().st_size > 100_000
    assert (fonts / "DejaVuSans-Bold.ttf").stat().st_size > 100_000
    assert "Bitstream" in (fonts / "LICENSE").read_text()
