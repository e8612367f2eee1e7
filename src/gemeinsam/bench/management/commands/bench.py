"""`gemeinsam bench`: directory search against the naive baseline, events through gunicorn, the
counselling funder report against its naive baseline, and every funding programme against the
whole directory against evaluating organization by organization.

Runs in a throwaway database made by Django's test-database machinery (a temporary SQLite file,
or `test_<name>_bench` on PostgreSQL), so the demo and development data are never touched.
Prints one JSON line per measurement.
"""

from __future__ import annotations

import datetime
import json
import math
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from random import Random

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import Q
from django.utils import timezone

from gemeinsam.agencies.models import Agency, StaffMembership
from gemeinsam.bench import counselling as counselling_bench
from gemeinsam.bench import events as events_bench
from gemeinsam.bench import funding as funding_bench
from gemeinsam.core.models import ContentTranslation
from gemeinsam.demo import records
from gemeinsam.demo.loader import check_data
from gemeinsam.demo.organizations import organization_spec
from gemeinsam.demo.translated import segments
from gemeinsam.organizations import queries as directory
from gemeinsam.organizations import search
from gemeinsam.organizations.models import (
    FieldOfActivity,
    FundingSource,
    LegalForm,
    Organization,
    Recognition,
    RecognitionType,
    TargetGroup,
    WorkingLanguage,
)

BATCH = 5_000
WARM_UP = 20
# What people type into the directory: German word forms, places, languages, a few English and
# Arabic words, pairs of words, and the odd typo.
_WORDS = (
    "jugend Jugendarbeit jugendhilfe verein Vereine beratung Beratungen frauen Frauenverein "
    "eltern Elternverein kultur Kulturverein bildung nachhilfe senioren pflege sport "
    "arbeitsmarkt anerkennung geflüchtete Geflüchteten integration migration gemeinde "
    "familie familien kita gesundheit ehrenamtlich Ehrenamtliche nachbarschaft kinder schule "
    "bochum köln münster hamburg berlin dortmund essen duisburg neukölln kreuzberg "
    "wilhelmsburg altona harburg lichtenberg arabisch türkisch kurdisch ukrainisch farsi "
    "tigrinya syrisch afrikanisch eritreisch youth women counselling الشباب النساء"
)
TERMS = (
    *_WORDS.split(),
    "jugend köln",
    "beratung arabisch",
    "frauen bochum",
    "kultur verein",
    "eltern kita",
    "sport jugend",
    "beratng",
    "kulturverien",
)
KIND_CHOICES = (
    ["migrant_org"],
    ["migrant_org"],
    ["migrant_org", "religious_community"],
    ["established_provider"],
    ["migrant_org", "umbrella_body"],
    ["service_provider", "authority"],
)
STATE_CHOICES = (["NW"], ["BE"], ["HH"], ["NW", "BE"], ["HH", "BE", "NW"])


