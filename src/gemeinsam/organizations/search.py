"""Directory search: one interface, two engines.

Every organization has one search document with three parts:

- title: name and short name;
- body: place, postcode, descriptions in every language, and the German Snowball stem of every
  word (so "Vereine" finds "Verein");
- tags: one token per facet value ("zzkindmigrantorg", "zzstatenw", "zzfieldyouthwork",
  "zzpublic", "zzorg42" …).

Facets and visibility are answered inside the index, from the tags, so a search never probes the
organization table row by row. The labels of fields, target groups, languages, recognitions and
kinds are not copied into every document. Instead each search word is matched against the labels
in all four languages and widened to the tags it names: "Jugend" also finds every organization
tagged with the field "Jugendarbeit".

- SQLite: an FTS5 table (`organizations_fts`) kept in step with `SearchDocument` by triggers;
  each word matches as a prefix, as typed or as its stem.
- PostgreSQL: a stored `tsvector` column: german for title and body, simple for the tags;
  prefix `tsquery`s. Its GIN index holds every lexeme's beginnings ("~jug" for
  "jugendarbeit"), so a word typed is one exact index entry (migration 0008).

Ranking: when at most RANK_ALL organizations match, by bm25/ts_rank (name above body). Beyond
that, ranking every match would cost more than the whole search. Name matches come first, then
the rest, each newest first.
When a search finds nothing, each unknown word is replaced by the closest known one.
"""

from __future__ import annotations

import difflib
import functools
import re
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import snowballstemmer
from django.conf import settings
from django.db import connection, models
from django.db.models.expressions import RawSQL
from django.utils import translation

from gemeinsam.core.enums import FederalState

from .enums import OrganizationKind
from .models import (
    FieldOfActivity,
    Organization,
    OrganizationDescription,
    Recognition,
    RecognitionType,
    SearchDocument,
    SearchWord,
    TargetGroup,
    WorkingLanguage,
)

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


# --- Documents ---------------------------------------------------------------------------------


@dataclass
class _Doc:
    pk: int
    name: str
    short_name: str
    places: list[str]
    kind: str
    state: str
    district: str
    is_public: bool
    tags: list[str]
    texts: list[str]

    def build(self) -> SearchDocument:
        title = " ".join(filter(None, [self.name, self.short_name]))
        body = " ".join(filter(None, [*self.places, *self.texts]))
        # Stems go in once each; bm25 would otherwise count them again and again.
        stems = " ".join(sorted(set(_stems(words(f"{title} {body}")))))
        tags = [
            tag("kind", self.kind),
            tag("state", self.state or "none"),
            tag("district", self.district or "none"),
            tag("org", self.pk),
            *self.tags,
        ]
        if self.is_public:
            tags.append(tag("public"))
        return SearchDocument(
            organization_id=self.pk, title=title, body=f"{body} {stems}", tags=" ".join(tags)
        )


def document_for(org: Organization) -> SearchDocument:
    """The search document of one organization; expects the related rows to be prefetched."""
    related = [
        *(tag("field", f.code) for f in org.fields.all()),
        *(tag("group", g.code) for g in org.target_groups.all()),
        *(tag("lang", lang.code) for lang in org.languages.all()),
        *(tag("recog", r.type.code) for r in org.recognitions.all()),
    ]
    return _Doc(
        pk=org.pk,
        name=org.name,
        short_name=org.short_name,
        places=[org.postcode, org.city, org.district, org.municipality],
        kind=org.kind,
        state=org.federal_state,
        district=org.district,
        is_public=org.is_public,
        tags=related,
        texts=[d.text for d in org.descriptions.all()],
    ).build()


