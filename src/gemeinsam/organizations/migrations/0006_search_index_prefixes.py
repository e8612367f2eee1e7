"""SQLite's search index stores which columns a word is in, not where (`detail=column`), and
keeps ready-made lists for word beginnings of 2 to 8 letters, so "jugend" no longer merges the
lists of every word that starts with it. The index is rebuilt from the search documents.

Nothing changes on PostgreSQL.
"""

from django.db import migrations

COLUMNS = "title, body, tags"
NEW = "detail=column, prefix='2 3 4 5 6 7 8'"
OLD = "prefix='2 3 4'"


def _statements(options: str) -> list[str]:
    new = ", ".join(f"new.{c}" for c in COLUMNS.split(", "))
    old = ", ".join(f"old.{c}" for c in COLUMNS.split(", "))
    return [
        "DROP TRIGGER IF EXISTS organizations_fts_au",
        "DROP TRIGGER IF EXISTS organizations_fts_ad",
        "DROP TRIGGER IF EXISTS organizations_fts_ai",
        "DROP TABLE IF EXISTS organizations_fts",
        f"""CREATE VIRTUAL TABLE organizations_fts USING fts5(
            {COLUMNS},
            content='organizations_searchdocument', content_rowid='organization_id',
            tokenize='unicode61 remove_diacritics 2', {options}
        )""",
        f"""CREATE TRIGGER organizations_fts_ai AFTER INSERT ON organizations_searchdocument BEGIN
            INSERT INTO organizations_fts(rowid, {COLUMNS}) VALUES (new.organization_id, {new});
        END""",
        f"""CREATE TRIGGER organizations_fts_ad AFTER DELETE ON organizations_searchdocument BEGIN
            INSERT INTO organizations_fts(organizations_fts, rowid, {COLUMNS})
            VALUES ('delete', old.organization_id, {old});
        END""",
        f"""CREATE TRIGGER organizations_fts_au AFTER UPDATE ON organizations_searchdocument BEGIN
            INSERT INTO organizations_fts(organizations_fts, rowid, {COLUMNS})
            VALUES ('delete', old.organization_id, {old});
            INSERT INTO organizations_fts(rowid, {COLUMNS}) VALUES (new.organization_id, {new});
        END""",
        "INSERT INTO organizations_fts(organizations_fts) VALUES ('rebuild')",
    ]


def _run(options: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for sql in _statements(options):
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("organizations", "0005_search_tags")]
    operations = [migrations.RunPython(_run(NEW), _run(OLD))]
