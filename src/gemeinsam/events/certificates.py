"""Certificates of attendance as PDF (fpdf2), one page per participant, each in the language
the participant registered in. Arabic pages are shaped right to left by HarfBuzz.

Fonts and shaping come from `core.pdf`. A page runs in one direction, so every value on it
(name, organization, title, place, agency, project) is isolated (`core.bidi.isolate`): "Verein
e.V." keeps its full stop at the end and "12045 Berlin" its order on an Arabic page.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import prefetch_related_objects
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

from gemeinsam.core import content
from gemeinsam.core.bidi import isolate
from gemeinsam.core.pdf import FAMILY, new_document, shape_for

from .models import Event, Registration


def _place(event: Event) -> str:
    if not event.has_venue:
        return _("online")
    parts = [event.venue_name, " ".join(p for p in (event.postcode, event.city) if p)]
    return ", ".join(isolate(p) for p in parts if p)


def _when(event: Event) -> str:
    start = timezone.localtime(event.starts_at)
    end = timezone.localtime(event.ends_at)
    if start.date() == end.date():
        return formats.date_format(start, "DATE_FORMAT")
    return (
        f"{formats.date_format(start, 'DATE_FORMAT')} – {formats.date_format(end, 'DATE_FORMAT')}"
    )


def _page(pdf: FPDF, registration: Registration, event: Event) -> None:
    """One certificate, in the translation that is active (the event's title too)."""
    pdf.add_page()
    rtl = translation.get_language_bidi()
    align = Align.R if rtl else Align.L
    # The outline lets a reader jump to a person in a PDF of many certificates.
    pdf.start_section(registration.name)
    width = pdf.epw

    def line(text: str, *, size: int = 12, bold: bool = False, gap: float = 4, center=False):
        pdf.set_font(FAMILY, "B" if bold else "", size)
        pdf.multi_cell(
            width,
            size * 0.55,
            text,
            align=Align.C if center else align,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        pdf.ln(gap)

    pdf.set_y(35)
    line(_("Certificate of attendance"), size=24, bold=True, gap=14, center=True)
    line(_("This is to confirm that"), gap=6, center=True)
    line(isolate(registration.name), size=20, bold=True, gap=6, center=True)
    if registration.organization_label:
        line(isolate(registration.organization_label), gap=6, center=True)
    line(_("took part in the event"), gap=6, center=True)
    line(isolate(content.text(event, "title")), size=16, bold=True, gap=12, center=True)

    facts = [
        (_("Date"), _when(event)),
        (_("Place"), _place(event)),
        (_("Organized by"), isolate(event.agency.name)),
    ]
    project = event.project
    if project is not None:
        facts.append((_("Project"), isolate(project.title)))
        if project.funder:
            facts.append((_("Funded by"), isolate(project.funder)))
    for label, value in facts:
        line(f"{label}: {value}", gap=2)

    _signature_lines(pdf, event, rtl=rtl, align=align)


# Room at the foot of the page for the two lines to sign on and their captions: an agency's long
# name wraps onto more lines under its line instead of running off the page.
SIGNATURE_WIDTH = 80
SIGNATURE_FROM_BOTTOM = 55


def _signature_lines(pdf: FPDF, event: Event, *, rtl: bool, align: Align) -> None:
    """Place and date, and the signature for the agency: each a line with its caption below,
    wrapped within the line's width; in a right-to-left language place and date come first,
    on the right."""
    start, end = pdf.l_margin, pdf.w - pdf.r_margin - SIGNATURE_WIDTH
    columns = [
        (end if rtl else start, _("Place, date")),
        (
            start if rtl else end,
            _("Signature for %(agency)s") % {"agency": isolate(event.agency.name)},
        ),
    ]
    y = pdf.h - SIGNATURE_FROM_BOTTOM
    pdf.set_draw_color(0)
    pdf.set_font(FAMILY, "", 10)
    for x, caption in columns:
        pdf.line(x, y, x + SIGNATURE_WIDTH, y)
        pdf.set_xy(x, y + 2)
        pdf.multi_cell(SIGNATURE_WIDTH, 5, caption, align=align)


def certificates_pdf(event: Event, registrations: Iterable[Registration]) -> bytes:
    """One page per registration, each in the participant's language."""
    pdf = new_document(title=str(event.title), margin=25)
    pdf.set_auto_page_break(auto=False)
    # The title in every participant's language: all translations in one query.
    prefetch_related_objects([event], "translations")
    for registration in registrations:
        with translation.override(registration.language):
            shape_for(pdf, registration.language)
            _page(pdf, registration, event)
    return bytes(pdf.output())
