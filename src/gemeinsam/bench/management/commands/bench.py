"""`gemeinsam bench`: directory search against the naive baseline, events through gunicorn, the
counselling funder report against its naive baseline, and every funding programme against the
whole directory against evaluating organization by organization.

Runs in a throwaway database made by Django's test-database machinery (a temporary SQLite file,
or `test_<name>_bench` on PostgreSQL), so the demo and development data are never touched.
Prints one JSON line per measurement.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from gemeinsam.bench import counselling as counselling_bench
from gemeinsam.bench import directory as directory_bench
from gemeinsam.bench import events as events_bench
from gemeinsam.bench import funding as funding_bench
from gemeinsam.bench import imports as imports_bench
from gemeinsam.demo import records
from gemeinsam.demo.loader import check_data


class Command(BaseCommand):
    help = "Benchmark the directory search on N generated organizations in a throwaway database."

    def add_arguments(self, parser):
        parser.add_argument("--n", type=int, default=100_000, help="organizations (100000)")
        parser.add_argument("--queries", type=int, default=200, help="queries to time (200)")
        parser.add_argument("--seed", type=int, default=1, help="random seed (1)")
        parser.add_argument(
            "--only",
            choices=["directory", "events", "counselling", "funding", "imports"],
            help=(
                "run one part: the directory search, events through gunicorn, the "
                "counselling funder report, funding eligibility in bulk, or registrations "
                "during a large import"
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
        parser.add_argument("--rows", type=int, default=50_000, help="rows of the import (50000)")
        parser.add_argument(
            "--baseline-sample",
            type=int,
            default=5_000,
            help="organizations the one-by-one baseline is timed on, then scaled (5000)",
        )

    def handle(self, *args, n: int, queries: int, seed: int, only: str | None, **options):
        counts = ("events", "sessions", "runs", "organizations", "baseline_sample", "rows")
        if min(n, queries, *(options[name] for name in counts)) < 1 or options["seconds"] <= 0:
            raise CommandError(
                "--n, --queries, --events, --seconds, --sessions, --runs, --organizations, "
                "--rows and --baseline-sample must be positive."
            )
        try:
            check_data()  # the organizations are drawn from the demo's data files
        except records.DataError as error:
            raise CommandError(f"The demo data cannot be read: {error}") from None
        if only in (None, "directory"):
            directory_bench.run(self._emit, n=n, queries=queries, seed=seed)
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
        if only in (None, "imports"):
            imports_bench.run(self._emit, rows=options["rows"])

    def _emit(self, line: dict) -> None:
        self.stdout.write(json.dumps(line, ensure_ascii=False))
