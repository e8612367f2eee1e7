"""PostgreSQL: postings of the search's words as bitmaps, for the facets' bitmap of a result.

The GIN index finds a result's rows, but their organization ids are in the rows: at 30,000
matches that is 30,000 rows to visit, which made the directory page's p95 on PostgreSQL. Here
every word of the documents' vectors (and every tag, marked with a leading space so no typed
word meets it) has one row per block of 64 organizations: `bits` has bit n set for organization
64·block + n. A result's bitmap is then a few index ranges per word (every word with a typed
beginning), ORed per block, ANDed across words in Python (organizations/search/engines.py). The
primary key includes the bits, so the postings are read from the index alone.

Triggers on the documents' table keep the postings (the rows written are ORed in, the rows
removed are masked out), taking the blocks' advisory locks in order, so two writers of one block
wait for each other instead of losing a bit. Nothing changes on SQLite, whose index gives the
bitmap without visiting rows.
"""

from django.db import migrations

FORWARD = [
    """CREATE TABLE organizations_searchposting (
        term text COLLATE "C" NOT NULL,
        block integer NOT NULL,
        bits bigint NOT NULL,
        PRIMARY KEY (term, block) INCLUDE (bits)
    )""",
    # A tag (weight D) is posted with a leading space, a word of the text as it is; the word
    # "zzpublic" typed into a description is both.
    """CREATE FUNCTION organizations_search_postings(document tsvector)
    RETURNS SETOF text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT ' ' || lexeme FROM unnest(document) WHERE 'D' = ANY(weights)
        UNION ALL
        SELECT lexeme FROM unnest(document) WHERE NOT 'D' = ALL(weights)
    $$""",
    """CREATE FUNCTION organizations_search_posted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
            PERFORM pg_advisory_xact_lock(1869640, b)
            FROM (SELECT DISTINCT (organization_id >> 6)::int AS b FROM gone ORDER BY 1) AS blocks;
            UPDATE organizations_searchposting p SET bits = p.bits & ~d.bits
            FROM (
                SELECT term, (organization_id >> 6)::int AS block,
                       bit_or(1::bigint << (organization_id & 63)::int) AS bits
                FROM gone, organizations_search_postings(gone.vector) AS term
                GROUP BY 1, 2
            ) AS d
            WHERE p.term = d.term AND p.block = d.block;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            PERFORM pg_advisory_xact_lock(1869640, b)
            FROM (SELECT DISTINCT (organization_id >> 6)::int AS b FROM written ORDER BY 1) AS blocks;
            INSERT INTO organizations_searchposting AS p (term, block, bits)
            SELECT term, (organization_id >> 6)::int,
                   bit_or(1::bigint << (organization_id & 63)::int)
            FROM written, organizations_search_postings(written.vector) AS term
            GROUP BY 1, 2
            ON CONFLICT (term, block) DO UPDATE SET bits = p.bits | excluded.bits;
        END IF;
        RETURN NULL;
    END
    $$""",
    """CREATE TRIGGER organizations_searchposting_ai AFTER INSERT ON organizations_searchdocument
    REFERENCING NEW TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION organizations_search_posted()""",
    """CREATE TRIGGER organizations_searchposting_au AFTER UPDATE ON organizations_searchdocument
    REFERENCING OLD TABLE AS gone NEW TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION organizations_search_posted()""",
    """CREATE TRIGGER organizations_searchposting_ad AFTER DELETE ON organizations_searchdocument
    REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION organizations_search_posted()""",
    """INSERT INTO organizations_searchposting (term, block, bits)
    SELECT term, (organization_id >> 6)::int, bit_or(1::bigint << (organization_id & 63)::int)
    FROM organizations_searchdocument, organizations_search_postings(vector) AS term
    GROUP BY 1, 2""",
]
BACKWARD = [
    "DROP TRIGGER IF EXISTS organizations_searchposting_ai ON organizations_searchdocument",
    "DROP TRIGGER IF EXISTS organizations_searchposting_au ON organizations_searchdocument",
    "DROP TRIGGER IF EXISTS organizations_searchposting_ad ON organizations_searchdocument",
    "DROP FUNCTION IF EXISTS organizations_search_posted()",
    "DROP FUNCTION IF EXISTS organizations_search_postings(tsvector)",
    "DROP TABLE IF EXISTS organizations_searchposting",
]


def _run(statements: list[str]):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("organizations", "0013_organization_name_index")]
    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
