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

Facet counts come from per-process bitmaps of the tags, kept up to date from a log of changed
documents (`facets`).
"""

from .documents import document_for, reindex
from .engines import _PostgresEngine, _SqliteEngine, corrected, engine, is_known, optimize
from .facets import counts, ids_of, scope_bits
from .facets import index as facet_index
from .terms import ParsedQuery, Scope, forget_labels, label_tags, parse, variants
from .text import MAX_TERMS, RANK_ALL, fold, tag, words

__all__ = [
    "MAX_TERMS",
    "RANK_ALL",
    "ParsedQuery",
    "Scope",
    "_PostgresEngine",
    "_SqliteEngine",
    "corrected",
    "counts",
    "document_for",
    "engine",
    "facet_index",
    "fold",
    "forget_labels",
    "ids_of",
    "is_known",
    "label_tags",
    "optimize",
    "parse",
    "reindex",
    "scope_bits",
    "tag",
    "variants",
    "words",
]
