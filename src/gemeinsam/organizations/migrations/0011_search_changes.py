"""Search: a log of changed documents for the facet bitmaps, and PostgreSQL's bitmap of a result
(see organizations/search/). The documents are rebuilt by 0012.

- `organizations_searchchange` gets an entry for every search document written or removed, from
  triggers on the documents' table, so a cascade from a deleted organization is logged as well.
  The triggers drop entries 100,000 behind the newest. On PostgreSQL each entry also holds its
  transaction (`xid`), as numbers there are drawn before the commit and may commit out of order;
  SQLite numbers them in commit order (one writer at a time) and draws a random `token`, as a
  rolled-back number is given again.
- PostgreSQL: `organizations_search_bits(query)` returns a result's organizations 64 a row
  (n, bits of ids 64·n … 64·n + 63) through the index of word beginnings, with a kept plan
  and without the planner's full table scan, as the count does (migration 0008).
"""

from django.db import migrations, models

SQLITE = [
    """CREATE TRIGGER organizations_searchchange_ai AFTER INSERT ON organizations_searchdocument
    BEGIN
        INSERT INTO organizations_searchchange (organization_id, token)
        VALUES (new.organization_id, random());
        DELETE FROM organizations_searchchange
        WHERE id <= (SELECT max(id) FROM organizations_searchchange) - 100000;
    END""",
    """CREATE TRIGGER organizations_searchchange_ad AFTER DELETE ON organizations_searchdocument
    BEGIN
        INSERT INTO organizations_searchchange (organization_id, token)
        VALUES (old.organization_id, random());
    END""",
    """CREATE TRIGGER organizations_searchchange_au AFTER UPDATE ON organizations_searchdocument
    BEGIN
        INSERT INTO organizations_searchchange (organization_id, token)
        VALUES (new.organization_id, random());
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS organizations_searchchange_ai",
    "DROP TRIGGER IF EXISTS organizations_searchchange_ad",
    "DROP TRIGGER IF EXISTS organizations_searchchange_au",
]

POSTGRES = [
    "ALTER TABLE organizations_searchchange "
    "ADD COLUMN xid xid8 NOT NULL DEFAULT pg_current_xact_id()",
    "CREATE INDEX organizations_searchchange_xid ON organizations_searchchange (xid)",
    """CREATE FUNCTION organizations_search_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            INSERT INTO organizations_searchchange (organization_id, token)
            SELECT organization_id, 0 FROM gone;
        ELSE
            INSERT INTO organizations_searchchange (organization_id, token)
            SELECT organization_id, 0 FROM written;
            DELETE FROM organizations_searchchange
            WHERE id <= (SELECT max(id) FROM organizations_searchchange) - 100000;
        END IF;
        RETURN NULL;
    END
    $$""",
    """CREATE TRIGGER organizations_searchchange_ai AFTER INSERT ON organizations_searchdocument
    REFERENCING NEW TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION organizations_search_changed()""",
    """CREATE TRIGGER organizations_searchchange_au AFTER UPDATE ON organizations_searchdocument
    REFERENCING NEW TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION organizations_search_changed()""",
    """CREATE TRIGGER organizations_searchchange_ad AFTER DELETE ON organizations_searchdocument
    REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION organizations_search_changed()""",
    """CREATE FUNCTION organizations_search_bits(query tsquery)
    RETURNS TABLE (n bigint, bits bigint) LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET enable_seqscan = off
    AS $$
    BEGIN
        RETURN QUERY SELECT organization_id >> 6, bit_or(1::bigint << (organization_id & 63)::int)
            FROM organizations_searchdocument
            WHERE organizations_search_terms(vector) @@ organizations_search_terms(query)
            GROUP BY 1;
    END
    $$""",
]
POSTGRES_BACKWARD = [
    "DROP FUNCTION IF EXISTS organizations_search_bits(tsquery)",
    "DROP TRIGGER IF EXISTS organizations_searchchange_ai ON organizations_searchdocument",
    "DROP TRIGGER IF EXISTS organizations_searchchange_au ON organizations_searchdocument",
    "DROP TRIGGER IF EXISTS organizations_searchchange_ad ON organizations_searchdocument",
    "DROP FUNCTION IF EXISTS organizations_search_changed()",
]


def _run(sqlite: list[str], postgres: list[str]):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        statements = sqlite if vendor == "sqlite" else postgres if vendor == "postgresql" else []
        for sql in statements:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("organizations", "0010_description_translations")]
    operations = [
        migrations.CreateModel(
            name="SearchChange",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("organization_id", models.BigIntegerField()),
                ("token", models.BigIntegerField()),
            ],
            options={"verbose_name": "search change", "verbose_name_plural": "search changes"},
        ),
        migrations.RunPython(_run(SQLITE, POSTGRES), _run(SQLITE_BACKWARD, POSTGRES_BACKWARD)),
    ]
