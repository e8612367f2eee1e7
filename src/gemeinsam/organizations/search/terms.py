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
        # One query for every term's shorter Turkish stems.
        forms = {term: query_forms(term) for term in self.terms}
        shorter = {s for _sure, cut in forms.values() for s in cut}
        known = set(SearchWord.objects.filter(word__in=shorter).values_list("word", flat=True))
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


_labels: dict = {"at": 0.0, "index": {}, "tags": {}}


def forget_labels() -> None:
    """Drop the cached label index (reference data changed)."""
    _labels["at"] = 0.0


def _label_index() -> dict[str, set[str]]:
    """Folded label word → the tags whose label contains it, over all interface languages."""
    if time.monotonic() - _labels["at"] < LABEL_CACHE_SECONDS:
        return _labels["index"]
    index: dict[str, set[str]] = defaultdict(set)
    for model, facet in (
        (FieldOfActivity, "field"),
        (TargetGroup, "group"),
        (WorkingLanguage, "lang"),
        (RecognitionType, "recog"),
    ):
        for item in model.objects.all():
            for label in item.all_labels():
                for word in words(label):
                    index[fold(word)].add(tag(facet, item.code))
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for kind in OrganizationKind:
                for word in words(str(kind.label)):
                    index[fold(word)].add(tag("kind", kind.value))
            # The Länder by their names in every language (Bayern, Bavaria, بافاريا, Bavyera).
            for state in FederalState:
                for word in words(str(state.label)):
                    index[fold(word)].add(tag("state", state.value))
    _labels.update(at=time.monotonic(), index=dict(index), tags={})
    return _labels["index"]


def label_tags(term: str) -> tuple[str, ...]:
    """Tags whose label has a word starting with the term (or its stem).

    Kept with the label index, as people search the same words again and again."""
    index = _label_index()
    found = _labels["tags"].get(term)
    if found is None:
        # The forms that need no look-up: labels are no documents' words.
        prefixes = shortest_prefixes(query_forms(term)[0])
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
        _labels["tags"][term] = found
    return found
