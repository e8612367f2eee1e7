"""`gemeinsam bench` for the directory: the search and its facets in process, and the whole page
through gunicorn, on N generated organizations in a throwaway database.

- `directory_search`: full text plus two facets, first page, with the count as the page shows
  it; against the naive baseline (`icontains` over name and description) on the same data.
- `directory_facets`: the facet counts of the same results (the result's bitmap, then a count
  per facet value).
- `directory_page`: `GET /{de,ar,tr}/organizations/?q=…` through gunicorn as an anonymous
  visitor: search, facets and rendering, with the words of each page's language, with and
  without filters, and a tenth without words. Its baseline is the trivial view (`/healthz`,
  one `SELECT 1`) on the same server in the same run, the floor of the HTTP stack.
"""

from __future__ import annotations

import http.client
import math
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from random import Random
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, connection, connections

from gemeinsam.agencies.models import Agency, StaffMembership
from gemeinsam.core.loadtest import Scratch, gunicorn, request
from gemeinsam.organizations import queries as directory

from .organizations import BATCH, generate, index, naive_search

WARM_UP = 20
# What people type into the directory: German word forms, places, languages, a few English
# words, pairs of words, and the odd typo; Arabic with and without the article and the
# prepositions written onto it; Turkish with its suffixes.
_GERMAN_WORDS = (
    "jugend Jugendarbeit jugendhilfe verein Vereine beratung Beratungen frauen Frauenverein "
    "eltern Elternverein kultur Kulturverein bildung nachhilfe senioren pflege sport "
    "arbeitsmarkt anerkennung geflüchtete Geflüchteten integration migration gemeinde "
    "familie familien kita gesundheit ehrenamtlich Ehrenamtliche nachbarschaft kinder schule "
    "bochum köln münster hamburg berlin dortmund essen duisburg neukölln kreuzberg "
    "wilhelmsburg altona harburg lichtenberg arabisch türkisch kurdisch ukrainisch farsi "
    "tigrinya syrisch afrikanisch eritreisch youth women counselling"
)
GERMAN = (
    *_GERMAN_WORDS.split(),
    "jugend köln",
    "beratung arabisch",
    "frauen bochum",
    "kultur verein",
    "eltern kita",
    "sport jugend",
    "beratng",
    "kulturverien",
)
_ARABIC_WORDS = (
    "شباب الشباب للشباب والشباب الشبابية أطفال الأطفال للأطفال اطفال الاستشارة استشارة "
    "اللاجئين لاجئين النساء نساء المدرسة مدرسة الصحة صحي المتطوعون متطوعين العمل "
    "الإعاقة اللغة الرياضة"
)
ARABIC = (
    *_ARABIC_WORDS.split(),
    "كرة القدم",
    "رعاية الأطفال",
    "الشباب برلين",
)
_TURKISH_WORDS = (
    "dernek derneği dernekleri gençlik gençler genç çocuklar çocuk çocukların danışmanlık "
    "danışma kadın kadınlar gönüllüler gönüllü mülteciler göçmenlerin göçmen sağlık futbol "
    "kreş okul okulları yardım yaşlılar aileler engelli"
)
TURKISH = (
    *_TURKISH_WORDS.split(),
    "kadın dernek",
    "çocuk yardım",
    "genclik",
    "cocuklar",
)
TERMS = (*GERMAN, *ARABIC, *TURKISH)
KIND_CHOICES = (
    ["migrant_org"],
    ["migrant_org"],
    ["migrant_org", "religious_community"],
    ["established_provider"],
    ["migrant_org", "umbrella_body"],
    ["service_provider", "authority"],
)
STATE_CHOICES = (["NW"], ["BE"], ["HH"], ["NW", "BE"], ["HH", "BE", "NW"])
LANGUAGE_CHOICES = (["ar"], ["tr"], ["ar", "tr"], ["de"])
# A page's language and its words: half German, a quarter each Arabic and Turkish.
PAGES = (("de", GERMAN), ("de", GERMAN), ("ar", ARABIC), ("tr", TURKISH))


