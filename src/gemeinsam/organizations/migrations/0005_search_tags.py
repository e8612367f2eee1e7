"""Search documents gain facet tags; the index is rebuilt around them (see organizations/search.py).

SQLite: the FTS5 table gets a third column, `tags`. PostgreSQL: a stored, generated `vector`
column replaces the expression index, so ranking no longer recomputes every document's vector.
Both: a table of known words for typo correction (with a trigram index on PostgreSQL).
"""

from django.db import migrations, models

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS organizations_fts_au",
    "DROP TRIGGER IF EXISTS organizations_fts_ad",
    "DROP TRIGGER IF EXISTS organizations_fts_ai",
    "DROP TABLE IF EXISTS organizations_fts_vocab",
    "DROP TABLE IF EXISTS organizations_fts",
]


def _sqlite_create(columns: str) -> list[str]:
    new = ", ".join(f"new.{c}" for c in columns.split(", "))
    old = ", ".join(f"old.{c}" for c in columns.split(", "))
    return [
        f"""CREATE VIRTUAL TABLE organizations_fts USING fts5(
            {columns},
            content='organizations_searchdocument', content_rowid='organization_id',
            tokenize='unicode61 remove_diacritics 2', prefix='2 3 4'
        )""",
        f"""CREATE TRIGGER organizations_fts_ai AFTER INSERT ON organizations_searchdocument BEGIN
            INSERT INTO organizations_fts(rowid, {columns}) VALUES (new.organization_id, {new});
        END""",
        f"""CREATE TRIGGER organizations_fts_ad AFTER DELETE ON organizations_searchdocument BEGIN
            INSERT INTO organizations_fts(organizations_fts, rowid, {columns})
            VALUES ('delete', old.organization_id, {old});
        END""",
        f"""CREATE TRIGGER organizations_fts_au AFTER UPDATE ON organizations_searchdocument BEGIN
            INSERT INTO organizations_fts(organizations_fts, rowid, {columns})
            VALUES ('delete', old.organization_id, {old});
            INSERT INTO organizations_fts(rowid, {columns}) VALUES (new.organization_id, {new});
        END""",
        "INSERT INTO organizations_fts(organizations_fts) VALUES ('rebuild')",
    ]


POSTGRES_FORWARD = [
    "DROP INDEX IF EXISTS organizations_searchdocument_fts",
    "DROP INDEX IF EXISTS organizations_searchdocument_trgm",
    "CREATE INDEX organizations_searchword_trgm ON organizations_searchword "
    "USING gin (word gin_trgm_ops)",
    """ALTER TABLE organizations_searchdocument ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('german', title), 'A') ||
        setweight(to_tsvector('german', body), 'B') ||
        setweight(to_tsvector('simple', tags), 'D')
    ) STORED""",
    "CREATE INDEX organizations_searchdocument_vector ON organizations_searchdocument "
    "USING gin (vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS organizations_searchword_trgm",
    "CREATE INDEX organizations_searchdocument_trgm ON organizations_searchdocument "
    "USING gin (title gin_trgm_ops)",
    "DROP INDEX IF EXISTS organizations_searchdocument_vector",
    "ALTER TABLE organizations_searchdocument DROP COLUMN IF EXISTS vector",
    """CREATE INDEX organizations_searchdocument_fts ON organizations_searchdocument USING gin (
        (setweight(to_tsvector('german', title), 'A') ||
         setweight(to_tsvector('german', body), 'B'))
    )""",
]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        statements = SQLITE_DROP + _sqlite_create("title, body, tags")
    else:
        statements = POSTGRES_FORWARD if vendor == "postgresql" else []
    for sql in statements:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        statements = SQLITE_DROP + _sqlite_create("title, body")
    else:
        statements = POSTGRES_BACKWARD if vendor == "postgresql" else []
    for sql in statements:
        schema_editor.execute(sql)


def rebuild_documents(apps, schema_editor):
    # The documents' layout is the search module's business, so its current code writes them
    # (an empty database, as in a fresh install or the tests, has nothing to do here).
    from gemeinsam.organizations import search

    if apps.get_model("organizations", "Organization").objects.exists():
        search.reindex()


class Migration(migrations.Migration):
    dependencies = [("organizations", "0004_import_batch")]
    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="tags",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("word", models.CharField(max_length=100, primary_key=True, serialize=False)),
                ("length", models.PositiveSmallIntegerField()),
            ],
            options={"verbose_name": "search word", "verbose_name_plural": "search words"},
        ),
        migrations.RunPython(forward, backward),
        migrations.RunPython(rebuild_documents, migrations.RunPython.noop),
    ]
