"""`gemeinsam bench --only imports`: registrations while a large import of organizations runs.

The import runs as its background job in a child process, gunicorn serves the registrations,
both on one scratch database (a SQLite file, or a new database on the PostgreSQL server).
Registrations are sent while the import checks, prepares, writes and indexes: most of them at
the moment its write transaction begins, since on SQLite that transaction holds the database's
only write lock and every registration waits for it. The line `registration_during_import`
gives their waits next to the waits of as many registrations on the same server before the
import starts (the baseline). The concurrency test in tests/organizations/interchange/ runs the
same driver on fewer rows and checks that every registration succeeds.
"""

from __future__ import annotations

import json
import math
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from gemeinsam.core.loadtest import Scratch, gunicorn, request, scratch_database

# Registrations per step of the import, and the least time between two of them (seconds). A
# step that ends before its registrations are sent hands the rest on to the next step.
SCHEDULE = {
    "checking": (4, 1.0),
    "preparing": (4, 1.0),
    "writing": (6, 0.15),
    "indexing": (6, 0.3),
}
SENT = sum(count for count, _ in SCHEDULE.values())

SEED = """
from datetime import timedelta
from django.core.files.base import ContentFile
from django.utils import timezone
from gemeinsam.agencies.models import Agency
from gemeinsam.events.models import Event
from gemeinsam.organizations.interchange import fields
from gemeinsam.organizations.models import ImportBatch
agency = Agency.objects.create(name="Caritasverband Bochum", slug="caritas-bochum")
start = timezone.now() + timedelta(days=10)
event = Event.objects.create(
    agency=agency, title="Fachtag Vereinsförderung", slug="fachtag", kind="round_table",
    status="published", starts_at=start, ends_at=start + timedelta(hours=6), capacity=200,
)
headers = ["Name", "Ort", "PLZ", "Bundesland", "E-Mail", "Arbeitsfelder", "Sprachen"]
places = [("Bochum", "44787", "NW"), ("Berlin", "10115", "BE"), ("Hamburg", "20095", "HH")]
fields_of = ["youth_work,education", "counselling,culture", "sports,health"]
lines = [";".join(headers)]
for i in range({rows}):
    city, postcode, state = places[i % 3]
    lines.append(
        f"Kulturverein Nummer {{i}};{{city}};{{postcode}};{{state}};verein{{i}}@example.org;"
        f"{{fields_of[i % 3]}};{{'ar' if i % 2 else 'tr'}}"
    )
batch = ImportBatch(
    original_name="vereine.csv", mapping=fields.guess_mapping(headers), status="queued",
    language="de",
)
batch.file.save("vereine.csv", ContentFile("\\n".join(lines).encode()), save=False)
batch.save()
print(event.pk, batch.pk)
"""


@dataclass
class Answer:
    sent: float
    wait: float
    status: int
    body: str
    step: str = ""


@dataclass
class Run:
    """What happened: the import's outcome and every registration sent while it ran."""

    event_id: int
    printed: str = ""
    error: BaseException | None = None
    started: float | None = None
    ended: float = 0.0
    seen: list[str] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    baseline: list[Answer] = field(default_factory=list)


def _register(host: str, port: int, event_id: int, i: int) -> Answer:
    body = {"name": f"Teilnehmerin {i}", "email": f"person{i}@example.org", "consent": True}
    sent = time.monotonic()
    status, answer = request(host, port, "POST", f"/api/v1/events/{event_id}/registrations", body)
    return Answer(sent, time.monotonic() - sent, status, answer)


def _import_in_background(scratch: Scratch, batch_id: int, run: Run) -> threading.Thread:
    code = (
        "from gemeinsam.organizations.interchange.tasks import apply_import_job\n"
        f"print(apply_import_job.call({batch_id}))\n"
    )

    def work():
        try:
            run.printed = scratch.run(code, timeout=600)
        except Exception as error:  # reported by the caller, whatever it is
            run.error = error
        run.ended = time.monotonic()

    thread = threading.Thread(target=work)
    thread.start()
    return thread


def registrations_during_import(scratch: Scratch, *, rows: int, baseline: bool = False) -> Run:
    """Seed an event and an import of `rows` organizations, then register people while it runs
    (and, with `baseline`, as many people one by one before it starts)."""
    event_id, batch_id = map(int, scratch.run(SEED.format(rows=rows)).split())
    run = Run(event_id=event_id)
    step_sql = f"SELECT status, step FROM organizations_importbatch WHERE id = {batch_id}"  # noqa: S608
    with (
        gunicorn(scratch, workers=2, threads=4, API_ANON_RATE="") as (host, port),
        ThreadPoolExecutor(max_workers=SENT) as pool,
    ):
        if baseline:
            run.baseline = [_register(host, port, event_id, SENT + i) for i in range(SENT)]
        thread = _import_in_background(scratch, batch_id, run)
        futures, steps_sent = [], []
        owed, last_sent = 0, 0.0
        while thread.is_alive() and len(futures) < SENT:
            status, step = scratch.query(step_sql)[0]
            now = time.monotonic()
            if status == "running" and run.started is None:
                run.started = now
            if step in SCHEDULE and step not in run.seen:
                run.seen.append(step)
                owed += SCHEDULE[step][0]
            if owed and now - last_sent >= SCHEDULE[run.seen[-1]][1]:
                futures.append(pool.submit(_register, host, port, event_id, len(futures)))
                steps_sent.append(step)
                owed, last_sent = owed - 1, now
            time.sleep(0.03)  # the pace of the registrations, not a wait for a result
        thread.join()
        for future, step in zip(futures, steps_sent, strict=True):
            answer = future.result()
            answer.step = step
            run.answers.append(answer)
    return run


def imported(run: Run) -> dict:
    return json.loads(run.printed.replace("'", '"')) if run.printed else {}


def _quantiles(answers: list[Answer]) -> tuple[float | None, float | None]:
    waits = sorted(answer.wait for answer in answers)
    if not waits:
        return None, None
    p50 = waits[math.ceil(0.5 * len(waits)) - 1]
    p95 = waits[math.ceil(0.95 * len(waits)) - 1]
    return round(p50 * 1000, 1), round(p95 * 1000, 1)


def run(emit: Callable[[dict], None], *, rows: int = 50_000) -> None:
    """Measure and emit `registration_during_import` (one JSON line)."""
    with scratch_database(database_url=os.environ.get("DATABASE_URL")) as scratch:
        measured = registrations_during_import(scratch, rows=rows, baseline=True)
    p50, p95 = _quantiles(measured.answers)
    base_p50, base_p95 = _quantiles(measured.baseline)
    emit(
        {
            "bench": "registration_during_import",
            "db": scratch.vendor,
            "rows": rows,
            "registrations": len(measured.answers),
            "failed": sum(answer.status != 201 for answer in measured.answers),
            "steps": measured.seen,
            "p50_ms": p50,
            "p95_ms": p95,
            "baseline_p50_ms": base_p50,
            "baseline_p95_ms": base_p95,
            "imported": imported(measured).get("created"),
            "error": str(measured.error) if measured.error else None,
        }
    )
