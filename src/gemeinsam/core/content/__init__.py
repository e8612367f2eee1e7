"""Content in the reader's language: `ContentTranslation` read and written paragraph by paragraph.

German is the source language: a `Translatable` model keeps its German text in its own fields,
and every other language in `ContentTranslation` rows whose paragraphs remember the German they
were made from. A paragraph's status follows from that:

- **up to date** when its German is today's German paragraph;
- **outdated** when the German paragraph at its place has changed since (found by aligning the
  remembered German paragraphs with today's, so an inserted or deleted paragraph outdates
  nothing else);
- **missing** when no translation stands for today's German paragraph.

Editing German paragraph 2 therefore outdates only paragraph 2 of the other languages, and
saving without changing the German outdates nothing (integreat-cms marks every translation
outdated on a draft save, its #4284). A *minor edit* (a typo, a date format) carries the
translations over to the new German (`minor_edit`), so they stay up to date.

Readers get their language where it exists, else the German paragraph, marked: `shown()` returns
the paragraphs with the language each is in, so a page sets `lang` and `dir` on the fallback.
"""

from .reading import (
    LINE,
    LINES,
    PARAGRAPHS,
    SOURCE,
    Part,
    Shown,
    align,
    direction,
    language_now,
    paragraphs,
    parts,
    prefetch,
    shown,
    source_units,
    status,
    statuses,
    text,
    translatable_models,
    translation_of,
)
from .registry import Editing, editing, register, registered
from .writing import minor_edit, save_translation, set_texts

__all__ = [
    "LINE",
    "LINES",
    "PARAGRAPHS",
    "SOURCE",
    "Editing",
    "Part",
    "Shown",
    "align",
    "direction",
    "editing",
    "language_now",
    "minor_edit",
    "paragraphs",
    "parts",
    "prefetch",
    "register",
    "registered",
    "save_translation",
    "set_texts",
    "shown",
    "source_units",
    "status",
    "statuses",
    "text",
    "translatable_models",
    "translation_of",
]
