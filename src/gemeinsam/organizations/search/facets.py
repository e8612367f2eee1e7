"""Facet counts from bitmaps kept in each server process.

A facet count is the number of organizations of a result that carry a tag ("zzstatenw",
"zzfieldyouthwork" …). Counting them in SQL joins every match to its facet values, which cost
the directory's page up to 270 ms at 100,000 organizations. Here each process keeps, per tag,
a bitmap of the organizations that carry it (a Python int, bit n for organization n), and a
result is one bitmap too: its count per tag is one AND and one bit count.

- The tags come from the search documents. `SearchChange` logs every document written or
  removed (database triggers, so nothing can write past it); before each use the index reads
  the log since its last look and rereads the documents named there (the log keeps 100,000
  entries; a process further behind reads every document again). SQLite numbers the log
  in commit order (one writer at a time). PostgreSQL numbers it before the commit, so the
  index keeps a horizon instead: the oldest transaction still running at its last look, and
  reads again every entry written by that one or a later one; an entry it has seen that is
  gone (rolled back) means reading everything again.
- A result with search words is read from the search index as a bitmap, 64 organizations a
  row (`engines.match_bits`); without words, it is the facet bitmaps' AND and OR, and needs
  no query.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable

from django.db import connection

from .text import tag

# Tags counted as facets; visibility is a facet's filter as well.
FACETS = ("kind", "state", "district", "field", "lang", "recog")
_PREFIXES = (*(tag(facet) for facet in FACETS), tag("public"))


def bitmap(ids: Iterable[int]) -> int:
    """The bitmap of a set of ids."""
    ids = list(ids)
    if not ids:
        return 0
    buffer = bytearray((max(ids) >> 3) + 1)
    for i in ids:
        buffer[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(buffer, "little")


def from_words(rows: Iterable[tuple[int, int]]) -> int:
    """The bitmap of (n, bits) rows: bits of organizations 64·n to 64·n + 63, as a signed
    64-bit integer (the databases' integer)."""
    rows = list(rows)
    if not rows:
        return 0
    buffer = bytearray(8 * (max(n for n, _bits in rows) + 1))
    for n, bits in rows:
        buffer[8 * n : 8 * n + 8] = (bits & 0xFFFF_FFFF_FFFF_FFFF).to_bytes(8, "little")
    return int.from_bytes(buffer, "little")


def ids_of(bits: int, *, newest: int | None = None) -> list[int]:
    """The ids in a bitmap, highest first; the first `newest` only when given."""
    found = []
    while bits and (newest is None or len(found) < newest):
        top = bits.bit_length() - 1
        found.append(top)
        bits ^= 1 << top
    return found


class _Index:
    """The tags' bitmaps of one database, and where in its log they stand."""

    def __init__(self, database: str):
        self.database = database
        self.tags: dict[str, int] = {}
        self.districts: dict[str, str] = {}  # tag → the district as written
        self.mark: tuple = ()
        self.lock = threading.Lock()

    # --- Reading the documents ---

    def _read(self, ids: list[int] | None) -> tuple[dict[str, list[int]], set[int]]:
        """Facet tags → ids of the documents (all when `ids` is None), and the ids read."""
        sql = (
            "SELECT d.organization_id, d.tags, o.district FROM organizations_searchdocument d "
            "JOIN organizations_organization o ON o.id = d.organization_id"
        )
        chunks = [None] if ids is None else [ids[i : i + 500] for i in range(0, len(ids), 500)]
        tagged: dict[str, list[int]] = defaultdict(list)
        seen = set()
        with connection.cursor() as cursor:
            for chunk in chunks:
                if chunk is None:
                    cursor.execute(sql)
                else:
                    marks = ", ".join(["%s"] * len(chunk))
                    cursor.execute(f"{sql} WHERE d.organization_id IN ({marks})", chunk)
                for pk, tags, district in cursor.fetchall():
                    seen.add(pk)
                    for token in tags.split():
                        if token.startswith(_PREFIXES):
                            tagged[token].append(pk)
                    if district:
                        self.districts.setdefault(tag("district", district), district)
        return tagged, seen

    def rebuild(self) -> None:
        mark = self._mark_now()
        self.districts = {}
        tagged, _seen = self._read(None)
        self.tags = {name: bitmap(ids) for name, ids in tagged.items()}
        self.mark = mark

    def _patch(self, changed: set[int]) -> None:
        """Read the changed organizations' documents again (a missing one was deleted). The
        bitmaps are replaced as a whole, so a thread counting meanwhile sees old or new ones."""
        cleared = ~bitmap(changed)
        tagged, _seen = self._read(sorted(changed))
        self.tags = {
            name: (self.tags.get(name, 0) & cleared) | bitmap(tagged.get(name, ()))
            for name in set(self.tags) | set(tagged)
        }

    # --- Following the log ---

    def _mark_now(self) -> tuple:
        """Where the log stands, read before the documents are."""
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT pg_snapshot_xmin(pg_current_snapshot())::text, "
                    "(SELECT max(id) FROM organizations_searchchange)"
                )
                horizon, newest = cursor.fetchone()
                return ("pg", horizon, newest or 0)
            cursor.execute(
                "SELECT id, token FROM organizations_searchchange ORDER BY id DESC LIMIT 1"
            )
            row = cursor.fetchone()
            return ("sqlite", *(row or (0, 0)))

    def sync(self) -> None:
        """Catch up with the log: patch what changed, or read everything again when the log
        no longer reaches back to the last look (or is another database's)."""
        if not self.mark:
            self.rebuild()
            return
        with connection.cursor() as cursor:
            if self.mark[0] == "pg":
                _kind, horizon, newest = self.mark
                cursor.execute(
                    "SELECT pg_snapshot_xmin(pg_current_snapshot())::text, "
                    "(SELECT min(id) FROM organizations_searchchange), "
                    "%s = 0 OR EXISTS (SELECT FROM organizations_searchchange WHERE id = %s), "
                    "coalesce(array_agg(c.organization_id), '{}'), max(c.id) "
                    "FROM organizations_searchchange c WHERE c.xid >= %s::xid8",
                    [newest, newest, horizon],
                )
                now, oldest, still_there, changed, latest = cursor.fetchone()
                # Pruned past the last look, or the newest entry seen was rolled back (read by
                # the transaction that wrote it).
                if not still_there or (oldest is not None and oldest > newest + 1):
                    self.rebuild()
                    return
                if changed:
                    self._patch(set(changed))
                self.mark = ("pg", now, max(newest, latest or 0))
                return
            _kind, last, token = self.mark
            cursor.execute(
                "SELECT id, token, organization_id FROM organizations_searchchange "
                "WHERE id >= %s ORDER BY id",
                [last],
            )
            rows = cursor.fetchall()
        if last and (not rows or rows[0][:2] != (last, token)):
            self.rebuild()
            return
        changed = {pk for pk_log, _token, pk in rows if pk_log > last}
        if changed:
            self._patch(changed)
            self.mark = ("sqlite", rows[-1][0], rows[-1][1])


_indexes: dict[str, _Index] = {}


def index() -> _Index:
    """This process's facet index of the current database, up to date with its log."""
    database = f"{connection.vendor}:{connection.settings_dict['NAME']}"
    current = _indexes.get(database)
    if current is None:
        current = _indexes[database] = _Index(database)
    with current.lock:
        current.sync()
    return current


def counts(match: int, index_: _Index) -> dict[str, int]:
    """The number of organizations of `match` per tag, where it is more than none."""
    found = {}
    for name, bits in index_.tags.items():
        if n := (match & bits).bit_count():
            found[name] = n
    return found


def scope_bits(index_: _Index, groups: list[list[str]], own: Iterable[int] = ()) -> int:
    """Every document within the scope's tag groups (OR within a group, AND across groups),
    from the bitmaps alone: what a search without words matches. `zzorg<id>` tags, which the
    index does not keep, are `own`'s ids."""
    everything = 0
    for name, bits in index_.tags.items():
        if name.startswith(tag("kind")):  # every document has one kind
            everything |= bits
    match = everything
    for group in groups:
        either = bitmap(own) & everything if tag("public") in group else 0
        for name in group:
            either |= index_.tags.get(name, 0)
        match &= either
    return match
