"""Directory search: one interface, two engines.

- SQLite (the embedded default): an FTS5 table (`organizations_fts`) kept in step with
  `SearchDocument` by triggers. German word forms come from prefix queries plus a Snowball stem
  of every word stored next to the word, so "Jugend" finds "Jugendhilfe" and "Vereine" finds
  "Verein".
- PostgreSQL: `to_tsvector('german', …)` with a GIN expression index and prefix `tsquery`s;
  pg_trgm finds words despite typos.

Both fall back to typo correction when a query finds nothing: each unknown word is replaced by
the closest word the index knows ("Beratngsstelle" → "beratungsstelle").
"""

from __future__ import annotations

import difflib
import functools
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import snowballstemmer
from django.db import connection, models
from django.db.models.expressions import RawSQL

from .models import (
    Organization,
    OrganizationDescription,
    Recognition,
    RecognitionType,
    SearchDocument,
)

_WORD = re.compile(r"\w+", re.UNICODE)
_stemmer = snowballstemmer.stemmer("german")
MAX_TERMS = 8


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text or "") if not w.isdigit() or len(w) == 5]


@functools.lru_cache(maxsize=100_000)
def _stem(word: str) -> str:
    # The pure-Python Snowball stemmer costs ~100 µs a word; a directory's vocabulary is small
    # and repeats endlessly, so re-indexing and parsing queries mostly hit this cache.
    return _stemmer.stemWord(word)


def _stems(tokens: Iterable[str]) -> list[str]:
    return [s for w in tokens if (s := _stem(w)) != w]


def _document(head: list[str], labelled: Iterable, texts: Iterable[str]) -> tuple[str, str]:
    """(title, body) from [name, short name, city, district, municipality, kind label], the
    reference rows (fields, target groups, languages, recognition types) and the descriptions."""
    title = " ".join(filter(None, head[:2]))
    parts = list(head[2:])
    for item in labelled:
        parts.extend(item.all_labels())
    parts.extend(texts)
    body = " ".join(filter(None, parts))
    tokens = words(f"{title} {body}")
    # Stems go in once each; FTS5's bm25 would otherwise count them again and again.
    stems = " ".join(sorted(set(_stems(tokens))))
    return title, f"{body} {stems}"


def document_for(org: Organization) -> tuple[str, str]:
    """(title, body) for one organization; expects the related rows to be prefetched."""
    head = [
        org.name,
        org.short_name,
        org.city,
        org.district,
        org.municipality,
        org.get_kind_display(),
    ]
    labelled = [
        *org.fields.all(),
        *org.target_groups.all(),
        *org.languages.all(),
        *(r.type for r in org.recognitions.all()),
    ]
    return _document(head, labelled, (d.text for d in org.descriptions.all()))


REINDEX_CHUNK = 2000
_M2M = ("fields", "target_groups", "languages")


def _documents_for_ids(ids: list[int]) -> list[SearchDocument]:
    """The same documents as `document_for`, read with plain value queries (no model instances
    per row), which makes rebuilding 100,000 documents take seconds instead of minutes."""
    kinds = dict(Organization._meta.get_field("kind").flatchoices)
    related: dict[int, list] = defaultdict(list)
    for name in _M2M:
        field = Organization._meta.get_field(name)
        reference = {obj.pk: obj for obj in field.related_model.objects.all()}
        through = field.remote_field.through.objects.filter(organization_id__in=ids)
        pairs = through.values_list("organization_id", f"{field.m2m_reverse_field_name()}_id")
        # Reference rows in their model's order (position, code), as the related managers give.
        for org_id, ref_id in sorted(
            pairs, key=lambda p: (p[0], reference[p[1]].position, reference[p[1]].code)
        ):
            related[org_id].append(reference[ref_id])
    types = {t.pk: t for t in RecognitionType.objects.all()}
    recognitions = Recognition.objects.filter(organization_id__in=ids).order_by("pk")
    for org_id, type_id in recognitions.values_list("organization_id", "type_id"):
        related[org_id].append(types[type_id])
    texts: dict[int, list[str]] = defaultdict(list)
    descriptions = OrganizationDescription.objects.filter(organization_id__in=ids).order_by("pk")
    for org_id, text in descriptions.values_list("organization_id", "text"):
        texts[org_id].append(text)
    rows = Organization.objects.filter(pk__in=ids).values_list(
        "pk", "name", "short_name", "city", "district", "municipality", "kind"
    )
    docs = []
    for pk, *head, kind in rows:
        title, body = _document([*head, str(kinds.get(kind, kind))], related[pk], texts[pk])
        docs.append(SearchDocument(organization_id=pk, title=title, body=body))
    return docs


