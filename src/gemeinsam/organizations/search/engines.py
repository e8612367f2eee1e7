"""The two engines: SQLite FTS5 and PostgreSQL full text, and spelling correction."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from django.db import connection
from django.db.models.expressions import RawSQL

from ..models import (
    SearchWord,
)
from .facets import from_words
from .terms import ParsedQuery, Scope, label_tags, label_words
from .text import NEWEST_PLANNED, fold

# The default scope of a query built without one: every organization.
_EVERYWHERE = Scope(own=None)


class _SqliteEngine:
    def _term(self, query: ParsedQuery, term: str) -> str:
        text = " OR ".join(f'"{v}"*' for v in query.variants(term))
        tags = label_tags(term, query.variants(term))
        if not tags:
            return f"{{title body}}: ({text})"
        return f"({{title body}}: ({text}) OR tags: ({' OR '.join(tags)}))"

    def match_expression(self, query: ParsedQuery, scope: Scope = _EVERYWHERE) -> str:
        # Terms are letters and digits only and tags [a-z0-9], so nothing here can break the
        # FTS5 syntax.
        parts = [self._term(query, t) for t in query.terms]
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

    def match_bits(self, query: ParsedQuery, scope: Scope) -> int:
        """Every match as a bitmap (see `facets`), read from the index 64 a row."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid >> 6, sum(1 << (rowid & 63)) FROM organizations_fts "
                "WHERE organizations_fts MATCH %s GROUP BY 1",
                [self.match_expression(query, scope)],
            )
            return from_words(cursor.fetchall())

    def optimize(self) -> None:
        """Merge the index's segments into one, after a bulk load (FTS5 'optimize')."""
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO organizations_fts(organizations_fts) VALUES ('optimize')")

    def closest(self, term: str) -> str | None:
        """The written word most like `term`: same two first letters, about as long."""
        start = term[:2]
        near = SearchWord.objects.filter(
            written=True,
            word__gte=start,
            word__lt=start[:-1] + chr(ord(start[-1]) + 1),
            length__range=(len(term) - 2, len(term) + 2),
        ).values_list("word", flat=True)
        labels = [w for w in label_words() if w[:2] == start]
        match = difflib.get_close_matches(term, [*near, *labels], n=1, cutoff=0.75)
        return match[0] if match else None


class _PostgresEngine:
    # The index of word beginnings (migration 0008): a query's prefixes become exact entries.
    _TERMS_MATCH = "organizations_search_terms(vector) @@ organizations_search_terms(({query}))"

    def _prefixes(self, query: ParsedQuery, query_terms: Iterable[str]) -> str:
        # Terms are letters and digits only, so quoting them is safe; ':*' makes each a prefix.
        # No weights, as a weighted query makes an index recheck every row against its vector;
        # except for a word that looks like a tag ("zz…"), which must match the text only (AB).
        return " | ".join(
            f"'{v}':*AB" if v.startswith("zz") else f"'{v}':*"
            for t in query_terms
            for v in query.variants(t)
        )

    def tsquery(self, query: ParsedQuery, scope: Scope = _EVERYWHERE) -> tuple[str, list]:
        """SQL for the tsquery, and its parameters."""
        parts, params = [], []
        for term in query.terms:
            text = "to_tsquery('german', %s)"
            params.append(self._prefixes(query, [term]))
            tags = label_tags(term, query.variants(term))
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

    # The postings of a query's words and tags (migration 0014): per group of alternatives
    # (a word's variants and labels' tags, or a facet's values) the blocks' bits ORed, and a
    # row (group, -1, 0) for each group that asks for anything (a German stop word does not).
    _POSTED = """
        WITH asked(g, tag, word) AS (VALUES {values}),
        ranges AS (
            SELECT g, tag, CASE WHEN tag THEN ' ' || word
                                ELSE (ts_lexize('german_stem', word))[1] END COLLATE "C" AS low
            FROM asked
        )
        SELECT r.g, p.block, bit_or(p.bits)
        FROM ranges r JOIN organizations_searchposting p
          ON p.term >= r.low AND p.term < r.low || CASE WHEN r.tag THEN chr(1) ELSE chr(1114111) END
        GROUP BY 1, 2
        UNION ALL
        SELECT DISTINCT g, -1, 0 FROM ranges WHERE low IS NOT NULL
    """
    # Shorter beginnings span too many words for their postings; the rows then give the ids.
    _POSTED_FROM = 3

    def match_bits(self, query: ParsedQuery, scope: Scope) -> int:
        """Every match as a bitmap (see `facets`): from the postings (migration 0014), which
        need no visit to the matching rows; for a word typed shorter than three letters through
        the index of word beginnings (the function of migration 0011), 64 ids a row."""
        asked: list[tuple[int, bool, str]] = []
        for g, term in enumerate(query.terms):
            variants = query.variants(term)
            if min(map(len, variants)) < self._POSTED_FROM:
                return self._match_bits_by_rows(query, scope)
            asked += [(g, False, v) for v in variants]
            asked += [(g, True, t) for t in label_tags(term, variants)]
        groups = scope.tag_groups()
        for g, group in enumerate(groups, start=len(query.terms)):
            asked += [(g, True, t) for t in group]
        if not asked:
            return self._match_bits_by_rows(query, scope)
        values = ", ".join(["(%s, %s, %s)"] * len(asked))
        with connection.cursor() as cursor:
            # Built from constants; values are parameters.
            cursor.execute(self._POSTED.format(values=values), [x for a in asked for x in a])
            rows = cursor.fetchall()
        asking = {g for g, block, _bits in rows if block == -1}
        blocks: dict[int, list[tuple[int, int]]] = {g: [] for g in asking}
        for g, block, bits in rows:
            if block >= 0 and g in asking:
                blocks[g].append((block, bits))
        match = None
        for found in blocks.values():
            bits = from_words(found)
            match = bits if match is None else match & bits
        return match or 0

    def _match_bits_by_rows(self, query: ParsedQuery, scope: Scope) -> int:
        sql, params = self.tsquery(query, scope)
        with connection.cursor() as cursor:
            # Built from constants; values are parameters.
            cursor.execute(f"SELECT * FROM organizations_search_bits(({sql}))", params)  # noqa: S608
            return from_words(cursor.fetchall())

    def optimize(self) -> None:
        """Fresh planner statistics after a bulk load (autovacuum would get there later)."""
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE organizations_searchdocument")

    def closest(self, term: str) -> str | None:
        """The written word most like `term`, by pg_trgm similarity (trigram index)."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT word FROM organizations_searchword WHERE word %% %s AND written "
                "ORDER BY similarity(word, %s) DESC, word LIMIT 1",
                [term, term],
            )
            row = cursor.fetchone()
        if row:
            return row[0]
        labels = difflib.get_close_matches(term, list(label_words()), n=1, cutoff=0.75)
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
