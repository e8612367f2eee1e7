"""One way to start a PDF (fpdf2): embedded fonts, and text shaped by HarfBuzz in the direction
of its language, right to left for the languages Django lists in LANGUAGES_BIDI.

The fonts (DejaVu Sans, see fonts/LICENSE) ship with the package, so a document looks the same
on every server and needs nothing installed.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from fpdf import FPDF
from fpdf.enums import Align

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVuSans"
# HarfBuzz wants the script and its own language tag; Arabic is the one we write right to left.
_SCRIPTS = {"ar": ("arab", "ara"), "fa": ("arab", "fas"), "he": ("hebr", "heb")}


def is_rtl(language: str) -> bool:
    return language.split("-")[0] in settings.LANGUAGES_BIDI


def align_for(language: str) -> Align:
    """Where a paragraph starts: on the right for a right-to-left language."""
    return Align.R if is_rtl(language) else Align.L


def shape_for(pdf: FPDF, language: str) -> None:
    """Shape the text that follows in `language`'s direction (one document may mix them)."""
    base = language.split("-")[0]
    if is_rtl(base):
        script, tag = _SCRIPTS.get(base, ("arab", "ara"))
        pdf.set_text_shaping(use_shaping_engine=True, direction="rtl", script=script, language=tag)
    else:
        pdf.set_text_shaping(use_shaping_engine=True, direction="ltr")


def new_document(*, title: str, language: str | None = None, margin: float = 18) -> FPDF:
    """An A4 document with the fonts added, its title and language set, shaped for `language`
    (None: the caller shapes each page, as certificates in several languages do)."""
    pdf = FPDF(format="A4")
    pdf.set_margins(margin, margin, margin)
    pdf.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_title(title)
    pdf.set_creator("gemeinsam")
    if language:
        pdf.set_lang(language)
        shape_for(pdf, language)
    return pdf
