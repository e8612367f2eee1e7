"""Choosing which language's copy of a text to show."""

from collections.abc import Iterable

from django.conf import settings
from django.utils.translation import get_language


def pick(copies: Iterable, language: str | None = None):
    """The copy in `language`, else German, else any non-empty copy, else None.

    `copies` is an iterable of TranslatedText rows (usually a prefetched related manager), so
    this never queries.
    """
    language = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    by_language = {c.language: c for c in copies if c.text.strip()}
    return (
        by_language.get(language)
        or by_language.get(settings.LANGUAGE_CODE)
        or next(iter(by_language.values()), None)
    )
