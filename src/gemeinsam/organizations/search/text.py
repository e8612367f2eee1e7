"""Words as the search sees them: split, folded, stemmed; facet values as tags."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

import snowballstemmer

# Letters and digits: the underscore, a word character to Python, separates words for both
# engines ("federal_state" would be a phrase, which the SQLite index cannot answer).
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_stemmer = snowballstemmer.stemmer("german")
MAX_TERMS = 8
RANK_ALL = 500
# PostgreSQL: newest-first pages up to here read the primary key backwards through a function
# with a kept plan; deeper ones, which would read far, are left to the planner.
NEWEST_PLANNED = 100
REINDEX_CHUNK = 2000
LABEL_CACHE_SECONDS = 60
LABEL_TAGS_KEPT = 10_000


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text or "") if not w.isdigit() or len(w) == 5]


def fold(word: str) -> str:
    """Lower case without diacritics, as the FTS5 tokenizer sees words ("Türk" → "turk")."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=100_000)
def _stem(word: str) -> str:
    # The pure-Python Snowball stemmer costs ~100 µs a word; a directory's vocabulary is small
    # and repeats endlessly, so indexing and parsing queries mostly hit this cache.
    return _stemmer.stemWord(word)


def _stems(tokens: Iterable[str]) -> list[str]:
    return [s for w in tokens if (s := _stem(w)) != w]


def tag(facet: str, value: str | int = "") -> str:
    """One facet value as a single index token: tag("district", "Friedrichshain-Kreuzberg").

    The "zz" start keeps tags apart from real words, which PostgreSQL's vector holds together
    with them ("public" the tag is not "public" the word)."""
    return "zz" + facet + re.sub(r"[\W_]", "", str(value).lower())
