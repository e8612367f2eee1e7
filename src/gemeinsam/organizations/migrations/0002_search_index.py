"""The directory's full-text index, per database engine (see organizations/search.py)."""

from django.db import migrations

SQLITE_FORWARD = [
    # External-content FTS5 table over SearchDocument; the triggers keep it in step.
    """CREATE VIRTUAL TABLE organizations_fts USING fts5(
        title, body,
        content='organizations_searchdocument', content_rowid='organization_id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3 4'
    )""",
    "CREATE VIRTUAL TABLE organizations_fts_vocab USING fts5vocab(organizations_fts, 'row')",
    """CREATE TRIGGER organizations_fts_ai AFTER INSERT ON organizations_searchdocument BEGIN
        INSERT INTO organizations_fts(rowid, title, body)
        VALUES (new.organization_id, new.title, new.body);
    END""",
    """CREATE TRIGGER organizations_fts_ad AFTER DELETE ON organizations_searchdocument BEGIN
        INSERT INTO organizations_fts(organizations_fts, rowid, title, body)
        VALUES ('delete', old.organization_id, old.title, old.body);
    END""",
    """CREATE TRIGGER organizations_fts_au AFTER UPDATE ON organizations_searchdocument BEGIN
        INSERT INTO organizations_fts(organizations_fts, rowid, title, body)
        VALUES ('delete', old.organization_id, old.title, old.body);
        INSERT INTO organizations_fts(rowid, title, body)
        VALUES (new.organization_id, new.title, new.body);
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS organizations_fts_au",
    "DROP TRIGGER IF EXISTS organizations_fts_ad",
    "DROP TRIGGER IF EXISTS organizations_fts_ai",
    "DROP TABLE IF EXISTS organizations_fts_vocab",
    "DROP TABLE IF EXISTS organizations_fts",
]
POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """CREATE INDEX organizations_searchdocument_fts ON organizations_searchdocument USING gin (
        (setweight(to_tsvector('german', title), 'A') ||
         setweight(to_tsvector('german', body), 'B'))
    )""",
    """CREATE INDEX organizations_searchdocument_trgm ON organizations_searchdocument
        USING gin (title gin_trgm_ops)""",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS organizations_searchdocument_trgm",
    "DROP INDEX IF EXISTS organizations_searchdocument_fts",
]


def forward(apps, schema_editor):
    statements = {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    statements = {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("organizations", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
