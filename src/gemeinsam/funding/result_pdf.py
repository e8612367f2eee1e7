"""A readiness check's result as a PDF: each requirement with its state, what to do next, the
documents to prepare and the legal basis. Uses the certificates' fonts and HarfBuzz shaping,
so Arabic is joined and runs right to left; names, citations and addresses of the web are
isolated (`core.bidi.isolate`), so "§ 45 Abs. 2 SGB VIII" keeps its order on an Arabic page."""

from __future__ import annotations

import datetime

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from fpdf.enums import XPos, YPos

from gemeinsam.core.bidi import isolate
from gemeinsam.core.pdf import FAMILY, align_for, is_rtl, new_document

from . import ruledoc


def _status(status: str) -> str:
    return {
        ruledoc.MET: pgettext("requirement", "met"),
        ruledoc.NOT_MET: pgettext("requirement", "missing"),
    }.get(status, pgettext("requirement", "unknown"))


def _overall(status: str) -> str:
    return {
        ruledoc.MET: _("everything met"),
        ruledoc.NOT_MET: _("something is missing"),
    }.get(status, _("not everything is known yet"))


def result_pdf(
    check,
    version,
    result,
    rows,
    *,
    language,
    organization,
    as_of: datetime.date,
    authority: dict | None = None,
    guides: list[dict] = (),
):
    pdf = new_document(title=check.label_in(language), language=language, margin=18)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    align = align_for(language)
    rtl = is_rtl(language)

    def iso(value, direction: str = "auto") -> str:
        return isolate(value, direction, rtl=rtl)

    def paragraph(
        text: str, *, size: float = 10, bold: bool = False, gap: float = 2, link: str = ""
    ) -> None:
        pdf.set_font(FAMILY, "B" if bold else "", size)
        pdf.multi_cell(
            0, size * 0.5, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT, link=link
        )
        pdf.ln(gap)

    paragraph(check.label_in(language), size=16, bold=True, gap=3)
    if organization is not None:
        paragraph(iso(organization.name), size=11, bold=True)
    paragraph(f"{_('Result')}: {_overall(result.status)}", size=12, bold=True, gap=4)
    for row in rows:
        paragraph(f"{row['title']} – {_status(row['status'])}", size=11, bold=True, gap=1)
        paragraph(row["explanation"], gap=1)
        for route in row.get("routes", []):
            paragraph(f"• {route['text']}: {_status(route['status'])}", size=9, gap=1)
        if row.get("met_on"):
            day = formats.date_format(row["met_on"], "DATE_FORMAT")
            paragraph(_("Met from %(date)s on, if nothing changes.") % {"date": day}, gap=1)
        elif row["status"] != ruledoc.MET:
            paragraph(f"{_('What to do next')}: {row['next_step']}", gap=1)
        if row["documents"]:
            paragraph(f"{_('Documents to prepare')}: {', '.join(row['documents'])}", gap=1)
        paragraph(f"{_('Legal basis')}: {iso(row['legal_basis'], 'ltr')}", size=9, gap=4)
    if authority:
        paragraph(_("Who decides"), size=11, bold=True, gap=1)
        paragraph(authority["text"], gap=1)
        if authority["name"]:
            paragraph(f"{authority['state']}: {iso(authority['name'])}", gap=4)
    if guides:
        paragraph(_("Guides"), size=11, bold=True, gap=1)
        for guide in guides:
            lands = f" ({', '.join(guide['states'])})" if guide.get("states") else ""
            text = f"{iso(guide['title'])}{lands}: {iso(guide['url'], 'ltr')}"
            paragraph(text, size=9, gap=1, link=guide["url"])
        pdf.ln(3)
    date = formats.date_format(as_of, "SHORT_DATE_FORMAT")
    paragraph(
        _("Checked with version %(number)s of these rules. This is guidance, not legal advice.")
        % {"number": iso(version.number, "ltr")}
        + f" ({iso(date, 'ltr')})",
        size=9,
    )
    return bytes(pdf.output())