def _documents_for_ids(ids: list[int]) -> list[SearchDocument]:
    """The same documents as `document_for`, read with plain value queries (no model instances
    per row), which makes rebuilding 100,000 documents take seconds instead of minutes."""
    tags: dict[int, list[str]] = defaultdict(list)
    for name, facet in (("fields", "field"), ("target_groups", "group"), ("languages", "lang")):
        field = Organization._meta.get_field(name)
        codes = dict(field.related_model.objects.values_list("pk", "code"))
        through = field.remote_field.through.objects.filter(organization_id__in=ids)
        pairs = through.values_list("organization_id", f"{field.m2m_reverse_field_name()}_id")
        for org_id, ref_id in pairs:
            tags[org_id].append(tag(facet, codes[ref_id]))
    codes = dict(RecognitionType.objects.values_list("pk", "code"))
    for org_id, type_id in Recognition.objects.filter(organization_id__in=ids).values_list(
        "organization_id", "type_id"
    ):
        tags[org_id].append(tag("recog", codes[type_id]))
    texts: dict[int, list[str]] = defaultdict(list)
    descriptions = OrganizationDescription.objects.filter(organization_id__in=ids).order_by("pk")
    for org_id, text in descriptions.values_list("organization_id", "text"):
        texts[org_id].append(text)
    rows = Organization.objects.filter(pk__in=ids).values_list(
        "pk",
        "name",
        "short_name",
        "postcode",
        "city",
        "district",
        "municipality",
        "kind",
        "federal_state",
        "is_public",
    )
    return [
        _Doc(
            pk=pk,
            name=name,
            short_name=short,
            places=[postcode, city, district, municipality],
            kind=kind,
            state=state,
            district=district,
            is_public=public,
            tags=tags[pk],
            texts=texts[pk],
        ).build()
        for pk, name, short, postcode, city, district, municipality, kind, state, public in rows
    ]


def _replace(docs: list[SearchDocument]) -> int:
    if not docs:
        return 0
    SearchDocument.objects.filter(organization__in=[d.organization_id for d in docs]).delete()
    SearchDocument.objects.bulk_create(docs, batch_size=1000)
    known = {
        word
        for d in docs
        for w in words(f"{d.title} {d.body}")
        if 4 <= len(word := fold(w)) <= 100 and not word.isdigit()
    }
    SearchWord.objects.bulk_create(
        [SearchWord(word=w, length=len(w)) for w in sorted(known)],
        batch_size=1000,
        ignore_conflicts=True,
    )
    return len(docs)


def reindex(organizations: Iterable[Organization] | models.QuerySet | None = None) -> int:
    """Rewrite the search documents of the given organizations (all when None).

    A queryset (or None) is read in chunks, so any number of organizations stays below the
    database's limit of query parameters.
    """
    if organizations is None or isinstance(organizations, models.QuerySet):
        qs = organizations if organizations is not None else Organization.objects.all()
        ids = list(qs.order_by("pk").values_list("pk", flat=True))
        count = sum(
            _replace(_documents_for_ids(ids[start : start + REINDEX_CHUNK]))
            for start in range(0, len(ids), REINDEX_CHUNK)
        )
        if organizations is None:
            optimize()
        return count
    return _replace([document_for(org) for org in organizations])


# --- Queries -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParsedQuery:
    terms: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.terms)


def parse(q: str) -> ParsedQuery:
    return ParsedQuery(tuple(dict.fromkeys(words(q)))[:MAX_TERMS])


def variants(term: str) -> list[str]:
    """The prefixes a word matches with: as typed and as its stem, the shorter one only when
    one is a prefix of the other (it matches everything the longer one would)."""
    stem = _stem(term)
    if term.startswith(stem):
        return [stem]
    if stem.startswith(term):
        return [term]
    return sorted({term, stem})


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
    for state in FederalState:
        for word in words(state.label):
            index[fold(word)].add(tag("state", state.value))
    _labels.update(at=time.monotonic(), index=dict(index), tags={})
    return _labels["index"]


def label_tags(term: str) -> tuple[str, ...]:
    """Tags whose label has a word starting with the term (or its stem).

    Kept with the label index, as people search the same words again and again."""
    index = _label_index()
    found = _labels["tags"].get(term)
    if found is None:
        prefixes = [fold(v) for v in variants(term)]
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


