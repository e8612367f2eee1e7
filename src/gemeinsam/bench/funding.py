"""`gemeinsam bench` for funding: every programme against the whole directory.

Generated data: N organizations with varied legal forms, Länder, members, dates and
recognitions (charitable notices old and new, § 75 recognitions current and expired, AZAV
approvals, welfare-association memberships), many with facts left empty. The bulk evaluation
(`bulk.statuses`: all programmes as SQL, counted in one query) is timed over several runs and
compared with evaluating organization by organization through the object API
(`profile_facts` + `ruledoc.evaluate`) on the same data in the same run. The baseline is timed on
the first `baseline_sample` organizations and scaled linearly to N; on that sample both must
give the same status for every organization and programme ("same_results").

A second line, `readiness_overview`, times what the staff overview shows for the whole of
Germany (a platform admin's view): every readiness check as a SQL column next to the last saved
result (5 % of the organizations saved one or two checks), the totals per check and the first
page of 50 rows, against the object API for every
check over the same organizations.

Runs in a scratch database (`core.loadtest.scratch_database`) in a child process.
"""

from __future__ import annotations

import datetime
import json
import os
import statistics
import time
from random import Random

from django.core.paginator import Paginator
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from gemeinsam.core.enums import FederalState
from gemeinsam.core.loadtest import scratch_database
from gemeinsam.funding import bulk, ruledoc
from gemeinsam.funding.enums import Status
from gemeinsam.funding.models import Programme, ReadinessCheck, ReadinessResult
from gemeinsam.funding.profile import (
    AZAV,
    CHARITABLE,
    WELFARE_ASSOCIATION,
    YOUTH_WELFARE,
    profile_facts,
)
from gemeinsam.funding.queries import overview
from gemeinsam.organizations.models import LegalForm, Organization, Recognition, RecognitionType

BATCH = 5_000
# Organizations that saved one or two readiness checks (answers on top of the profile): the
# overview shows their last saved result instead of the profile's status.
SAVED_SHARE = 0.05
WARM_UP = 1
STATES = ["NW"] * 5 + ["BE"] * 3 + ["HH"] * 2 + list(FederalState.values) + [""] * 2
LEGAL_FORMS = ["registered_association"] * 6 + [
    "unregistered_association",
    "ggmbh",
    "foundation",
    "initiative",
    "initiative",
    "public_body",
    "religious_community",
    None,
]


def _day(rng: Random, today: datetime.date, *, back: int, ahead: int = 0) -> datetime.date:
    return today + datetime.timedelta(days=rng.randint(-back, ahead))


def generate(organizations: int, *, today: datetime.date, seed: int = 1) -> None:
    """Write `organizations` organizations and their recognitions in bulk."""
    rng = Random(seed)  # noqa: S311 (made-up data, not secrets)
    forms = dict(LegalForm.objects.values_list("code", "id"))
    types = dict(RecognitionType.objects.values_list("code", "id"))
    for start in range(0, organizations, BATCH):
        made, wanted = [], []
        for i in range(start, min(start + BATCH, organizations)):
            form = rng.choice(LEGAL_FORMS)
            made.append(
                Organization(
                    name=f"Verein {i}",
                    slug=f"verein-{i}",
                    kind="migrant_org",
                    legal_form_id=forms.get(form),
                    founded_on=_day(rng, today, back=40 * 365) if rng.random() < 0.8 else None,
                    youth_welfare_since=(
                        _day(rng, today, back=10 * 365) if rng.random() < 0.4 else None
                    ),
                    members_count=rng.choice([None, 3, 6, 7, 12, 40, 250]),
                    federal_state=rng.choice(STATES),
                    board_migration_majority=rng.choice([None, True, True, False]),
                )
            )
            wanted.append(_recognitions(rng, today))
        with transaction.atomic():
            Organization.objects.bulk_create(made, batch_size=1000)
            Recognition.objects.bulk_create(
                [
                    Recognition(organization_id=organization.pk, type_id=types[code], **dates)
                    for organization, recognitions in zip(made, wanted, strict=True)
                    for code, dates in recognitions.items()
                ],
                batch_size=1000,
            )
    _save_results(rng, today)