def run(emit, *, n: int, queries: int, seed: int) -> None:
    """Generate, index and measure in a throwaway database made by Django's test-database
    machinery (a temporary SQLite file, or `test_<name>_bench` on PostgreSQL)."""
    db = connections[DEFAULT_DB_ALIAS]
    if db.vendor == "sqlite" and db.is_in_memory_db():
        # An in-memory database cannot be swapped for another on the same connection.
        raise CommandError("Run the bench from the command line, not inside the test run.")
    old_name = db.settings_dict["NAME"]
    test = db.settings_dict.setdefault("TEST", {})
    old_test_name = test.get("NAME")
    scratch = Path(tempfile.mkdtemp(prefix="gemeinsam-bench-"))
    if db.vendor == "sqlite":
        # A file, not memory: the measurement should include reading from a real database.
        test["NAME"] = str(scratch / "bench.sqlite3")
    else:
        test["NAME"] = f"test_{old_name}_bench"
    db.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False, serialize=False)
    try:
        _measure(emit, n=n, queries=queries, seed=seed, home=scratch)
    finally:
        db.creation.destroy_test_db(old_name, verbosity=0, keepdb=False)
        test["NAME"] = old_test_name
        shutil.rmtree(scratch, ignore_errors=True)


def _measure(emit, *, n: int, queries: int, seed: int, home: Path) -> None:
    vendor = connection.vendor
    started = time.perf_counter()
    generate(n, seed=seed)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    index(batch=BATCH)
    indexed = time.perf_counter() - started
    with connection.cursor() as cursor:
        # Fresh statistics, as autovacuum would give on PostgreSQL.
        cursor.execute("ANALYZE" if vendor == "sqlite" else "VACUUM ANALYZE")
    common = {"db": vendor, "n": n, "queries": queries}
    _search(emit, common, queries=queries, seed=seed, generated=generated, indexed=indexed)
    _page(emit, common, paths=page_paths(queries + WARM_UP, seed=seed), home=home)


def workload(count: int, *, seed: int) -> list[directory.DirectoryFilters]:
    rng = Random(seed + 1)  # noqa: S311 (made-up data, not secrets)
    return [
        directory.DirectoryFilters(
            q=rng.choice(TERMS), kinds=rng.choice(KIND_CHOICES), states=rng.choice(STATE_CHOICES)
        )
        for _ in range(count)
    ]


def page_paths(count: int, *, seed: int) -> list[str]:
    """The directory pages people ask for: words of the page's language, half of them with
    filters (kinds and Länder, or working languages), a tenth without words."""
    rng = Random(seed + 2)  # noqa: S311 (made-up data, not secrets)
    paths = []
    for _ in range(count):
        language, words = rng.choice(PAGES)
        params: dict[str, object] = {"q": rng.choice(words)} if rng.random() >= 0.1 else {}
        if rng.random() < 0.5:
            if rng.random() < 0.7:
                params.update(kind=rng.choice(KIND_CHOICES), state=rng.choice(STATE_CHOICES))
            else:
                params["language"] = rng.choice(LANGUAGE_CHOICES)
        paths.append(f"/{language}/organizations/?{urlencode(params, doseq=True)}")
    return paths


