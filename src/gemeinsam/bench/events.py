"""`gemeinsam bench` for events: registrations and the event list through gunicorn.

Both are measured as requests per second against a scratch database served by gunicorn with
one worker per core (at least two), next to the rate of a trivial view (`/healthz`: one
`SELECT 1`) on the same server in the same run, which is the ratio's base. Registrations go
through the public API (`POST /api/v1/events/{id}/registrations`), each with a new email
address, so every request writes a registration and its mail job under the event's lock.
"""

from __future__ import annotations

import os

from gemeinsam.core.loadtest import gunicorn, scratch_database, throughput

SEED = """
import datetime, random
from django.utils import timezone
from gemeinsam.agencies.models import Agency
from gemeinsam.events.models import Event, Topic
from gemeinsam.organizations.models import WorkingLanguage

agency = Agency.objects.create(name="Kompetenzzentrum Migration", slug="kommig")
rng = random.Random(1)
now = timezone.now().replace(minute=0, second=0, microsecond=0)
kinds = ["workshop", "training", "round_table", "information", "evening", "panel"]
cities = [("Münster", "NW"), ("Bochum", "NW"), ("Berlin", "BE"), ("Hamburg", "HH")]
events = []
for i in range({events}):
    start = now + datetime.timedelta(days=1 + i % 300, hours=rng.randint(8, 18))
    city, state = rng.choice(cities)
    events.append(Event(
        agency=agency, title=f"Workshop {{i}}: Projektmanagement für Vereine", slug=f"e-{{i}}",
        kind=rng.choice(kinds), status="published", starts_at=start,
        ends_at=start + datetime.timedelta(hours=3), city=city, federal_state=state,
        capacity=rng.choice([12, 20, 30, None]), summary="Für Migrantenorganisationen",
    ))
Event.objects.bulk_create(events, batch_size=500)
through = Event.languages.through
languages = list(WorkingLanguage.objects.filter(code__in=["de", "ar", "tr"]))
through.objects.bulk_create(
    [through(event_id=e.pk, workinglanguage_id=rng.choice(languages).pk) for e in events]
)
target = Event.objects.create(
    agency=agency, title="Großes Vernetzungstreffen", slug="vernetzung", kind="information",
    status="published", starts_at=now + datetime.timedelta(days=30),
    ends_at=now + datetime.timedelta(days=30, hours=4), capacity={capacity},
    waitlist_enabled=True,
)
print(target.pk)
"""


def run(emit, *, events: int = 1000, seconds: float = 10.0, clients: int = 8) -> None:
    """Measure and emit `event_registration` and `event_list` (one JSON line each)."""
    capacity = 500
    with scratch_database(database_url=os.environ.get("DATABASE_URL")) as scratch:
        target = int(scratch.run(SEED.format(events=events, capacity=capacity)).strip())
        # One worker per core: the database and the load clients share these cores, and more
        # workers than cores measured slower (README, "Events through the HTTP stack").
        workers = max(2, os.cpu_count() or 1)
        env = {"API_ANON_RATE": ""}
        with gunicorn(scratch, workers=workers, **env) as (host, port):
            common = {"db": scratch.vendor, "workers": workers, "clients": clients}

            def trivial(_i):
                return ("GET", "/healthz", None)

            def register(i):
                body = {"name": f"Teilnehmende {i}", "email": f"p{i}@example.org"}
                return ("POST", f"/api/v1/events/{target}/registrations", body)

            def listing(i):
                return ("GET", f"/de/events/?page={1 + i % 3}", None)

            base_rate, _, _ = throughput(host, port, trivial, seconds=seconds, clients=clients)
            rate, _, failed = throughput(host, port, register, seconds=seconds, clients=clients)
            confirmed, seats, total = _registration_counts(scratch, target)
            emit(
                {
                    "bench": "event_registration",
                    **common,
                    "per_s": round(rate, 1),
                    "trivial_per_s": round(base_rate, 1),
                    "ratio": round(rate / base_rate, 3) if base_rate else None,
                    "registrations": total,
                    "failed": failed,
                    "capacity": capacity,
                    "confirmed": confirmed,
                    "overbooked": confirmed > capacity or seats != confirmed,
                }
            )
            base_rate, _, _ = throughput(host, port, trivial, seconds=seconds, clients=clients)
            rate, _, failed = throughput(host, port, listing, seconds=seconds, clients=clients)
            emit(
                {
                    "bench": "event_list",
                    **common,
                    "events": events,
                    "per_s": round(rate, 1),
                    "trivial_per_s": round(base_rate, 1),
                    "ratio": round(rate / base_rate, 3) if base_rate else None,
                    "failed": failed,
                }
            )


def _registration_counts(scratch, event_id: int) -> tuple[int, int, int]:
    rows = dict(
        scratch.query(
            "SELECT status, COUNT(*) FROM events_registration "  # noqa: S608 (our own id)
            f"WHERE event_id = {int(event_id)} GROUP BY status"
        )
    )
    seats = scratch.query(f"SELECT seats_taken FROM events_event WHERE id = {int(event_id)}")  # noqa: S608
    return rows.get("confirmed", 0), seats[0][0], sum(rows.values())