def _save_results(rng: Random, today: datetime.date) -> None:
    checks = [
        check
        for check in ReadinessCheck.objects.prefetch_related("rule_versions")
        if check.current_rules is not None
    ]
    if not checks:
        return
    saved = [
        ReadinessResult(
            organization_id=pk,
            rule_version=check.current_rules,
            readiness_check=check,
            facts={},
            statuses={},
            status=rng.choice(Status.values),
            as_of=_day(rng, today, back=400),
        )
        for pk in Organization.objects.order_by("pk").values_list("pk", flat=True)
        if rng.random() < SAVED_SHARE
        for check in rng.sample(checks, k=min(len(checks), rng.randint(1, 2)))
    ]
    ReadinessResult.objects.bulk_create(saved, batch_size=1000)


def _recognitions(rng: Random, today: datetime.date) -> dict:
    found = {}
    if rng.random() < 0.5:  # notices up to eight years old, a few without a date
        found[CHARITABLE] = {
            "granted_on": _day(rng, today, back=8 * 365) if rng.random() < 0.95 else None
        }
    if rng.random() < 0.15:  # open-ended, current or expired
        found[YOUTH_WELFARE] = {
            "valid_until": rng.choice([None, _day(rng, today, back=3 * 365, ahead=5 * 365)])
        }
    if rng.random() < 0.1:
        found[AZAV] = {"valid_until": _day(rng, today, back=2 * 365, ahead=5 * 365)}
    if rng.random() < 0.2:
        found[WELFARE_ASSOCIATION] = {}
    return found


# --- The baseline ------------------------------------------------------------------------------


def one_by_one(programmes, organizations, *, as_of: datetime.date) -> dict[int, dict[str, str]]:
    """Each organization's facts from its profile object, each programme through the engine."""
    documents = {
        p.code: p.current_rules.document for p in programmes if p.current_rules is not None
    }
    found = {}
    for organization in organizations.select_related("legal_form").prefetch_related(
        "recognitions__type"
    ):
        facts = profile_facts(organization, as_of=as_of)
        found[organization.pk] = {
            code: ruledoc.evaluate(document, facts, as_of=as_of).status
            for code, document in documents.items()
        }
    return found


def counts_of(by_organization: dict[int, dict[str, str]]) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for statuses in by_organization.values():
        for code, status in statuses.items():
            tally = counts.setdefault(
                code, {ruledoc.MET: 0, ruledoc.NOT_MET: 0, ruledoc.UNKNOWN: 0}
            )
            tally[status] += 1
    return counts


# --- Measuring ---------------------------------------------------------------------------------


def measure(
    *, organizations: int, runs: int, baseline_sample: int = 5_000, seed: int = 1
) -> list[dict]:
    """Generate, then time the bulk evaluation and the baseline in this process's database."""
    as_of = datetime.date.today()
    started = time.perf_counter()
    generate(organizations, today=as_of, seed=seed)
    generated = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")
    programmes = list(Programme.objects.filter(is_active=True).prefetch_related("rule_versions"))

    timings = []
    for i in range(runs + WARM_UP):
        t0 = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            result = bulk.statuses(programmes, as_of=as_of)
        if i >= WARM_UP:
            timings.append((time.perf_counter() - t0) * 1000)

    sample = min(baseline_sample, organizations)
    last = Organization.objects.order_by("pk").values_list("pk", flat=True)[sample - 1]
    in_sample = Organization.objects.filter(pk__lte=last)
    t0 = time.perf_counter()
    baseline = one_by_one(programmes, in_sample, as_of=as_of)
    baseline_ms = round((time.perf_counter() - t0) * 1000 * organizations / sample, 1)
    sampled = bulk.statuses(programmes, in_sample, as_of=as_of, per_organization=True)

    p50 = round(statistics.median(timings), 2)
    eligibility = {
        "bench": "eligibility_bulk",
        "db": connection.vendor,
        "organizations": sum(result.counts[programmes[0].code].values()),
        "programmes": len(result.counts),
        "runs": runs,
        "p50_ms": p50,
        "p95_ms": percentile(timings, 95),
        "baseline_ms": baseline_ms,
        "baseline_sample": sample,
        "speedup": round(baseline_ms / p50, 1) if p50 else None,
        "queries": len(queries),
        "same_results": sampled.by_organization == baseline
        and sampled.counts == counts_of(baseline),
        "generate_s": round(generated, 1),
    }
    return [eligibility, measure_overview(organizations, runs, in_sample, sample, as_of=as_of)]