def _replace(docs: list[SearchDocument]) -> int:
    if not docs:
        return 0
    SearchDocument.objects.filter(organization__in=[d.organization_id for d in docs]).delete()
    SearchDocument.objects.bulk_create(docs, batch_size=1000)
    return len(docs)


def reindex(organizations: Iterable[Organization] | models.QuerySet | None = None) -> int:
    """Rewrite the search documents of the given organizations (all when None).

    A queryset (or None) is read in chunks, so any number of organizations stays below the
    database's limit of query parameters.
    """
    if organizations is None or isinstance(organizations, models.QuerySet):
        qs = organizations if organizations is not None else Organization.objects.all()
        ids = list(qs.order_by("pk").values_list("pk", flat=True))
        return sum(
            _replace(_documents_for_ids(ids[start : start + REINDEX_CHUNK]))
            for start in range(0, len(ids), REINDEX_CHUNK)
        )
    docs = []
    for org in organizations:
        title, body = document_for(org)
        docs.append(SearchDocument(organization=org, title=title, body=body))
    return _replace(docs)


@dataclass(frozen=True)
class ParsedQuery:
    terms: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.terms)


def parse(q: str) -> ParsedQuery:
    return ParsedQuery(tuple(dict.fromkeys(words(q)))[:MAX_TERMS])


class _SqliteEngine:
    def match_expression(self, query: ParsedQuery) -> str:
        # Every word must match, as a prefix, either as typed or as its German stem.
        groups = []
        for term in query.terms:
            variants = {term, *_stems([term])}
            # "verein"* already finds everything "vereine"* finds; the longer prefix would only
            # make FTS5 merge the same document lists twice.
            variants = {
                v for v in variants if not any(v != u and v.startswith(u) for u in variants)
            }
            groups.append("(" + " OR ".join(f'"{v}"*' for v in sorted(variants)) + ")")
        return " AND ".join(groups)

    def matching_ids(self, query: ParsedQuery) -> RawSQL:
        return RawSQL(
            "SELECT rowid FROM organizations_fts WHERE organizations_fts MATCH %s",
            [self.match_expression(query)],
        )

    def ranked_page(
        self, query: ParsedQuery, candidates: models.QuerySet, limit: int, offset: int
    ) -> tuple[list[int], int | None]:
        """One page of matching candidates, best first, and how many match in all.

        One pass over the index: FTS5 is scanned once and each hit is looked up among the
        candidates by primary key. The "+" in the join keeps SQLite from doing it the other way
        round, probing FTS5 once per candidate with the whole MATCH evaluated each time, which
        took seconds at 100,000 organizations. bm25 is computed for matching candidates only.
        The total is None when the page is empty (nothing matches, or the page is past the end).
        """
        hits = (
            candidates.order_by()
            .extra(
                tables=["organizations_fts"],
                where=[
                    "+organizations_fts.rowid = organizations_organization.id",
                    "organizations_fts MATCH %s",
                ],
                params=[self.match_expression(query)],
                select={"score": "bm25(organizations_fts, 8.0, 1.0)"},
            )
            .values("id", "score")
        )
        hits_sql, params = hits.query.sql_with_params()
        if sqlite3.sqlite_version_info < (3, 35):  # no MATERIALIZED: rank, then count apart
            sql = f"SELECT id, NULL FROM ({hits_sql}) ORDER BY score, id LIMIT %s OFFSET %s"  # noqa: S608
        else:
            # Materialized, so that bm25 runs where FTS5 allows it, before the window count.
            sql = (
                f"WITH hits AS MATERIALIZED ({hits_sql}) "  # noqa: S608 - compiled by Django
                "SELECT id, COUNT(*) OVER () FROM hits ORDER BY score, id LIMIT %s OFFSET %s"
            )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit, offset])
            rows = cursor.fetchall()
        return [row[0] for row in rows], (rows[0][1] if rows else None)

    # fts5vocab answers "term = ?" and term ranges from the index directly; reading the whole
    # vocabulary instead means walking every term's document list (300 ms at 100,000 rows).
    def is_known(self, term: str) -> bool:
        with connection.cursor() as cursor:
            cursor.execute("SELECT doc FROM organizations_fts_vocab WHERE term = %s", [term])
            row = cursor.fetchone()
        return bool(row and row[0] > 0)

    def words_starting_like(self, term: str) -> list[str]:
        """Known words with the same first letter as `term`."""
        first = term[0]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT term FROM organizations_fts_vocab "
                "WHERE term >= %s AND term < %s AND doc > 0",
                [first, chr(ord(first) + 1)],
            )
            return [row[0] for row in cursor.fetchall()]


