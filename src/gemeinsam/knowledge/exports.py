"""A guide as a PDF in one language (workshops, offline reading): its steps in order with
their texts, documents, legal basis, who decides and links. Arabic is shaped and runs right to
left (`core.pdf`); German shown where a translation is missing, citations and addresses are
isolated (`core.bidi.isolate`) so they keep their order."""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _
from fpdf.enums import XPos, YPos

from gemeinsam.core import content
from gemeinsam.core.bidi import isolate
from gemeinsam.core.pdf import FAMILY, align_for, is_rtl, new_document


def guide_pdf(guide, steps, *, language: str) -> bytes:
    title = content.text(guide, "title", language)
    pdf = new_document(title=title, language=language, margin=18)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    align = align_for(language)
    rtl = is_rtl(language)

    def iso(value, direction: str = "auto") -> str:
        return isolate(value, direction, rtl=rtl)

    def paragraph(text: str, *, size: float = 10, bold: bool = False, gap: float = 2) -> None:
        if not text:
            return
        pdf.set_font(FAMILY, "B" if bold else "", size)
        pdf.multi_cell(0, size * 0.5, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(gap)

    def translated(obj, name: str, **options) -> None:
        for part in content.text(obj, name, language).split("\n\n"):
            paragraph(iso(part) if rtl else part, **options)

    paragraph(iso(title) if rtl else title, size=16, bold=True, gap=2)
    as_of = formats.date_format(guide.as_of, "DATE_FORMAT")
    paragraph(f"{iso(guide.agency.name)} · {_('As of %(date)s') % {'date': as_of}}", size=9)
    translated(guide, "summary", gap=3)
    group = ""
    for step in steps:
        if step.group and step.group == group:
            paragraph(_("or"), size=9, bold=True, gap=1)
        group = step.group
        heading = f"{step.position}. {content.text(step, 'title', language)}"
        if step.optional:
            heading += f" ({_('optional')})"
        paragraph(iso(heading) if rtl else heading, size=12, bold=True, gap=1)
        translated(step, "text", gap=1)
        documents = content.text(step, "documents", language)
        if documents:
            lines = ", ".join(iso(line) for line in documents.splitlines() if line.strip())
            paragraph(f"{_('Documents to prepare')}: {lines}", gap=1)
        if step.legal_basis:
            basis = content.text(step, "legal_basis", language)
            paragraph(f"{_('Legal basis')}: {iso(basis, 'ltr')}", size=9, gap=1)
        if step.decides:
            paragraph(f"{_('Who decides')}: {iso(content.text(step, 'decides', language))}", size=9)
        for link in step.link_list:
            paragraph(f"{iso(link['label'])}: {iso(link['url'], 'ltr')}", size=9, gap=1)
        pdf.ln(2)
    return bytes(pdf.output())
