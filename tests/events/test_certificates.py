"""Certificates of attendance: one PDF page per person who attended, in their language.

Text in a PDF with embedded, shaped fonts is stored as glyph numbers, so the tests read what a
PDF reader shows in its sidebar instead: each page starts an outline entry with the person's
name, stored as UTF-16 text.
"""

from __future__ import annotations

import datetime
import re
import zlib
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from gemeinsam.core.pdf import FONTS
from gemeinsam.events import certificates, services
from gemeinsam.events.models import Event, Registration
from tests import factories
from tests.factories import person


def _outline_titles(pdf: bytes) -> list[str]:
    titles = re.findall(rb"/Title <feff([0-9a-f]+)>", pdf)
    return [bytes.fromhex(t.decode()).decode("utf-16-be") for t in titles]


def _start(event, *, ago: datetime.timedelta):
    now = timezone.now()
    Event.objects.filter(pk=event.pk).update(
        starts_at=now - ago, ends_at=now - ago + datetime.timedelta(hours=3)
    )
    event.refresh_from_db()


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


# --- Reading the text of a PDF -------------------------------------------------------------------
# fpdf2 draws shaped text glyph by glyph, each placed with its own text matrix. The glyph numbers
# stand for characters through each font's ToUnicode table, so the page's text (and where each
# character stands) can be read back without a PDF library.


def _objects(pdf: bytes) -> dict[int, bytes]:
    return {int(n): body for n, body in re.findall(rb"(\d+) 0 obj(.*?)endobj", pdf, re.S)}


def _stream(body: bytes) -> bytes:
    raw = re.search(rb"stream\r?\n(.*?)\r?\nendstream", body, re.S).group(1)
    try:
        return zlib.decompress(raw)
    except zlib.error:
        return raw


