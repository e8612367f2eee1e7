"""`gemeinsam bench` for counselling: the funder report over three years of one project.

Generated data: one agency with one project running three years, a few thousand cases with
topics, languages, kinds of organization and outcomes, and N sessions held on the project's
cases in those years; around them, cases of no project and of another agency, which the
report must leave out. The report (`reports.funder_report`, grouped in SQL) is timed over
several runs and compared with a naive baseline on the same data in the same run: every request,
case, session and outcome of the agency loaded through the ORM and counted in Python. Both must
give the same figures ("identical").

Runs in a scratch database (`core.loadtest.scratch_database`: a temporary SQLite file, or a new
database on the PostgreSQL server of DATABASE_URL) in a child process, so no data is touched.
"""

from __future__ import annotations

import datetime
import json
import math
import os
import statistics
import time
from dataclasses import dataclass
from random import Random

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from gemeinsam.agencies.models import Agency, Project
from gemeinsam.core.loadtest import scratch_database
from gemeinsam.counselling import reports
from gemeinsam.counselling.enums import CaseStatus, CaseType, Channel, OutcomeKind, RequestStatus
from gemeinsam.counselling.models import Case, Contact, Outcome, Request, Session, Topic
from gemeinsam.counselling.periods import day_bounds
from gemeinsam.organizations.enums import OrganizationKind
from gemeinsam.organizations.models import WorkingLanguage

START = datetime.date(2023, 1, 1)
END = datetime.date(2025, 12, 31)
BATCH = 5_000
WARM_UP = 2

LANGUAGES = ["de"] * 6 + ["ar"] * 4 + ["tr"] * 3 + ["en", "fa", "ru", "uk", "ku", "ti", None]
KINDS = [OrganizationKind.MIGRANT_ORG] * 6 + [k.value for k in OrganizationKind] + [""]
CHANNELS = [Channel.PHONE] * 3 + [Channel.VIDEO] * 2 + [Channel.IN_PERSON] * 4 + [Channel.EMAIL]
MINUTES = [30, 45, 60, 60, 60, 90, 120]


@dataclass
class Scenario:
    agency: Agency
    project: Project
    date_from: datetime.date
    date_to: datetime.date
    sessions: int
    cases: int


