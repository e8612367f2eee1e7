"""PostgreSQL: the directory's capped count as one function call.

The count must go through the GIN index: the planner would rather read the whole table when
many rows match, but testing every row's vector costs several times more than the bitmap. The
function carries that planner setting itself (`SET enable_seqscan = off`), so a count is one
round trip instead of a transaction around a `SET LOCAL`.

Nothing changes on SQLite.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION organizations_search_count(query tsquery, up_to integer)
RETURNS bigint LANGUAGE sql STABLE PARALLEL SAFE
SET enable_seqscan = off
AS $$
    SELECT count(*) FROM (
        SELECT 1 FROM organizations_searchdocument WHERE vector @@ query LIMIT up_to
    ) AS matches
$$
"""
DROP = "DROP FUNCTION IF EXISTS organizations_search_count(tsquery, integer)"


def _run(sql: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("organizations", "0006_search_index_prefixes")]
    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