class Command(BaseCommand):
    help = "Benchmark the directory search on N generated organizations in a throwaway database."

    def add_arguments(self, parser):
        parser.add_argument("--n", type=int, default=100_000, help="organizations (100000)")
        parser.add_argument("--queries", type=int, default=200, help="queries to time (200)")
        parser.add_argument("--seed", type=int, default=1, help="random seed (1)")
        parser.add_argument(
            "--only",
            choices=["directory", "events", "counselling", "funding"],
            help=(
                "run one part: the directory search, events through gunicorn, the "
                "counselling funder report, or funding eligibility in bulk"
            ),
        )
        parser.add_argument("--events", type=int, default=1000, help="upcoming events (1000)")
        parser.add_argument(
            "--seconds", type=float, default=10.0, help="seconds per HTTP measurement (10)"
        )
        parser.add_argument(
            "--sessions", type=int, default=100_000, help="counselling sessions (100000)"
        )
        parser.add_argument(
            "--runs", type=int, default=20, help="funder reports and bulk evaluations to time (20)"
        )
        parser.add_argument(
            "--organizations",
            type=int,
            default=100_000,
            help="organizations for funding eligibility (100000)",
        )
        parser.add_argument(
            "--baseline-sample",
            type=int,
            default=5_000,
            help="organizations the one-by-one baseline is timed on, then scaled (5000)",
        )

    def handle(self, *args, n: int, queries: int, seed: int, only: str | None, **options):
        counts = ("events", "sessions", "runs", "organizations", "baseline_sample")
        if min(n, queries, *(options[name] for name in counts)) < 1 or options["seconds"] <= 0:
            raise CommandError(
                "--n, --queries, --events, --seconds, --sessions, --runs, --organizations and "
                "--baseline-sample must be positive."
            )
        try:
            check_data()  # the organizations are drawn from the demo's data files
        except records.DataError as error:
            raise CommandError(f"The demo data cannot be read: {error}") from None
        if only in (None, "directory"):
            self._directory(n=n, queries=queries, seed=seed)
        if only in (None, "events"):
            events_bench.run(self._emit, events=options["events"], seconds=options["seconds"])
        if only in (None, "counselling"):
            counselling_bench.run(self._emit, sessions=options["sessions"], runs=options["runs"])
        if only in (None, "funding"):
            funding_bench.run(
                self._emit,
                organizations=options["organizations"],
                runs=options["runs"],
                baseline_sample=options["baseline_sample"],
            )

    def _directory(self, *, n: int, queries: int, seed: int) -> None:
        db = connections[DEFAULT_DB_ALIAS]
        if db.vendor == "sqlite" and db.is_in_memory_db():
            # An in-memory database cannot be swapped for another on the same connection.
            raise CommandError("Run the bench from the command line, not inside the test run.")
        old_name = db.settings_dict["NAME"]
        test = db.settings_dict.setdefault("TEST", {})
        old_test_name = test.get("NAME")
        scratch = None
        if db.vendor == "sqlite":
            # A file, not memory: the measurement should include reading from a real database.
            scratch = Path(tempfile.mkdtemp(prefix="gemeinsam-bench-"))
            test["NAME"] = str(scratch / "bench.sqlite3")
        else:
            test["NAME"] = f"test_{old_name}_bench"
        db.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False, serialize=False)
        try:
            self._run(n=n, queries=queries, seed=seed)
        finally:
            db.creation.destroy_test_db(old_name, verbosity=0, keepdb=False)
            test["NAME"] = old_test_name
            if scratch is not None:
                shutil.rmtree(scratch, ignore_errors=True)

    def _run(self, *, n: int, queries: int, seed: int) -> None:
        vendor = connections[DEFAULT_DB_ALIAS].vendor
        started = time.perf_counter()
        generate(n, seed=seed)
        generated = time.perf_counter() - started
        started = time.perf_counter()
        index(batch=BATCH)
        indexed = time.perf_counter() - started
        if vendor == "sqlite":
            with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
                cursor.execute("ANALYZE")
        else:
            with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")  # fresh statistics, as autovacuum would give

        advisor = _advisor()
        rng = Random(seed + 1)
        workload = [
            directory.DirectoryFilters(
                q=rng.choice(TERMS),
                kinds=rng.choice(KIND_CHOICES),
                states=rng.choice(STATE_CHOICES),
            )
            for _ in range(queries + WARM_UP)
        ]
        search_ms, facets_ms, totals, capped = [], [], [], 0
        for i, filters in enumerate(workload):
            t0 = time.perf_counter()
            result = directory.search_directory(user=advisor, filters=filters, page=1)
            t1 = time.perf_counter()
            directory.facet_counts(result.matched)
            t2 = time.perf_counter()
            if i >= WARM_UP:
                search_ms.append((t1 - t0) * 1000)
                facets_ms.append((t2 - t1) * 1000)
                totals.append(result.total)
                capped += not result.total_exact
        baseline_ms = []
        for i, filters in enumerate(workload):
            t0 = time.perf_counter()
            naive_search(filters)
            if i >= WARM_UP:
                baseline_ms.append((time.perf_counter() - t0) * 1000)

        common = {"db": vendor, "n": n, "queries": queries}
        p50, p95 = _percentile(search_ms, 50), _percentile(search_ms, 95)
        b50, b95 = _percentile(baseline_ms, 50), _percentile(baseline_ms, 95)
        self._emit(
            {
                "bench": "directory_search",
                **common,
                "p50_ms": p50,
                "p95_ms": p95,
                "max_ms": round(max(search_ms), 2),
                "baseline_p50_ms": b50,
                "baseline_p95_ms": b95,
                "speedup": round(b50 / p50, 1) if p50 else None,
                "median_total": int(statistics.median(totals)),
                "total_cap": directory.TOTAL_CAP,
                "capped_share": round(capped / len(totals), 2),
                "generate_s": round(generated, 1),
                "index_s": round(indexed, 1),
            }
        )
        self._emit(
            {
                "bench": "directory_facets",
                **common,
                "p50_ms": _percentile(facets_ms, 50),
                "p95_ms": _percentile(facets_ms, 95),
            }
        )

    def _emit(self, line: dict) -> None:
        self.stdout.write(json.dumps(line, ensure_ascii=False))