def _cmap(text: bytes) -> dict[int, str]:
    chars = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", text, re.S):
        for code, target in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            chars[int(code, 16)] = bytes.fromhex(target.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", text, re.S):
        for low, high, target in re.findall(
            rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
        ):
            first = int(target, 16)
            for i, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                chars[code] = chr(first + i)
    return chars


_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _literal(raw: bytes) -> bytes:
    def unescape(m):
        s = m.group(1)
        if s[:1].isdigit():
            return bytes([int(s, 8)])
        return _ESCAPES.get(s, s)

    return re.sub(rb"\\([0-7]{1,3}|.)", unescape, raw, flags=re.S)


# A font and its size; a position (Td, or a text matrix that only moves); a string drawn.
_TOKEN = re.compile(
    rb"/(F\d+) ([\d.]+) Tf"
    rb"|([\d.-]+) ([\d.-]+) Td"
    rb"|1 0 0 1 ([\d.-]+) ([\d.-]+) Tm"
    rb"|\(((?:\\.|[^\\)])*)\) Tj",
    re.S,
)


def glyphs(pdf: bytes):
    """Every glyph drawn on each page: (page, font size, x, y, character), in points."""
    objects = _objects(pdf)
    maps = {}
    for body in objects.values():
        for name, ref in re.findall(rb"/(F\d+) (\d+) 0 R", body):
            font = objects[int(ref)]
            unicode_ref = re.search(rb"/ToUnicode (\d+) 0 R", font)
            if unicode_ref:
                maps[name.decode()] = _cmap(_stream(objects[int(unicode_ref.group(1))]))
    pages = [body for body in objects.values() if re.search(rb"/Type /Page\b(?!s)", body)]
    found = []
    for number, page in enumerate(pages, start=1):
        content = _stream(objects[int(re.search(rb"/Contents (\d+) 0 R", page).group(1))])
        font, size, x, y = None, 0.0, 0.0, 0.0
        for m in _TOKEN.finditer(content):
            if m.group(1):
                font, size = m.group(1).decode(), float(m.group(2))
            elif m.group(3):
                x, y = float(m.group(3)), float(m.group(4))
            elif m.group(5):
                x, y = float(m.group(5)), float(m.group(6))
            else:
                data = _literal(m.group(7))
                for i in range(0, len(data) - 1, 2):
                    code = int.from_bytes(data[i : i + 2], "big")
                    found.append((number, size, x, y, maps[font].get(code, "?")))
    return found


def _lines(pdf: bytes, size: float) -> list[tuple[float, float, str]]:
    """The lines of text of one font size on the first page, top to bottom: (first x, last x,
    text), x in points."""
    lines: dict[float, list[tuple[float, str]]] = {}
    for page, glyph_size, x, y, char in glyphs(pdf):
        if page == 1 and glyph_size == size:
            lines.setdefault(y, []).append((x, char))
    return [
        (min(lines[y])[0], max(lines[y])[0], "".join(c for _x, c in sorted(lines[y])))
        for y in sorted(lines, reverse=True)
    ]


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
    # The workshop has begun: people registered before, attended after the start.
    _start(event, ago=datetime.timedelta(hours=1))
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
    event = factories.make_event(world.agency_x, starts_in=datetime.timedelta(hours=-1))

    with translation.override("en"):
        url = reverse("events:certificate-all", kwargs={"slug": event.slug})
    response = client_for(world.advisor_x).get(url, follow=True)

    assert "Nobody is marked as attended yet." in response.content.decode()


# The page's printable width in points: A4 is 595.28 pt wide, the margins are 25 mm (70.87 pt).
RIGHT_EDGE = 595.28 - 70.87


@pytest.mark.parametrize("language", ["de", "tr"])
def test_the_signature_caption_wraps_under_its_line_instead_of_running_off_the_page(
    world, language
):
    agency = factories.make_agency(
        "Landesweites Kompetenzzentrum für Migrantenorganisationen und interkulturelle Öffnung",
        slug="landesweit",
    )
    event = factories.make_event(agency, "Workshop")
    registration = services.register(
        event, [person("Ayşe Kaya", language=language)], consent=True
    ).registrations[0]

    pdf = certificates.certificates_pdf(event, [registration])

    with translation.override(language):
        caption = translation.gettext("Signature for %(agency)s") % {"agency": agency.name}
        place = translation.gettext("Place, date")
    captions = _lines(pdf, 10.0)
    written = "".join(text for _start, _end, text in captions)
    # Every word of the caption is on the page, the whole caption in reading order.
    assert caption.replace(" ", "") in written.replace(place.replace(" ", ""), "", 1).replace(
        " ", ""
    )
    assert all(end < RIGHT_EDGE for _start, end, _text in captions), captions


def test_the_arabic_signature_caption_stays_on_the_page(world):
    agency = factories.make_agency(
        "Landesweites Kompetenzzentrum für Migrantenorganisationen und interkulturelle Öffnung",
        slug="landesweit",
    )
    event = factories.make_event(agency, "Workshop")
    registration = services.register(
        event, [person("ليلى حداد", language="ar")], consent=True
    ).registrations[0]

    captions = _lines(certificates.certificates_pdf(event, [registration]), 10.0)

    assert len(captions) >= 3  # the caption wrapped
    assert all(start > 70 and end < RIGHT_EDGE for start, end, _text in captions), captions


def test_no_certificate_before_the_event_has_started(world, client_for):
    event = factories.make_event(world.agency_x)
    registration = services.register(event, [person("Ayşe Kaya")], consent=True).registrations[0]
    Registration.objects.filter(pk=registration.pk).update(attended=True)
    client = client_for(world.advisor_x)
    with translation.override("de"):
        one_url = reverse("events:certificate", kwargs={"slug": event.slug, "pk": registration.pk})
        all_url = reverse("events:certificate-all", kwargs={"slug": event.slug})
        back = reverse("events:participant-list", kwargs={"slug": event.slug})

    one = client.get(one_url, follow=True)
    everyone = client.get(all_url)

    assert not one.content.startswith(b"%PDF")
    assert "Bescheinigungen gibt es erst ab Beginn der Veranstaltung" in one.content.decode()
    assert everyone["Location"] == back


def test_the_fonts_ship_with_the_app_with_their_licence():
    fonts = Path(certificates.__file__).parent.parent / "core" / "fonts"

    assert fonts == FONTS
    assert (fonts / "DejaVuSans.ttf").stat().st_size > 100_000
    assert (fonts / "DejaVuSans-Bold.ttf").stat().st_size > 100_000
    assert "Bitstream" in (fonts / "LICENSE").read_text()
