"""Words as the search sees them: split, folded, stemmed; facet values as tags.

Every word is indexed as written and, where they differ, in its other forms: folded (no
diacritics, "ı" as "i", the Arabic letters of one sound as one), its German Snowball stem, its
Turkish stem where it is not just a shorter or longer spelling ("derneği" → "dernek"), and for
Arabic its stems without article and clitics ("والشباب" → "شباب"). A query word matches as a
prefix, folded as typed or as one of its stems, so both sides meet in the same forms."""

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
_turkish = snowballstemmer.stemmer("turkish")
_arabic = snowballstemmer.stemmer("arabic")
# Arabic script, and the marks that are no letters: short vowels and other tashkeel, Quranic
# marks, the tatweel that stretches a word. People type words without them.
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f]")
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
# Letters folded into one (after NFKD has taken the hamza off أ إ آ ؤ ئ): the alef wasla, teh
# marbuta and heh, alef maqsura and yeh, the Persian yeh and keheh; Turkish dotless ı.
_FOLDED = str.maketrans({"ٱ": "ا", "ة": "ه", "ى": "ي", "ی": "ي", "ک": "ك", "ı": "i"})
# The article with the conjunctions and prepositions written onto it, longest first.
_ARABIC_ARTICLES = ("وال", "فال", "بال", "كال", "لل", "ال")
# Latin words whose folded form both engines find anyway: the SQLite tokenizer folds diacritics
# and PostgreSQL's German stemmer folds umlauts; others ("gençlik", "kadın") are added folded.
_GERMAN = re.compile("[a-z0-9äöüß]+")
MAX_TERMS = 8
RANK_ALL = 500
# PostgreSQL: newest-first pages up to here read the primary key backwards through a function
# with a kept plan; deeper ones, which would read far, are left to the planner.
NEWEST_PLANNED = 100
REINDEX_CHUNK = 2000
LABEL_CACHE_SECONDS = 60
LABEL_TAGS_KEPT = 10_000


def words(text: str) -> list[str]:
    # Arabic marks go first: a regular expression would split "شَباب" at its vowel sign.
    text = _ARABIC_MARKS.sub("", text or "")
    return [w.lower() for w in _WORD.findall(text) if not w.isdigit() or len(w) == 5]


@functools.lru_cache(maxsize=100_000)
def fold(word: str) -> str:
    """Lower case without diacritics ("Türk" → "turk", "kadın" → "kadin"), and Arabic without
    tashkeel and tatweel, with one alef, heh for teh marbuta and yeh for alef maqsura."""
    decomposed = unicodedata.normalize("NFKD", _ARABIC_MARKS.sub("", word.lower()))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_FOLDED)


def is_arabic(word: str) -> bool:
    return bool(_ARABIC.match(word))


# The pure-Python Snowball stemmers cost ~100 µs a word, folding a few; a directory's vocabulary
# is small and repeats endlessly, so indexing and parsing queries mostly hit these caches.
@functools.lru_cache(maxsize=100_000)
def _stem(word: str) -> str:
    return _stemmer.stemWord(word)


@functools.lru_cache(maxsize=100_000)
def turkish_stem(word: str) -> str:
    """The folded Turkish stem ("derneği", "dernekleri" → "dernek")."""
    return fold(_turkish.stemWord(word))


@functools.lru_cache(maxsize=100_000)
def arabic_stems(word: str) -> tuple[str, ...]:
    """The folded stems of an Arabic word: Snowball's, after the article with a conjunction or
    preposition written onto it (وال، فال، بال، كال، لل، ال), which Snowball leaves on
    after و and ف; a word starting with ل ("for") gives a second stem without it. Snowball
    itself takes off و، ف، ب، ك and the suffixes."""
    word = _ARABIC_MARKS.sub("", word.lower())
    cores = [word]
    for article in _ARABIC_ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= 3:
            cores = [word[len(article) :]]
            break
    else:
        if word.startswith("ل") and len(word) >= 5:
            cores.append(word[1:])
    stems = set()
    for core in cores:
        stem = fold(_arabic.stemWord(core))
        stems.add(stem if len(stem) >= 3 else fold(core))
    return tuple(sorted(stems))


def _covered(form: str, by: str) -> bool:
    """Whether a prefix search for `form` adds nothing to one for `by`, or the other way round
    (a longer or shorter spelling of the same beginning)."""
    return form.startswith(by) or by.startswith(form)


@functools.lru_cache(maxsize=100_000)
def index_forms(word: str) -> frozenset[str]:
    """What a document holds besides the word as written: its forms that a query's prefixes
    could not find in the word itself."""
    folded = fold(word)
    forms = set()
    if folded != word and not _GERMAN.fullmatch(word):
        forms.add(folded)
    if is_arabic(word):
        forms.update(s for s in arabic_stems(word) if not folded.startswith(s))
        return frozenset(forms - {word})
    if (german := _stem(word)) != word:
        forms.add(german)
    if not _covered(turkish := turkish_stem(word), folded):
        forms.add(turkish)
    return frozenset(forms - {word})


def _stems(tokens: Iterable[str]) -> list[str]:
    """Every other form of the tokens (see `index_forms`), for a document's body."""
    return [form for w in tokens for form in index_forms(w)]


def query_forms(term: str) -> tuple[list[str], list[str]]:
    """The prefixes a query word matches with, folded: (sure, shorter) where `shorter` are
    Turkish stems that only cut the word short ("kadınlar" → "kadın"). Those widen a German
    word too ("bieten" → "bie", "kultur" → "kul"), so they count only where they are known
    words of the index (see `terms.variants`)."""
    folded = fold(term)
    if is_arabic(term):
        return [folded, *arabic_stems(term)], []
    sure = [folded, fold(_stem(term))]
    turkish = turkish_stem(term)
    if folded.startswith(turkish) and turkish != folded:
        return sure, [turkish]
    return [*sure, turkish], []


def shortest_prefixes(forms: Iterable[str]) -> list[str]:
    """The forms without those another one is a prefix of (it matches all they would)."""
    unique = sorted(set(forms), key=len)
    kept: list[str] = []
    for form in unique:
        if form and not any(form.startswith(k) for k in kept):
            kept.append(form)
    return sorted(kept)


def tag(facet: str, value: str | int = "") -> str:
    """One facet value as a single index token: tag("district", "Friedrichshain-Kreuzberg").

    The "zz" start keeps tags apart from real words, which PostgreSQL's vector holds together
    with them ("public" the tag is not "public" the word)."""
    return "zz" + facet + re.sub(r"[\W_]", "", str(value).lower())