class _SqliteEngine:
    def _term(self, term: str) -> str:
        text = " OR ".join(f'"{v}"*' for v in variants(term))
        tags = label_tags(term)
        if not tags:
            return f"{{title body}}: ({text})"
        return f"({{title body}}: ({text}) OR tags: ({' OR '.join(tags)}))"

    def match_expression(self, query: ParsedQuery, scope: Scope = Scope(own=None)) -> str:
        # Terms are letters and digits only and tags [a-z0-9], so nothing here can break the
        # FTS5 syntax.
        parts = [self._term(t) for t in query.terms]
        parts += [f"tags: ({' OR '.join(group)})" for group in scope.tag_groups()]
        return " AND ".join(parts)

    def matching_ids(self, query: ParsedQuery, scope: Scope) -> RawSQL:
        return RawSQL(
            "SELECT rowid FROM organizations_fts WHERE organizations_fts MATCH %s",
            [self.match_expression(query, scope)],
        )

    def count(self, query: ParsedQuery, scope: Scope, *, limit: int) -> int:
        """The number of matches, counted up to `limit`."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM (SELECT 1 FROM organizations_fts "
                "WHERE organizations_fts MATCH %s LIMIT %s)",
                [self.match_expression(query, scope), limit],
            )
            return cursor.fetchone()[0]

    def page(self, query: ParsedQuery, scope: Scope, *, ranked: bool, limit: int, offset: int):
        """SQL for the ids of one page of matches, and its parameters: by bm25 (name above body)
        when `ranked`, else newest first, which the index answers by reading its rowids
        backwards."""
        order = "rowid DESC"
        if ranked:
            order = "bm25(organizations_fts, 10.0, 1.0, 0.0), rowid DESC"
        return (
            "SELECT rowid FROM organizations_fts WHERE organizations_fts MATCH %s "  # noqa: S608
            f"ORDER BY {order} LIMIT %s OFFSET %s",
            [self.match_expression(query, scope), limit, offset],
        )

    def optimize(self) -> None:
        """Merge the index's segments into one, after a bulk load (FTS5 'optimize')."""
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO organizations_fts(organizations_fts) VALUES ('optimize')")

    def closest(self, term: str) -> str | None:
        """The known word most like `term`: same two first letters, about as long."""
        start = term[:2]
        near = SearchWord.objects.filter(
            word__gte=start,
            word__lt=start[:-1] + chr(ord(start[-1]) + 1),
            length__range=(len(term) - 2, len(term) + 2),
        ).values_list("word", flat=True)
        labels = [w for w in _label_index() if w[:2] == start]
        match = difflib.get_close_matches(term, [*near, *labels], n=1, cutoff=0.75)
        return match[0] if match else None