class _PostgresEngine:
    VECTOR = (
        "(setweight(to_tsvector('german', title), 'A') || "
        "setweight(to_tsvector('german', body), 'B'))"
    )

    def tsquery(self, query: ParsedQuery) -> str:
        # Terms are \w+ only, so quoting them is safe; ':*' makes each a prefix.
        return " & ".join(f"'{t}':*" for t in query.terms)

    def matching_ids(self, query: ParsedQuery) -> RawSQL:
        return RawSQL(  # noqa: S611 - a constant and a parameter
            "SELECT organization_id FROM organizations_searchdocument "  # noqa: S608 - constants
            f"WHERE {self.VECTOR} @@ to_tsquery('german', %s)",
            [self.tsquery(query)],
        )

    def ranked_page(
        self, query: ParsedQuery, candidates: models.QuerySet, limit: int, offset: int
    ) -> tuple[list[int], int | None]:
        """One page of matching candidates, best first, and how many match in all (None when
        the page is empty).

        The matches come from the GIN index first (materialized, so the planner cannot choose
        to recompute the vector of every candidate instead); only they are ranked. Ranking
        still recomputes each match's vector, which makes large results slow; a stored vector
        column (a migration) would avoid that.
        """
        sub_sql, sub_params = candidates.order_by().values("id").query.sql_with_params()
        sql = (
            "WITH hits AS MATERIALIZED (SELECT organization_id AS id "  # noqa: S608 - see above
            "FROM organizations_searchdocument "
            f"WHERE {self.VECTOR} @@ to_tsquery('german', %s)), "
            f"found AS MATERIALIZED (SELECT id FROM hits WHERE id IN ({sub_sql})) "
            "SELECT d.organization_id, COUNT(*) OVER () "
            "FROM organizations_searchdocument d JOIN found ON found.id = d.organization_id "
            f"ORDER BY ts_rank({self.VECTOR}, to_tsquery('german', %s)) DESC, d.organization_id "
            "LIMIT %s OFFSET %s"
        )
        tsq = self.tsquery(query)
        with connection.cursor() as cursor:
            cursor.execute(sql, [tsq, *sub_params, tsq, limit, offset])
            rows = cursor.fetchall()
        return [row[0] for row in rows], (rows[0][1] if rows else None)

    def is_known(self, term: str) -> bool:
        # Through the GIN index; the word list of closest_word() means reading every document.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT EXISTS (SELECT 1 FROM organizations_searchdocument "  # noqa: S608 - constants
                f"WHERE {self.VECTOR} @@ to_tsquery('german', %s))",
                [self.tsquery(ParsedQuery((term,)))],
            )
            return cursor.fetchone()[0]

    def closest_word(self, term: str) -> str | None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT word FROM ts_stat('SELECT to_tsvector(''simple'', title || '' '' || body) "
                "FROM organizations_searchdocument') "
                "WHERE similarity(word, %s) > 0.35 ORDER BY similarity(word, %s) DESC, "
                "ndoc DESC LIMIT 1",
                [term, term],
            )
            row = cursor.fetchone()
            return row[0] if row else None


def engine():
    return _PostgresEngine() if connection.vendor == "postgresql" else _SqliteEngine()


def corrected(query: ParsedQuery) -> ParsedQuery | None:
    """The query with each word replaced by the closest known word, or None if nothing changes."""
    eng = engine()
    fixed = []
    if isinstance(eng, _PostgresEngine):
        for term in query.terms:
            fixed.append(term if eng.is_known(term) else (eng.closest_word(term) or term))
    else:
        for term in query.terms:
            if len(term) < 4 or eng.is_known(term):
                fixed.append(term)
                continue
            near = [
                w
                for w in eng.words_starting_like(term)
                if abs(len(w) - len(term)) <= 2 and w[0] == term[0]
            ]
            match = difflib.get_close_matches(term, near, n=1, cutoff=0.75)
            fixed.append(match[0] if match else term)
    result = ParsedQuery(tuple(fixed))
    return result if result.terms != query.terms else None
