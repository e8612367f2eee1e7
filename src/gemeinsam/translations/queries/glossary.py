"""The glossary: for a machine backend, for the editor's paragraphs, and for readers."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..enums import SOURCE
from ..models import GlossaryEntry


def entries_for(language: str) -> list[GlossaryEntry]:
    return list(GlossaryEntry.objects.filter(language=language).order_by("source_term"))


def glossary_for(language: str) -> dict[str, str]:
    """German term → term in `language`: what a machine backend receives for the pair."""
    return {entry.source_term: entry.target_term for entry in entries_for(language)}


def _pattern(term: str) -> re.Pattern:
    # At the start of a word, so "Kita" finds "Kitas" and "Kita-Platz" but not "Akita".
    return re.compile(r"(?<!\w)" + re.escape(term.strip()), re.IGNORECASE)


def glossary_hits(text: str, entries: Iterable[GlossaryEntry]) -> list[GlossaryEntry]:
    """The entries whose German term occurs in the text."""
    return [entry for entry in entries if _pattern(entry.source_term).search(text or "")]


@dataclass(frozen=True)
class Term:
    """One German term as readers find it: its translations (all languages on the German page,
    else the page's language)."""

    source_term: str
    entries: tuple[GlossaryEntry, ...]


def public_glossary(language: str) -> list[Term]:
    entries = GlossaryEntry.objects.order_by("source_term", "language")
    if language != SOURCE:
        entries = entries.filter(language=language)
    terms: dict[str, list[GlossaryEntry]] = {}
    for entry in entries:
        terms.setdefault(entry.source_term, []).append(entry)
    result = [Term(term, tuple(found)) for term, found in terms.items()]
    if language != SOURCE:
        # In the reader's alphabet: by the term in their language.
        result.sort(key=lambda term: term.entries[0].target_term.casefold())
    return result