def _search(emit, common: dict, *, queries: int, seed: int, generated, indexed) -> None:
    advisor = _advisor()
    filters_list = workload(queries + WARM_UP, seed=seed)
    search_ms, facets_ms, totals, capped = [], [], [], 0
    for i, filters in enumerate(filters_list):
        t0 = time.perf_counter()
        result = directory.search_directory(user=advisor, filters=filters, page=1)
        t1 = time.perf_counter()
        directory.facet_counts(result)
        directory.districts_in(result, filters.states)
        t2 = time.perf_counter()
        if i >= WARM_UP:
            search_ms.append((t1 - t0) * 1000)
            facets_ms.append((t2 - t1) * 1000)
            totals.append(result.total)
            capped += not result.total_exact
    baseline_ms = []
    for i, filters in enumerate(filters_list):
        t0 = time.perf_counter()
        naive_search(filters)
        if i >= WARM_UP:
            baseline_ms.append((time.perf_counter() - t0) * 1000)
    p50, p95 = percentile(search_ms, 50), percentile(search_ms, 95)
    emit(
        {
            "bench": "directory_search",
            **common,
            "p50_ms": p50,
            "p95_ms": p95,
            "max_ms": round(max(search_ms), 2),
            "baseline_p50_ms": (b50 := percentile(baseline_ms, 50)),
            "baseline_p95_ms": percentile(baseline_ms, 95),
            "speedup": round(b50 / p50, 1) if p50 else None,
            "median_total": int(statistics.median(totals)),
            "total_cap": directory.TOTAL_CAP,
            "capped_share": round(capped / len(totals), 2),
            "generate_s": round(generated, 1),
            "index_s": round(indexed, 1),
        }
    )
    emit(
        {
            "bench": "directory_facets",
            **common,
            "p50_ms": percentile(facets_ms, 50),
            "p95_ms": percentile(facets_ms, 95),
        }
    )


def _server(home: Path) -> Scratch:
    """The environment that points gunicorn at the bench's database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.pop("GEMEINSAM_ENV", None)
    env.update(DJANGO_SETTINGS_MODULE="gemeinsam.settings", GEMEINSAM_HOME=str(home))
    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        env.pop("DATABASE_URL", None)
        return Scratch("sqlite", {**env, "SQLITE_PATH": name}, sqlite_path=Path(name))
    url = urlunsplit(urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{name}"))
    return Scratch("postgresql", {**env, "DATABASE_URL": url}, database_url=url)


def _page(emit, common: dict, *, paths: list[str], home: Path) -> None:
    # One worker per core, as the events bench; one client at a time, so each number is the
    # page's own time and not a queue's.
    workers = max(2, os.cpu_count() or 1)
    with gunicorn(_server(home), workers=workers) as (host, port):
        client = http.client.HTTPConnection(host, port, timeout=60)

        def timed(path: str) -> tuple[float, int]:
            t0 = time.perf_counter()
            status, _body = request(host, port, "GET", path, connection=client)
            return (time.perf_counter() - t0) * 1000, status

        for path in paths[:WARM_UP]:  # every worker reads its facet index once
            timed(path)
        pages = [timed(path) for path in paths[WARM_UP:]]
        trivial = [timed("/healthz") for _ in paths[WARM_UP:]]
        client.close()
    page_ms = [ms for ms, _status in pages]
    trivial_ms = [ms for ms, _status in trivial]
    emit(
        {
            "bench": "directory_page",
            **common,
            "workers": workers,
            "p50_ms": percentile(page_ms, 50),
            "p95_ms": percentile(page_ms, 95),
            "max_ms": round(max(page_ms), 2),
            "baseline": "healthz",
            "baseline_p50_ms": percentile(trivial_ms, 50),
            "baseline_p95_ms": percentile(trivial_ms, 95),
            "failed": sum(status != 200 for _ms, status in pages),
            "languages": {
                language: sum(path.startswith(f"/{language}/") for path in paths[WARM_UP:])
                for language in ("de", "ar", "tr")
            },
        }
    )


def _advisor():
    agency = Agency.objects.create(name="Bench-Agentur", slug="bench")
    user = get_user_model().objects.create_user("bench.advisor@example.org", None)
    StaffMembership.objects.create(agency=agency, user=user, role="advisor")
    return user


def percentile(values: list[float], pct: int) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(0, math.ceil(pct / 100 * len(ordered)) - 1)
    return round(ordered[rank], 2)