class _PostgresEngine:
    # The index of word beginnings (migration 0008): a query's prefixes become exact entries.
    _TERMS_MATCH = "organizations_search_terms(vector) @@ organizations_search_terms(({query}))"

    def _prefixes(self, query_terms: Iterable[str]) -> str:
        # Terms are letters and digits only, so quoting them is safe; ':*' makes each a prefix.
        # No weights, as a weighted query makes an index recheck every row against its vector;
        # except for a word that looks like a tag ("zz…"), which must match the text only (AB).
        return " | ".join(
            f"'{v}':*AB" if v.startswith("zz") else f"'{v}':*"
            for t in query_terms
            for v in variants(t)
        )

    def tsquery(self, query: ParsedQuery, scope: Scope = Scope(own=None)) -> tuple[str, list]:
        """SQL for the tsquery, and its parameters."""
        parts, params = [], []
        for term in query.terms:
            text = "to_tsquery('german', %s)"
            params.append(self._prefixes([term]))
            tags = label_tags(term)
            if tags:
                text = f"({text} || to_tsquery('simple', %s))"
                params.append(" | ".join(tags))
            parts.append(text)
        for group in scope.tag_groups():
            parts.append("to_tsquery('simple', %s)")
            params.append(" | ".join(group))
        return " && ".join(parts), params

    def matching_ids(self, query: ParsedQuery, scope: Scope) -> RawSQL:
        sql, params = self.tsquery(query, scope)
        return RawSQL(  # noqa: S611 - built from constants; values are parameters
            "SELECT organization_id FROM organizations_searchdocument "  # noqa: S608
            f"WHERE {self._TERMS_MATCH.format(query=sql)}",
            params,
        )

    def count(self, query: ParsedQuery, scope: Scope, *, limit: int) -> int:
        """The number of matches, counted up to `limit`, through the index of word beginnings
        (the function made by migrations 0007 and 0008, which keeps the planner off a full
        table scan)."""
        sql, params = self.tsquery(query, scope)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT organizations_search_count(({sql}), %s)", [*params, limit])
            return cursor.fetchone()[0]

    def page(self, query: ParsedQuery, scope: Scope, *, ranked: bool, limit: int, offset: int):
        """SQL for the ids of one page of matches, and its parameters: ranked when asked (few
        matches, found through the index of word beginnings), else newest first, which the
        primary key answers by reading backwards until the page is full."""
        sql, params = self.tsquery(query, scope)
        if ranked:
            return (
                "SELECT organization_id FROM organizations_searchdocument "  # noqa: S608
                f"WHERE {self._TERMS_MATCH.format(query=sql)} "
                f"ORDER BY ts_rank(vector, ({sql})) DESC, organization_id DESC "
                "LIMIT %s OFFSET %s",
                [*params, *params, limit, offset],
            )
        if offset + limit <= NEWEST_PLANNED:
            # The first pages: the function (migration 0008) keeps its plan for the session.
            return (
                f"SELECT id FROM organizations_search_newest(({sql}), %s) "  # noqa: S608
                "WITH ORDINALITY AS newest(id, position) WHERE position > %s",
                [*params, offset + limit, offset],
            )
        return (
            "SELECT organization_id FROM organizations_searchdocument "  # noqa: S608
            f"WHERE vector @@ ({sql}) ORDER BY organization_id DESC LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )

    def optimize(self) -> None:
        """Fresh planner statistics after a bulk load (autovacuum would get there later)."""
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE organizations_searchdocument")

    def closest(self, term: str) -> str | None:
        """The known word most like `term`, by pg_trgm similarity (trigram index)."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT word FROM organizations_searchword WHERE word %% %s "
                "ORDER BY similarity(word, %s) DESC, word LIMIT 1",
                [term, term],
            )
            row = cursor.fetchone()
        if row:
            return row[0]
        labels = difflib.get_close_matches(term, list(_label_index()), n=1, cutoff=0.75)
        return labels[0] if labels else None


def engine():
    return _PostgresEngine() if connection.vendor == "postgresql" else _SqliteEngine()


def optimize() -> None:
    """Compact the index after a bulk load (many new documents at once)."""
    engine().optimize()


def is_known(term: str) -> bool:
    """Whether some indexed word or label starts with `term` (so it is no typo)."""
    folded = fold(term)
    if label_tags(term):
        return True
    return SearchWord.objects.filter(word__gte=folded, word__lt=folded + "\U0010ffff").exists()


def corrected(query: ParsedQuery) -> ParsedQuery | None:
    """The query with each unknown word replaced by the closest known word, or None if nothing
    changes. Known words are the indexed documents' and the reference data's labels."""
    eng = engine()
    fixed = []
    for term in query.terms:
        if len(term) < 4 or is_known(term):
            fixed.append(term)
        else:
            fixed.append(eng.closest(fold(term)) or term)
    result = ParsedQuery(tuple(fixed))
    return result if result.terms != query.terms else None