def generate(
    *, sessions: int, cases: int | None = None, seed: int = 1, slug_prefix: str = "bench"
) -> Scenario:
    """Write the data in bulk: `sessions` sessions on the project's cases within its three
    years, and about a tenth more on cases the report must leave out."""
    rng = Random(seed)  # noqa: S311 (made-up data, not secrets)
    cases = cases or max(20, sessions // 20)
    agency = Agency.objects.create(
        name="Kompetenzzentrum Migration (Bench)", slug=f"{slug_prefix}-kommig"
    )
    other = Agency.objects.create(name="Integrationsagentur (Bench)", slug=f"{slug_prefix}-andere")
    project = Project.objects.create(
        agency=agency,
        title="Beratung für Migrantenorganisationen",
        slug="beratung-2023",
        funder="Stiftung Beispielfonds",
        starts_on=START,
        ends_on=END,
    )
    topics = list(Topic.objects.values_list("pk", flat=True))
    language_ids = dict(WorkingLanguage.objects.values_list("code", "pk"))
    languages = [language_ids.get(code) for code in LANGUAGES]
    with transaction.atomic():
        contacts = Contact.objects.bulk_create(
            [Contact(name=f"Kontakt {i}", email=f"kontakt{i}@example.org") for i in range(200)]
        )
        in_project = _cases(rng, agency, project, cases, languages)
        elsewhere = _cases(rng, agency, None, max(2, cases // 10), languages)
        elsewhere += _cases(rng, other, None, max(2, cases // 20), languages)
        every_case = in_project + elsewhere
        through = Case.topics.through
        through.objects.bulk_create(
            [
                through(case_id=case.pk, topic_id=topic)
                for case in every_case
                if rng.random() > 0.05  # a few cases without a topic
                for topic in rng.sample(topics, rng.choice([1, 1, 2, 3]))
            ],
            batch_size=BATCH,
        )
        _requests(rng, every_case, contacts, topics, languages)
        _sessions(rng, in_project, sessions, within=True)
        _sessions(rng, elsewhere, max(10, sessions // 10), within=False)
        _outcomes(rng, every_case)
    return Scenario(agency, project, START, END, sessions, cases)


def _cases(rng, agency, project, n, languages) -> list[Case]:
    result = []
    span = (END - START).days
    for i in range(n):
        opened = START + datetime.timedelta(days=rng.randint(-60, span - 7))
        closed = opened + datetime.timedelta(days=rng.randint(30, 540))
        if closed > END:
            closed = None
        result.append(
            Case(
                agency=agency,
                project=project,
                title=f"Beratung {i}",
                case_type=rng.choice(CaseType.values),
                status=CaseStatus.CLOSED if closed else CaseStatus.OPEN,
                language_id=rng.choice(languages),
                organization_kind=rng.choice(KINDS),
                is_new_client=rng.random() < 0.6,
                opened_on=opened,
                closed_on=closed,
                # Anonymised cases keep counting: that is what their figures are kept for.
                anonymised_at=(
                    datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC)
                    if closed and rng.random() < 0.2
                    else None
                ),
            )
        )
    result.sort(key=lambda case: case.opened_on)  # written in the order they were opened
    return Case.objects.bulk_create(result, batch_size=BATCH)


def _requests(rng, cases, contacts, topics, languages) -> None:
    made = []
    linked = []
    for case in cases:
        if rng.random() < 0.8:
            linked.append(case)
            day = case.opened_on - datetime.timedelta(days=rng.randint(0, 14))
            made.append(_request(rng, case.agency_id, day, contacts, case.language_id))
    for _i in range(len(cases) // 5):  # declined or withdrawn, no case
        day = START + datetime.timedelta(days=rng.randint(-30, (END - START).days + 30))
        request = _request(rng, rng.choice(cases).agency_id, day, contacts, rng.choice(languages))
        request.status = rng.choice([RequestStatus.DECLINED, RequestStatus.WITHDRAWN])
        made.append(request)
    Request.objects.bulk_create(made, batch_size=BATCH)
    for case, request in zip(linked, made, strict=False):
        case.request_id = request.pk
    Case.objects.bulk_update(linked, ["request"], batch_size=BATCH)
    through = Request.topics.through
    through.objects.bulk_create(
        [
            through(request_id=request.pk, topic_id=topic)
            for request in made
            for topic in rng.sample(topics, rng.choice([1, 1, 2]))
        ],
        batch_size=BATCH,
    )


def _request(rng, agency_id, day, contacts, language_id) -> Request:
    moment = datetime.datetime.combine(day, datetime.time(rng.randint(0, 23), rng.randint(0, 59)))
    return Request(
        agency_id=agency_id,
        contact=rng.choice(contacts),
        channel=rng.choice(CHANNELS),
        language_id=language_id,
        description="Wir möchten einen Verein gründen.",
        status=RequestStatus.ACCEPTED,
        created_at=moment.replace(tzinfo=datetime.UTC),
    )


def _sessions(rng, cases, n, *, within: bool) -> None:
    """`n` sessions spread over the cases; `within`: all held inside the three years. They are
    written in the order they were held, as sessions are recorded after they happen."""
    spans = []
    for case in cases:
        first = max(case.opened_on, START) if within else case.opened_on
        last = min(case.closed_on or END, END) if within else (case.closed_on or END)
        if last >= first:
            spans.append((case.pk, first, (last - first).days))
    drawn = []
    for _i in range(n):
        case_id, first, days = rng.choice(spans)
        drawn.append((first + datetime.timedelta(days=rng.randint(0, days)), case_id))
    drawn.sort()
    for start in range(0, n, BATCH):
        Session.objects.bulk_create(
            [
                Session(
                    case_id=case_id,
                    held_on=held_on,
                    duration_minutes=rng.choice(MINUTES),
                    channel=rng.choice(CHANNELS),
                    # A few summaries, encrypted like real ones; most stay empty so that the
                    # bench measures counting, not encryption.
                    summary="Satzungsentwurf besprochen." if i % 100 == 0 else "",
                    next_steps="Gründungsversammlung vorbereiten." if i % 10 == 0 else "",
                )
                for i, (held_on, case_id) in enumerate(drawn[start : start + BATCH], start)
            ],
            batch_size=BATCH,
        )


def _outcomes(rng, cases) -> None:
    made = []
    for case in cases:
        for _i in range(rng.choice([0, 0, 0, 1, 1, 2])):
            kind = rng.choice(OutcomeKind.values)
            last = case.closed_on or END
            money = kind in OutcomeKind.with_programme()
            made.append(
                Outcome(
                    case=case,
                    kind=kind,
                    achieved_on=case.opened_on
                    + datetime.timedelta(days=rng.randint(0, (last - case.opened_on).days)),
                    programme="Förderprogramm Teilhabe" if money else "",
                    amount=rng.randrange(500, 50_000, 50) if money and rng.random() < 0.9 else None,
                )
            )
    Outcome.objects.bulk_create(made, batch_size=BATCH)


# --- The baseline ------------------------------------------------------------------------------


def naive_report(agency, *, project=None, date_from, date_to) -> reports.Report:
    """The same figures the way one would count without GROUP BY: load every request, case,
    session and outcome of the agency as an object and count them one by one in Python."""
    tally = reports.Tally()
    start, end = day_bounds(date_from, date_to)
    in_project = project.pk if project is not None else None

    for request in (
        Request.objects.filter(agency=agency).select_related("case").prefetch_related("topics")
    ):
        if not start <= request.created_at < end:
            continue
        case = getattr(request, "case", None)
        if in_project is not None and (case is None or case.project_id != in_project):
            continue
        tally.add("requests", 1, channel=request.channel, language=request.language_id)
        for topic in request.topics.all() or [None]:
            tally.add_topic("requests", topic.pk if topic else None, 1)

    cases = {}
    for case in Case.objects.filter(agency=agency).prefetch_related("topics"):
        cases[case.pk] = case
        if in_project is not None and case.project_id != in_project:
            continue
        if case.opened_on > date_to or (case.closed_on and case.closed_on < date_from):
            continue
        opened = int(date_from <= case.opened_on <= date_to)
        keys = _case_keys(case)
        tally.add("cases_opened", opened, **keys)
        tally.add("cases_active", 1, **keys)
        for topic in case.topics.all() or [None]:
            tally.add_topic("cases_opened", topic.pk if topic else None, opened)
            tally.add_topic("cases_active", topic.pk if topic else None, 1)

    for session in Session.objects.filter(case__agency=agency):
        case = cases[session.case_id]
        if in_project is not None and case.project_id != in_project:
            continue
        if not date_from <= session.held_on <= date_to:
            continue
        keys = {**_case_keys(case), "channel": session.channel}
        tally.add("sessions", 1, **keys)
        tally.add("minutes", session.duration_minutes, **keys)
        for topic in case.topics.all() or [None]:
            tally.add_topic("sessions", topic.pk if topic else None, 1)
            tally.add_topic("minutes", topic.pk if topic else None, session.duration_minutes)
        tally.add_month(session.held_on.replace(day=1), 1, session.duration_minutes)

    for outcome in Outcome.objects.filter(case__agency=agency):
        case = cases[outcome.case_id]
        if in_project is not None and case.project_id != in_project:
            continue
        if date_from <= outcome.achieved_on <= date_to:
            tally.add_outcome(outcome.kind, 1, outcome.amount)

    return reports.assemble(
        tally, agency=agency, project=project, date_from=date_from, date_to=date_to
    )


def _case_keys(case: Case) -> dict:
    return {
        "language": case.language_id,
        "organization_kind": case.organization_kind,
        "client": reports.NEW if case.is_new_client else reports.RETURNING,
    }


# --- Measuring ---------------------------------------------------------------------------------


def measure(*, sessions: int, runs: int, seed: int = 1) -> dict:
    """Generate, then time the report and the baseline in this process's database."""
    started = time.perf_counter()
    scenario = generate(sessions=sessions, seed=seed)
    generated = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")
    period = {
        "project": scenario.project,
        "date_from": scenario.date_from,
        "date_to": scenario.date_to,
    }
    timings = []
    for i in range(runs + WARM_UP):
        t0 = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            report = reports.funder_report(scenario.agency, **period)
        if i >= WARM_UP:
            timings.append((time.perf_counter() - t0) * 1000)
    baseline = []
    for _i in range(min(3, runs)):
        t0 = time.perf_counter()
        naive = naive_report(scenario.agency, **period)
        baseline.append((time.perf_counter() - t0) * 1000)
    p50 = percentile(timings, 50)
    baseline_ms = round(statistics.median(baseline), 2)
    return {
        "bench": "counselling_report",
        "db": connection.vendor,
        "sessions": report.total.sessions,
        "cases": scenario.cases,
        "runs": runs,
        "p50_ms": p50,
        "p95_ms": percentile(timings, 95),
        "baseline_ms": baseline_ms,
        "speedup": round(baseline_ms / p50, 1) if p50 else None,
        "queries": len(queries),
        "identical": naive == report,
        "generate_s": round(generated, 1),
    }


def percentile(values: list[float], pct: int) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(0, math.ceil(pct / 100 * len(ordered)) - 1)
    return round(ordered[rank], 2)


def run(emit, *, sessions: int = 100_000, runs: int = 20) -> None:
    """Measure in a scratch database, in a child process; emit its one JSON line."""
    code = (
        "import json\nfrom gemeinsam.bench import counselling as bench\n"
        f"print(json.dumps(bench.measure(sessions={int(sessions)}, runs={int(runs)})))\n"
    )
    with scratch_database(database_url=os.environ.get("DATABASE_URL")) as scratch:
        output = scratch.run(code, timeout=3600)
    emit(json.loads(output.strip().splitlines()[-1]))
