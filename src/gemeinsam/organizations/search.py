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
import re
from collections.abc import Iterable
from dataclasses import dataclass

import snowballstemmer
from django.db import connection, models
from django.db.models.expressions import RawSQL

from .models import Organization, SearchDocument

_WORD = re.compile(r"\w+", re.UNICODE)
_stemmer = snowballstemmer.stemmer("german")
MAX_TERMS = 8


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text or "") if not w.isdigit() or len(w) == 5]


def _stems(tokens: Iterable[str]) -> list[str]:
    return [s for w, s in zip(tokens, _stemmer.stemWords(list(tokens)), strict=True) if s != w]


def document_for(org: Organization) -> tuple[str, str]:
    """(title, body) for one organization; expects the related rows to be prefetched."""
    title = " ".join(filter(None, [org.name, org.short_name]))
    parts = [org.city, org.district, org.municipality, org.get_kind_display()]
    for rel in (org.fields.all(), org.target_groups.all(), org.languages.all()):
        for item in rel:
            parts.extend(item.all_labels())
    for r in org.recognitions.all():
        parts.extend(r.type.all_labels())
    parts.extend(d.text for d in org.descriptions.all())
    body = " ".join(filter(None, parts))
    tokens = words(f"{title} {body}")
    # Stems go in once each; FTS5's bm25 would otherwise count them again and again.
    stems = " ".join(sorted(set(_stems(tokens))))
    return title, f"{body} {stems}"


def reindex(organizations: Iterable[Organization] | models.QuerySet | None = None) -> int:
    """Rewrite the search documents of the given organizations (all when None)."""
    if organizations is None or isinstance(organizations, models.QuerySet):
        qs = organizations if organizations is not None else Organization.objects.all()
        organizations = qs.prefetch_related(
            "fields", "target_groups", "languages", "recognitions__type", "descriptions"
        )
    docs = []
    for org in organizations:
        title, body = document_for(org)
        docs.append(SearchDocument(organization=org, title=title, body=body))
    if not docs:
        return 0
    SearchDocument.objects.filter(organization__in=[d.organization_id for d in docs]).delete()
    SearchDocument.objects.bulk_create(docs, batch_size=1000)
    return len(docs)


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
            groups.append("(" + " OR ".join(f'"{v}"*' for v in sorted(variants)) + ")")
        return " AND ".join(groups)

    def matching_ids(self, query: ParsedQuery) -> RawSQL:
        return RawSQL(
            "SELECT rowid FROM organizations_fts WHERE organizations_fts MATCH %s",
            [self.match_expression(query)],
        )

    def ranked_ids(self, query: ParsedQuery, candidates: models.QuerySet, limit: int, offset: int):
        sub_sql, sub_params = candidates.values("id").query.sql_with_params()
        sql = (
            "SELECT rowid FROM organizations_fts WHERE organizations_fts MATCH %s "
            f"AND rowid IN ({sub_sql}) "
            "ORDER BY bm25(organizations_fts, 8.0, 1.0) LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.match_expression(query), *sub_params, limit, offset])
            return [row[0] for row in cursor.fetchall()]

    def vocabulary(self) -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT term FROM organizations_fts_vocab WHERE doc > 0")
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
        return RawSQL(
            "SELECT organization_id FROM organizations_searchdocument "
            f"WHERE {self.VECTOR} @@ to_tsquery('german', %s)",
            [self.tsquery(query)],
        )

    def ranked_ids(self, query: ParsedQuery, candidates: models.QuerySet, limit: int, offset: int):
        sub_sql, sub_params = candidates.values("id").query.sql_with_params()
        sql = (
            "SELECT organization_id FROM organizations_searchdocument "
            f"WHERE {self.VECTOR} @@ to_tsquery('german', %s) AND organization_id IN ({sub_sql}) "
            f"ORDER BY ts_rank({self.VECTOR}, to_tsquery('german', %s)) DESC, organization_id "
            "LIMIT %s OFFSET %s"
        )
        tsq = self.tsquery(query)
        with connection.cursor() as cursor:
            cursor.execute(sql, [tsq, *sub_params, tsq, limit, offset])
            return [row[0] for row in cursor.fetchall()]

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
            fixed.append(eng.closest_word(term) or term)
    else:
        vocabulary = eng.vocabulary()
        known = set(vocabulary)
        for term in query.terms:
            if term in known or len(term) < 4:
                fixed.append(term)
                continue
            near = [w for w in vocabulary if abs(len(w) - len(term)) <= 2 and w[0] == term[0]]
            match = difflib.get_close_matches(term, near, n=1, cutoff=0.75)
            fixed.append(match[0] if match else term)
    result = ParsedQuery(tuple(fixed))
    return result if result.terms != query.terms else None
