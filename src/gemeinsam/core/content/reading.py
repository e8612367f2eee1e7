"""Reading content in the reader's language: units, alignment, status, fallback."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language, get_language_info

from ..enums import Origin, TranslationStatus
from ..models import ContentTranslation, Translatable

SOURCE = settings.LANGUAGE_CODE
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def language_now(language: str | None = None) -> str:
    return (language or get_language() or SOURCE).split("-")[0]


def direction(language: str) -> str:
    try:
        return "rtl" if get_language_info(language)["bidi"] else "ltr"
    except KeyError:
        return "ltr"


# How a field's German splits into the units that are translated one by one.
LINE = "line"  # a one-line text (a title): one unit
PARAGRAPHS = "text"  # a long text: the blocks between blank lines
LINES = "lines"  # one item per line (an agenda), or a list of items (a question's choices)


def paragraphs(value, *, split: str = PARAGRAPHS) -> list[str]:
    """The units of a text: stripped and never empty. Line breaks inside a paragraph stay (an
    address, a list inside a paragraph)."""
    if isinstance(value, list | tuple):
        return [str(item).strip() for item in value if str(item).strip()]
    text = (value or "").replace("\r\n", "\n").strip()
    if not text:
        return []
    if split == LINE:
        return [text]
    pattern = "\n" if split == LINES else _PARAGRAPH_BREAK
    return [part.strip() for part in re.split(pattern, text) if part.strip()]


def source_units(obj: Translatable, name: str) -> list[str]:
    """Today's German of the field, unit by unit."""
    return paragraphs(getattr(obj, name), split=type(obj).translated_fields[name])


