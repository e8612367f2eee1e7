"""Values isolated from the sentence around them, `{% load bidi %}` (see core.bidi).

`{{ case.reference|bdi:"ltr" }}` → `<bdi dir="ltr">2026-00238</bdi>`, for codes that always read
left to right (case numbers, citations, postcodes, phone numbers, addresses of mail and web);
`{{ organization.name|bdi }}` → `<bdi>…</bdi>`, whose first strong letter sets its direction
(names, titles, anything people type). In plain text (`{% autoescape off %}`: mails, calendar
texts) `bdi` gives the Unicode isolates instead, as `isolate` does everywhere.
"""

from __future__ import annotations

from django import template
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from gemeinsam.core import bidi as core_bidi

register = template.Library()


@register.filter(needs_autoescape=True)
def bdi(value, direction="auto", autoescape=True):
    """The value in a `<bdi>` (with `dir="ltr"` or `"rtl"` when given); nothing for nothing."""
    if value is None or value == "":
        return ""
    if not autoescape:
        return core_bidi.isolate(value, direction)
    if direction not in core_bidi.OPENERS:
        raise template.TemplateSyntaxError(
            f"bdi direction {direction!r} is not one of {sorted(core_bidi.OPENERS)}"
        )
    if direction == "auto":
        return format_html("<bdi>{}</bdi>", value)
    return format_html('<bdi dir="{}">{}</bdi>', direction, value)


@register.filter(needs_autoescape=True)
def isolate(value, direction="auto", autoescape=True):
    """The value between Unicode isolates (FSI or LRI … PDI), for text that cannot carry a tag:
    a page's `<title>`, an attribute, a plain-text mail."""
    if autoescape and value is not None:
        return mark_safe(core_bidi.isolate(conditional_escape(value), direction))
    return core_bidi.isolate(value, direction)


@register.simple_tag
def arrow(way="on"):
    """An arrow in running text that points the way one reads on ("on", from → to), or back
    ("back"): → on a left-to-right page, ← on a right-to-left one. The arrow characters are not
    mirrored by the bidi algorithm, so the glyph is chosen by the page's direction."""
    if way not in ("on", "back"):
        raise template.TemplateSyntaxError(f"arrow way {way!r} is not 'on' or 'back'")
    forward = (way == "on") != translation.get_language_bidi()
    return "→" if forward else "←"
