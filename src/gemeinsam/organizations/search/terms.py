"""What a search asks: its words, their variants and the labels they name, and its scope."""

from __future__ import annotations

import functools
import time
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation

from gemeinsam.core.enums import FederalState

from ..enums import OrganizationKind
from ..models import (
    FieldOfActivity,
    RecognitionType,
    SearchWord,
    TargetGroup,
    WorkingLanguage,
)
from .text import (
    LABEL_CACHE_SECONDS,
    LABEL_TAGS_KEPT,
    MAX_TERMS,
    fold,
    index_forms,
    query_forms,
    shortest_prefixes,
    tag,
    words,
)

# --- Queries -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParsedQuery:
    terms: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.terms)

    def variants(self, term: str) -> list[str]:
        """The prefixes `term` matches with (see `variants`)."""
        return self._variants[term]

    @functools.cached_property
    def _variants(self) -> dict[str, list[str]]:
        # One query for every term's shorter Turkish stems (labels' words are known too).
        forms = {term: query_forms(term) for term in self.terms}
        shorter = {s for _sure, cut in forms.values() for s in cut}
        known = {s for s in shorter if s in _label_index()}
        if shorter - known:
            found = SearchWord.objects.filter(word__in=shorter - known)
            known.update(found.values_list("word", flat=True))
        return {
            term: shortest_prefixes([*sure, *(s for s in cut if s in known)])
            for term, (sure, cut) in forms.items()
        }


def parse(q: str) -> ParsedQuery:
    return ParsedQuery(tuple(dict.fromkeys(words(q)))[:MAX_TERMS])


def variants(term: str) -> list[str]:
    """The prefixes a word matches with, folded: as typed and its stems (German, Turkish,
    Arabic: see `text.query_forms`), without those another one is a prefix of (it matches
    everything they would). A Turkish stem that only cuts the word short counts when it is a
    word of the index: "kadınlar" widens to "kadın", "bieten" not to "bie"."""
    return ParsedQuery((term,)).variants(term)


@dataclass(frozen=True)
class Scope:
    """What a search is limited to: facet values (OR within a facet, AND across facets), and
    visibility: None for agency staff (everything), else public plus `own` organization ids."""

    kinds: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    districts: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    recognitions: tuple[str, ...] = ()
    own: tuple[int, ...] | None = ()

    def tag_groups(self) -> list[list[str]]:
        groups = [
            [tag(facet, value) for value in values]
            for facet, values in (
                ("kind", self.kinds),
                ("state", self.states),
                ("district", self.districts),
                ("field", self.fields),
                ("lang", self.languages),
                ("recog", self.recognitions),
            )
            if values
        ]
        if self.own is not None:
            groups.append([tag("public"), *(tag("org", pk) for pk in self.own)])
        return groups


_labels: dict = {"at": 0.0, "index": {}, "tags": {}, "words": frozenset()}


def forget_labels() -> None:
    """Drop the cached label index (reference data changed)."""
    _labels["at"] = 0.0


def _label_index() -> dict[str, set[str]]:
    """Folded label word → the tags whose label contains it, over all interface languages; a
    word's forms too ("شباب" of "الشباب"), as a document's are (`text.index_forms`)."""
    if time.monotonic() - _labels["at"] < LABEL_CACHE_SECONDS:
        return _labels["index"]
    index: dict[str, set[str]] = defaultdict(set)
    written: set[str] = set()

    def add(label: str, found: str) -> None:
        for word in words(label):
            written.add(fold(word))
            for form in (fold(word), *index_forms(word)):
                index[form].add(found)

    for model, facet in (
        (FieldOfActivity, "field"),
        (TargetGroup, "group"),
        (WorkingLanguage, "lang"),
        (RecognitionType, "recog"),
    ):
        for item in model.objects.all():
            for label in item.all_labels():
                add(label, tag(facet, item.code))
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for kind in OrganizationKind:
                add(str(kind.label), tag("kind", kind.value))
            # The Länder by their names in every language (Bayern, Bavaria, بافاريا, Bavyera).
            for state in FederalState:
                add(str(state.label), tag("state", state.value))
    _labels.update(at=time.monotonic(), index=dict(index), tags={}, words=frozenset(written))
    return _labels["index"]


def label_words() -> frozenset[str]:
    """The labels' words as written (folded), which a correction may offer: not their forms."""
    _label_index()
    return _labels["words"]


def label_tags(term: str, prefixes: list[str] | None = None) -> tuple[str, ...]:
    """Tags whose label has a word starting with one of `prefixes`: the term's variants in a
    query (`ParsedQuery.variants`), else its forms that need no look-up.

    Kept with the label index, as people search the same words again and again."""
    index = _label_index()
    if prefixes is None:
        prefixes = shortest_prefixes(query_forms(term)[0])
    key = (term, *prefixes)
    found = _labels["tags"].get(key)
    if found is None:
        found = tuple(
            sorted(
                {
                    t
                    for word, tags in index.items()
                    if any(map(word.startswith, prefixes))
                    for t in tags
                }
            )
        )
        if len(_labels["tags"]) >= LABEL_TAGS_KEPT:
            _labels["tags"].clear()
        _labels["tags"][key] = found
    return found