def generate(n: int, *, seed: int) -> None:
    """N organizations drawn like the demo's, written in bulk with their related rows.

    Organizations go through `bulk_create` (it returns their ids); the many related rows go
    straight to `executemany`, which is several times faster than building model instances.
    """
    rng = Random(seed)
    today = datetime.date.today()
    codes = {
        model: dict(model.objects.values_list("code", "id"))
        for model in (FieldOfActivity, TargetGroup, WorkingLanguage, LegalForm, RecognitionType)
    }
    m2m = [
        (_insert_sql(Organization.fields.through), "fields", codes[FieldOfActivity]),
        (_insert_sql(Organization.target_groups.through), "target_groups", codes[TargetGroup]),
        (_insert_sql(Organization.languages.through), "languages", codes[WorkingLanguage]),
    ]
    translations_sql = _insert_sql(ContentTranslation)
    described = ContentType.objects.get_for_model(Organization).pk
    recognitions_sql = _insert_sql(Recognition)
    funding_sql = _insert_sql(FundingSource)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    day = connection.ops.adapt_datefield_value
    for start in range(0, n, BATCH):
        specs = [organization_spec(rng, today=today) for _ in range(min(BATCH, n - start))]
        orgs = [
            Organization(
                slug=f"{spec.slug[:100]}-{start + i}",
                legal_form_id=codes[LegalForm].get(spec.legal_form),
                **spec.model_fields(),
            )
            for i, spec in enumerate(specs)
        ]
        with transaction.atomic(), connection.cursor() as cursor:
            Organization.objects.bulk_create(orgs, batch_size=1000)
            pairs = list(zip((o.id for o in orgs), specs, strict=True))
            for sql, attr, ids in m2m:
                rows = [(pk, ids[code]) for pk, spec in pairs for code in getattr(spec, attr)]
                cursor.executemany(sql, rows)
            # The description's translations (its German is a column of the row).
            cursor.executemany(
                translations_sql,
                [
                    (described, pk, "description", language, json.dumps(found), now)
                    for pk, spec in pairs
                    for language, (text, made_from) in spec.descriptions.items()
                    if language != "de" and (found := segments(made_from, text))
                ],
            )
            cursor.executemany(
                recognitions_sql,
                [
                    (pk, codes[RecognitionType][code], authority, day(granted), day(valid_until))
                    for pk, spec in pairs
                    for code, authority, granted, valid_until in spec.recognitions
                ],
            )
            cursor.executemany(
                funding_sql,
                [
                    (pk, codes[FieldOfActivity][field], kind, funder)
                    for pk, spec in pairs
                    for field, kind, funder in spec.funding
                ],
            )


_COLUMNS = {
    ContentTranslation: (
        "content_type_id",
        "object_id",
        "field",
        "language",
        "segments",
        "updated_at",
    ),
    Recognition: ("organization_id", "type_id", "authority", "granted_on", "valid_until"),
    FundingSource: ("organization_id", "field_id", "kind", "funder"),
}


def _insert_sql(model) -> str:
    """INSERT for a model's table; for an M2M through table its two foreign keys, in order."""
    if model in _COLUMNS:
        columns = _COLUMNS[model]
    else:
        columns = [f.column for f in model._meta.fields if f.is_relation]
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    return (
        f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({names}) VALUES ({marks})"
    )


def index(*, batch: int) -> None:
    """Search documents for every organization, built by the production code, in chunks."""
    ids = list(Organization.objects.order_by("id").values_list("id", flat=True))
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        with transaction.atomic():
            search.reindex(Organization.objects.filter(id__gte=chunk[0], id__lte=chunk[-1]))
    # As after any bulk load: one compact index instead of one segment per chunk.
    search.optimize()


def naive_search(filters) -> tuple[list, int]:
    """What a directory without a search index would do: LIKE over name and description.

    Its answer is the directory's: the first page and the number of matches, counted up to the
    same limit (`queries.TOTAL_CAP`)."""
    t = filters.q
    qs = (
        Organization.objects.filter(Q(name__icontains=t) | Q(description__icontains=t))
        .filter(kind__in=filters.kinds, federal_state__in=filters.states)
        .distinct()
        .order_by("name")
    )
    return list(qs[:20]), qs[: directory.TOTAL_CAP + 1].count()


def _advisor():
    agency = Agency.objects.create(name="Bench-Agentur", slug="bench")
    user = get_user_model().objects.create_user("bench.advisor@example.org", None)
    StaffMembership.objects.create(agency=agency, user=user, role="advisor")
    return user


def _percentile(values: list[float], pct: int) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(0, math.ceil(pct / 100 * len(ordered)) - 1)
    return round(ordered[rank], 2)
