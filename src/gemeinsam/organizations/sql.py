"""Kept SQL of the organizations app (the search engines' SQL stays in `search.py`).

Imports stage their rows: a file's new organizations and their related rows are written into
temporary tables before the import's transaction, and copied into the real tables inside it
with one `INSERT … SELECT` each. Temporary tables belong to the connection alone, so filling
them makes no one wait: on SQLite they live in the connection's own temporary database, which a
deferred transaction writes without taking the main database's write lock; on PostgreSQL a
transaction that writes only temporary tables holds no lock another session asks for.

The new organizations' ids are reserved beforehand (`reserve_ids`), so every staged row already
carries the id it will have and the copy inside the transaction joins nothing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence

from django.db import connection, transaction
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _columns(names: Sequence[str], alias: str = "") -> str:
    prefix = f"{alias}." if alias else ""
    return ", ".join(prefix + _quote(name) for name in names)


def reserve_ids(table: str, count: int) -> list[int]:
    """`count` ids of `table` that no other insert will take, in ascending order.

    PostgreSQL: drawn from the column's sequence. SQLite: the table's AUTOINCREMENT counter
    (`sqlite_sequence`) is moved past a block of ids in one short transaction; new rows of
    other writers get ids after the block. Ids of an import that fails stay unused, as a
    sequence's do.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return sorted(pk for (pk,) in cursor.fetchall())
        with transaction.atomic():
            cursor.execute(f"SELECT MAX({_quote('id')}) FROM {_quote(table)}")  # noqa: S608
            highest = cursor.fetchone()[0] or 0
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            counter = cursor.fetchone()
            last = max(highest, counter[0] if counter else 0)
            if counter:
                cursor.execute(
                    "UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [last + count, table]
                )
            else:
                cursor.execute(
                    "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, last + count]
                )
        return list(range(last + 1, last + count + 1))


def create_stage(name: str, source: str, columns: Sequence[str]) -> None:
    """A temporary table `name` with `columns` of `source`, empty.

    Its columns take their types from the real table, so values converted for it fit both."""
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {_quote(name)}")
        # Names from the models; nothing from the file is part of the statement.
        cursor.execute(
            f"CREATE TEMPORARY TABLE {_quote(name)} AS "  # noqa: S608
            f"SELECT {_columns(columns)} FROM {_quote(source)} WHERE 1 = 0"
        )


def fill_stage(name: str, columns: Sequence[str], rows: list[list], batch: int = 5000) -> None:
    places = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {_quote(name)} ({_columns(columns)}) VALUES ({places})"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            cursor.executemany(sql, rows[start : start + batch])
        if connection.vendor == "postgresql":
            # PostgreSQL does not analyse temporary tables by itself.
            cursor.execute(f"ANALYZE {_quote(name)}")


def drop_stage(name: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {_quote(name)}")


@contextlib.contextmanager
def staging_transaction() -> Iterator[None]:
    """One transaction for writing temporary tables that blocks no other connection.

    SQLite: Django's transactions begin IMMEDIATE (writers queue for the lock instead of
    failing half-way), which would take the main database's write lock at once; a deferred
    transaction that writes only the temporary database never takes it. Inside an atomic block
    (tests) a savepoint does.
    """
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        with transaction.atomic():
            yield
        return
    with connection.cursor() as cursor:
        cursor.execute("BEGIN DEFERRED")
        try:
            yield
        except BaseException:
            cursor.execute("ROLLBACK")
            raise
        cursor.execute("COMMIT")


def taken_slugs(stage: str, table: str) -> list[tuple[int, str]]:
    """(id, slug) of staged rows whose slug a row of `table` holds already."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT s.{_quote('id')}, s.{_quote('slug')} FROM {_quote(stage)} s "  # noqa: S608
            f"JOIN {_quote(table)} o ON o.{_quote('slug')} = s.{_quote('slug')}"
        )
        return cursor.fetchall()


def rename_staged(stage: str, slugs: list[tuple[str, int]]) -> None:
    """Give staged rows new slugs: (slug, id) pairs."""
    sql = f"UPDATE {_quote(stage)} SET {_quote('slug')} = %s WHERE {_quote('id')} = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(sql, slugs)


def copy_staged(stage: str, table: str, columns: Sequence[str]) -> None:
    """Insert every staged row into `table`."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {_quote(table)} ({_columns(columns)}) "  # noqa: S608
            f"SELECT {_columns(columns)} FROM {_quote(stage)}"
        )


# --- The directory's listing ----------------------------------------------------------------------

_listing_sql: dict[str, str] = {}


def listing_sql(model, listing: Callable[[], QuerySet], ids: str) -> str:
    """The SQL of `listing()` (`Organization.objects.for_listing`) for the rows of `model` whose
    ids the SQL `ids` gives, newest first, for `model.objects.raw()`. The queryset is built and
    compiled once per database (it takes no parameters), so a search page builds and compiles
    none: building it alone cost a search about a tenth of its time."""
    select = _listing_sql.get(connection.vendor)
    if select is None:
        select, params = listing().order_by().query.sql_with_params()
        assert not params  # the columns and subqueries carry no values
        _listing_sql[connection.vendor] = select
    table = model._meta.db_table
    pk = f"{_quote(table)}.{_quote('id')}"
    return f"{select} WHERE {pk} IN ({ids}) ORDER BY {pk} DESC"


def linked_ids(model, name: str) -> RawSQL:
    """The comma-separated ids a row's many-to-many relation `name` links it to."""
    relation = model._meta.get_field(name)
    column = _quote(relation.m2m_reverse_name())
    joined = (
        f"string_agg({column}::text, ',')"
        if connection.vendor == "postgresql"
        else f"group_concat({column})"
    )
    return RawSQL(  # noqa: S611 - names from the model's metadata, no values
        f"SELECT {joined} FROM {_quote(relation.remote_field.through._meta.db_table)} "  # noqa: S608
        f"WHERE {_quote(relation.m2m_column_name())} = "
        f"{_quote(model._meta.db_table)}.{_quote('id')}",
        (),
    )