def align(old: Sequence[str], new: Sequence[str]) -> list[int | None]:
    """For each of today's paragraphs (`new`), the index of the remembered paragraph (`old`) that
    stands at its place, or None. Equal runs match; a replaced run pairs up in order (those
    are the outdated ones); inserted paragraphs have none."""
    matched: list[int | None] = [None] * len(new)
    opcodes = SequenceMatcher(None, list(old), list(new), autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in opcodes:
        if tag in ("equal", "replace"):
            for offset in range(min(i2 - i1, j2 - j1)):
                matched[j1 + offset] = i1 + offset
    return matched


@dataclass(frozen=True)
class Part:
    """One paragraph as a reader gets it."""

    text: str
    language: str
    status: str
    source: str = ""  # today's German paragraph
    translated_from: str = ""  # the German it was translated from ("" if missing)
    machine: bool = False

    @property
    def direction(self) -> str:
        return direction(self.language)

    @property
    def is_fallback(self) -> bool:
        return self.status == TranslationStatus.MISSING and self.language == SOURCE


@dataclass(frozen=True)
class Shown:
    """A field's text for one reader: its paragraphs and what a page should say about them.

    `str()` is the plain text (mails, PDFs, a page's `<title>`); `html()` the text for a page,
    inside a `<span lang dir>` when it is not in the page's language.
    """

    language: str
    parts: tuple[Part, ...] = field(default_factory=tuple)

    def __str__(self) -> str:
        return "\n\n".join(part.text for part in self.parts)

    def __bool__(self) -> bool:
        return bool(self.parts)

    def html(self) -> str:
        """The text for a page (escaped), in a `<span lang dir>` when not in its language."""
        text = str(self)
        languages = {part.language for part in self.parts}
        if not self.parts or languages == {self.language}:
            return conditional_escape(text)
        shown_in = self.parts[0].language if len(languages) == 1 else SOURCE
        return format_html(
            '<span lang="{}" dir="{}">{}</span>', shown_in, direction(shown_in), text
        )

    @property
    def fallback(self) -> bool:
        """Some paragraph is shown in German because the reader's language lacks it."""
        return any(part.is_fallback for part in self.parts)

    @property
    def only_in_source(self) -> bool:
        return bool(self.parts) and all(part.is_fallback for part in self.parts)

    @property
    def outdated(self) -> bool:
        return any(part.status == TranslationStatus.OUTDATED for part in self.parts)

    @property
    def machine(self) -> bool:
        return any(part.machine for part in self.parts)


def _rows(obj: Translatable) -> Iterable[ContentTranslation]:
    # Through the prefetch cache when the caller prefetched (`prefetch`), else one query.
    return obj.translations.all()


def translation_of(obj: Translatable, name: str, language: str) -> ContentTranslation | None:
    for row in _rows(obj):
        if row.field == name and row.language == language:
            return row
    return None


def parts(obj: Translatable, name: str, language: str | None = None) -> list[Part]:
    """Every paragraph of today's German with the reader's version of it."""
    language = language_now(language)
    source = source_units(obj, name)
    if language == SOURCE:
        return [Part(p, SOURCE, TranslationStatus.UP_TO_DATE, source=p) for p in source]
    row = translation_of(obj, name, language)
    segments = [s for s in (row.segments if row else []) if (s.get("text") or "").strip()]
    split = type(obj).translated_fields[name]
    if len(segments) == 1 and len(paragraphs(segments[0].get("source"), split=split)) > 1:
        # A whole text translated as one (`set_texts` where the paragraphs did not line up).
        return [_part(segments[0], glue(split).join(source), language)] if source else []
    matched = align([s.get("source", "") for s in segments], source)
    result = []
    for paragraph, index in zip(source, matched, strict=True):
        if index is None:
            result.append(Part(paragraph, SOURCE, TranslationStatus.MISSING, source=paragraph))
            continue
        result.append(_part(segments[index], paragraph, language))
    return result


def _part(segment: dict, paragraph: str, language: str) -> Part:
    current = segment.get("source", "") == paragraph
    return Part(
        segment["text"].strip(),
        language,
        TranslationStatus.UP_TO_DATE if current else TranslationStatus.OUTDATED,
        source=paragraph,
        translated_from=segment.get("source", ""),
        machine=segment.get("origin") == Origin.MACHINE and not segment.get("reviewed"),
    )


def glue(split: str) -> str:
    return "\n\n" if split == PARAGRAPHS else "\n"


def shown(obj: Translatable, name: str, language: str | None = None) -> Shown:
    language = language_now(language)
    return Shown(language, tuple(parts(obj, name, language)))


def text(obj: Translatable, name: str, language: str | None = None) -> str:
    """The plain text a reader of `language` gets (German where a paragraph is missing)."""
    return str(shown(obj, name, language))


def status(obj: Translatable, name: str, language: str) -> str:
    """The field's state in one language: missing if any paragraph is, else outdated if any
    is, else up to date. An empty German field is up to date in every language."""
    states = {part.status for part in parts(obj, name, language)}
    for state in (TranslationStatus.MISSING, TranslationStatus.OUTDATED):
        if state in states:
            return state
    return TranslationStatus.UP_TO_DATE


def statuses(obj: Translatable, language: str) -> dict[str, str]:
    return {name: status(obj, name, language) for name in type(obj).translated_fields}


def prefetch(objects, language: str | None = None):
    """Loads the reader's translations for a queryset (returned, lazily) or a list of objects
    (in place): one query for the whole page. German readers need none, and get nothing: not
    even the content type a generic prefetch looks up (a query on a cold cache), so a German
    page runs the queries it ran before translations existed."""
    language = language_now(language)
    if language == SOURCE:
        if isinstance(objects, models.QuerySet):
            return objects
        return [obj for obj in objects if obj is not None]
    rows = ContentTranslation.objects.filter(language=language)
    lookup = Prefetch("translations", queryset=rows)
    if isinstance(objects, models.QuerySet):
        return objects.prefetch_related(lookup)
    objects = [obj for obj in objects if obj is not None]
    if objects:
        prefetch_related_objects(objects, lookup)
    return objects


def translatable_models() -> list[type[Translatable]]:
    return [model for model in apps.get_models() if issubclass(model, Translatable)]
