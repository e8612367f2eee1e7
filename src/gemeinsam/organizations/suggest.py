"""What an empty directory result offers instead: the words as the index knows them ("Did you
mean …?"), and every filter or word whose removal would find organizations, each with the number
it would find. Only an empty result asks; its counts come from bitmaps (one query for the words,
none for the filters)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from django.http import QueryDict
from django.utils.html import format_html

from . import queries, search
from .queries import DirectoryFilters, SearchResult

# The filters: query parameter → DirectoryFilters attribute (and search.Scope's).
FILTERS = {
    "kind": "kinds",
    "field": "fields",
    "language": "languages",
    "state": "states",
    "district": "districts",
    "recognition": "recognitions",
}


@dataclass(frozen=True)
class Offer:
    label: str  # what is left out: "Federal state: Hamburg", a word (safe HTML, isolated)
    count: int
    exact: bool  # False: more than `count` (queries.TOTAL_CAP)
    url: str


@dataclass
class Offers:
    filtered: bool  # a filter is in force
    words_only: str  # the query without the filters
    filters_only: str  # the query without the words
    spelled: str = ""  # "Did you mean …?": the words as the index knows them
    spelled_url: str = ""
    without_filter: list[Offer] = dataclasses.field(default_factory=list)
    without_any_filter: Offer | None = None
    without_word: list[Offer] = dataclasses.field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.without_filter or self.without_any_filter or self.without_word)


def _url(params: QueryDict, changes: dict[str, list[str]]) -> str:
    changed = params.copy()
    changed.pop("page", None)
    for name, values in changes.items():
        changed.setlist(name, values)
    encoded = changed.urlencode()
    return f"?{encoded}" if encoded else "?"


class _Counter:
    """How many a query within a scope would find, from bitmaps: the words' matches are read from
    the index once per set of words, and each scope is the facet bitmaps' (no query for it)."""

    def __init__(self):
        self.index = search.facet_index()
        self.words: dict[tuple[str, ...], int] = {}

    def __call__(self, query: search.ParsedQuery, scope: search.Scope) -> tuple[int, bool]:
        """(matches up to TOTAL_CAP, whether that is all of them)."""
        bits = search.scope_bits(self.index, scope.tag_groups(), scope.own or ())
        if query:
            if query.terms not in self.words:
                everywhere = search.Scope(own=None)
                self.words[query.terms] = search.engine().match_bits(query, everywhere)
            bits &= self.words[query.terms]
        counted = bits.bit_count()
        return min(counted, queries.TOTAL_CAP), counted <= queries.TOTAL_CAP


def offers(result: SearchResult, filters: DirectoryFilters, params: QueryDict, panel) -> Offers:
    """The offers for `result` (none when it found organizations); `panel`, the filter form,
    names the filters in force."""
    words = QueryDict(mutable=True)
    words.setlist("q", params.getlist("q"))
    facets = params.copy()
    facets.pop("q", None)
    facets.pop("page", None)
    found = Offers(filters.faceted, words.urlencode(), facets.urlencode())
    if result.total:
        return found
    # The words the search ended with: corrected where the index knows them spelled otherwise,
    # and then the offers below search for those.
    base: dict[str, list[str]] = {}
    if result.corrected_query:
        found.spelled = " ".join(result.query.terms)
        base["q"] = [found.spelled]
        found.spelled_url = _url(params, base)
    count = _Counter()
    _without_filters(found, result, filters, params, panel, base, count)
    query, scope = result.query, result.scope
    if len(query.terms) > 1:
        for word in query.terms:
            rest = [t for t in query.terms if t != word]
            n, exact = count(search.ParsedQuery(tuple(rest)), scope)
            if n:
                label = format_html("<bdi>{}</bdi>", word)
                found.without_word.append(
                    Offer(label, n, exact, _url(params, {"q": [" ".join(rest)]}))
                )
    return found


def _without_filters(found: Offers, result, filters, params, panel, base, count) -> None:
    """Each filter in force left out in turn, and all of them when several would find some."""
    query, scope = result.query, result.scope
    for name, attribute in FILTERS.items():
        values = getattr(filters, attribute)
        if not values:
            continue
        n, exact = count(query, dataclasses.replace(scope, **{attribute: ()}))
        if n:
            field = panel.fields.get(name)
            labels = dict(field.choices) if field else {}
            label = ", ".join(str(labels.get(v, v)) for v in values)
            caption = format_html("{}: <bdi>{}</bdi>", field.label if field else name, label)
            url = _url(params, {**base, name: []})
            found.without_filter.append(Offer(caption, n, exact, url))
    if sum(1 for attribute in FILTERS.values() if getattr(filters, attribute)) > 1:
        n, exact = count(query, search.Scope(own=scope.own))
        if n:
            url = _url(params, {**base, **{name: [] for name in FILTERS}})
            found.without_any_filter = Offer("", n, exact, url)
