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
"""

from __future__ import annotations

import re
from functools import cache

from django.db import models

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
