"""Single-line text never holds bidirectional control characters.

The embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069), the directional marks
(U+200E, U+200F) and the Arabic letter mark (U+061C) change how the text around them is shown,
not what it says: "Hamburg X5\u202egpj.exe" is shown as "Hamburg X5exe.jpg". In a name or a
title (on a certificate, in a list, in a mail subject, a file name) that is a way to mislead.
Browsers, PDFs and mail programs lay out Arabic names and titles right without them.

Every CharField of the platform's models is cleaned before it is saved (`clean_before_save`, a
pre_save receiver connected by the core app), so web forms, the admin, the API and the services
are covered alike. Paths that write without saving (bulk_create) call `clean_instance` first.
Multi-line text (descriptions, notes, answers) keeps them: there a mark may help a paragraph that
quotes numbers or Latin words read right.

At output a value is isolated from the text around it (`isolate`), never in the database: a case
number (2026-00238), a legal citation (§ 45 Abs. 2 SGB VIII), a name ending in "e.V.", "12045
Berlin" or a German question in an Arabic sentence would otherwise be reordered by the sentence's
direction. Pages use `<bdi>` (`{% load bidi %}`, `{{ value|bdi }}`); plain text (mails, PDFs,
calendar files) the Unicode isolates: FSI … PDI takes the value's direction from its first strong
letter, LRI … PDI keeps a code that always reads left to right (case numbers, citations,
postcodes, addresses, numbers in figures) in that order.
"""

from __future__ import annotations

import re
from functools import cache

from django.db import models
from django.utils import translation

BIDI_CONTROLS = (
    "\u061c"  # ARABIC LETTER MARK
    "\u200e\u200f"  # LEFT-TO-RIGHT MARK, RIGHT-TO-LEFT MARK
    "\u202a\u202b\u202c\u202d\u202e"  # LRE, RLE, PDF, LRO, RLO
    "\u2066\u2067\u2068\u2069"  # LRI, RLI, FSI, PDI
)
_FOUND = re.compile(f"[{BIDI_CONTROLS}]")
_DELETE = str.maketrans("", "", BIDI_CONTROLS)


def strip_bidi_controls(text: str) -> str:
    return text.translate(_DELETE) if _FOUND.search(text) else text


@cache
def _single_line_fields(model: type[models.Model]) -> tuple[str, ...]:
    # Only the platform's own models: a library's tables (sessions, tasks) hold no typed names.
    if not model.__module__.startswith("gemeinsam."):
        return ()
    return tuple(
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField) and not field.choices
    )


def clean_instance(instance: models.Model) -> models.Model:
    """Removes the bidi controls from every single-line text field of the instance."""
    values = instance.__dict__  # a deferred field is not there, and is not loaded for this
    for attname in _single_line_fields(type(instance)):
        value = values.get(attname)
        if isinstance(value, str) and _FOUND.search(value):
            setattr(instance, attname, value.translate(_DELETE))
    return instance


def clean_before_save(sender, instance, raw=False, **kwargs) -> None:
    if not raw:  # fixtures are loaded as they were dumped
        clean_instance(instance)


# --- At output: a value isolated from the sentence around it -----------------------------------

LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
OPENERS = {"auto": FSI, "ltr": LRI, "rtl": RLI}
_ISOLATE_OPENERS = frozenset((LRI, RLI, FSI))
# Letters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan …, their
# presentation forms, and the right-to-left blocks of the supplementary planes).
_RTL_LETTER = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
)


def _balanced(text: str) -> str:
    """The text without a PDI that closes no isolate of its own: a stray one in a typed paragraph
    would end the isolate around it early, and what follows would run with the sentence again."""
    if PDI not in text:
        return text
    kept, depth = [], 0
    for char in text:
        if char in _ISOLATE_OPENERS:
            depth += 1
        elif char == PDI:
            if not depth:
                continue
            depth -= 1
        kept.append(char)
    return "".join(kept)


def has_rtl_letters(text: str) -> bool:
    return _RTL_LETTER.search(text) is not None


def isolate(value, direction: str = "auto", *, rtl: bool | None = None) -> str:
    """The value between Unicode isolates, for plain text: "auto" (FSI) lets its first strong
    letter choose its direction, "ltr" (LRI) keeps a code left to right. Nothing for nothing.

    `rtl` is the direction of the text around the value (None: the active language's). In a
    left-to-right text a value without right-to-left letters cannot be reordered (UAX #9 gives
    every character an even level), so it stays as it is: German and English mails and PDFs
    carry isolates only around Arabic or Hebrew names."""
    text = "" if value is None else str(value)
    if not text:
        return ""
    try:
        opener = OPENERS[direction]
    except KeyError:
        raise ValueError(f"direction {direction!r} is not one of {sorted(OPENERS)}") from None
    if rtl is None:
        rtl = translation.get_language_bidi()
    if not rtl and not has_rtl_letters(text):
        return text
    return f"{opener}{_balanced(text)}{PDI}"