def overview_page(checks, *, as_of: datetime.date) -> tuple[list[dict], list]:
    """What the staff overview computes for all of Germany: totals and the first page."""
    rows = overview.with_statuses(overview.in_region(None), checks, as_of=as_of)
    figures = overview.totals(rows, checks)
    listed = overview.with_saved(rows, checks).order_by("name", "pk")
    page = Paginator(listed, overview.PER_PAGE).get_page(1)
    return figures, [overview.cells(organization, checks) for organization in page.object_list]


def measure_overview(organizations: int, runs: int, in_sample, sample: int, *, as_of) -> dict:
    checks = overview.readiness_checks()
    timings = []
    for i in range(runs + WARM_UP):
        t0 = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            figures, page = overview_page(checks, as_of=as_of)
        if i >= WARM_UP:
            timings.append((time.perf_counter() - t0) * 1000)
    t0 = time.perf_counter()
    baseline = one_by_one(checks, in_sample, as_of=as_of)
    baseline_ms = round((time.perf_counter() - t0) * 1000 * organizations / sample, 1)
    sampled = with_sample_statuses(checks, in_sample, as_of=as_of)
    p50 = round(statistics.median(timings), 2)
    return {
        "bench": "readiness_overview",
        "db": connection.vendor,
        "organizations": sum(figures[0][status] for status in overview.STATUSES),
        "checks": len(checks),
        "saved_results": ReadinessResult.objects.count(),
        "rows_shown": len(page),
        "runs": runs,
        "p50_ms": p50,
        "p95_ms": percentile(timings, 95),
        "baseline_ms": baseline_ms,
        "baseline_sample": sample,
        "speedup": round(baseline_ms / p50, 1) if p50 else None,
        "queries": len(queries),
        "same_results": sampled == baseline,
    }


def with_sample_statuses(checks, organizations, *, as_of) -> dict[int, dict[str, str]]:
    """The overview's profile statuses for the sample, to compare with the object API."""
    rows = overview.with_statuses(organizations, checks, as_of=as_of)
    names = {f"c{i}_profile": check.code for i, check in enumerate(checks)}
    return {
        row["pk"]: {code: row[column] for column, code in names.items()}
        for row in rows.values("pk", *names)
    }


def percentile(values: list[float], pct: int) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(0, -(-pct * len(ordered) // 100) - 1)
    return round(ordered[rank], 2)


def run(emit, *, organizations: int = 100_000, runs: int = 10, baseline_sample: int = 5_000):
    """Measure in a scratch database, in a child process; emit its one JSON line."""
    code = (
        "import json\nfrom gemeinsam.bench import funding as bench\n"
        f"lines = bench.measure(organizations={int(organizations)}, runs={int(runs)}, "
        f"baseline_sample={int(baseline_sample)})\n"
        "for line in lines:\n    print(json.dumps(line))\n"
    )
    with scratch_database(database_url=os.environ.get("DATABASE_URL")) as scratch:
        output = scratch.run(code, timeout=3600)
    for line in output.strip().splitlines()[-2:]:
        emit(json.loads(line))
