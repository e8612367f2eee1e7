"""One cache for every application server: with REDIS_URL, two gunicorn servers on one database
share the anonymous pages and the API's rate limits through a real Redis server started here.

Without REDIS_URL the embedded defaults stay (the database cache and a page cache per process),
which is also the negative control: the second server then builds the page itself.
The tests share one scratch database; each seeds its event afresh.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import redis

from gemeinsam.core.loadtest import gunicorn, redis_server, request, scratch_database

ROOT = Path(__file__).resolve().parents[2]

SEED = """
from datetime import timedelta
from django.utils import timezone
from gemeinsam.agencies.models import Agency
from gemeinsam.events.models import Event
agency, _ = Agency.objects.get_or_create(slug="ia-bochum", name="Integrationsagentur Bochum")
start = timezone.now().replace(hour=10, minute=0, second=0, microsecond=0) + timedelta(days=12)
event, _ = Event.objects.update_or_create(slug="sprechstunde", defaults=dict(
    agency=agency, title="Sprechstunde Vereinsgründung", kind="information",
    status="published", starts_at=start, ends_at=start + timedelta(hours=2),
))
print(event.pk)
"""

SETTINGS = (
    "import json, django; django.setup(); from django.conf import settings; "
    "print(json.dumps([settings.CACHES['default']['BACKEND'], settings.CACHES['pages']['BACKEND'], "
    "settings.SESSION_ENGINE]))"
)


def _settings(**env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CACHE_URL"}}
    environment.update(DJANGO_SETTINGS_MODULE="gemeinsam.settings", **env)
    return subprocess.run(
        [sys.executable, "-c", SETTINGS],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_without_a_cache_server_the_embedded_caches_stay():
    done = _settings()
    assert json.loads(done.stdout) == [
        "django.core.cache.backends.db.DatabaseCache",
        "django.core.cache.backends.locmem.LocMemCache",
        "django.contrib.sessions.backends.db",
    ]


@pytest.mark.parametrize("name", ["REDIS_URL", "CACHE_URL"])
def test_a_cache_server_serves_the_cache_the_pages_and_the_sessions(name):
    done = _settings(**{name: "redis://cache.internal:6379/0"})
    assert json.loads(done.stdout) == [
        "django.core.cache.backends.redis.RedisCache",
        "django.core.cache.backends.redis.RedisCache",
        "django.contrib.sessions.backends.cached_db",
    ]


def test_a_cache_url_that_names_no_redis_server_is_refused_with_its_reason():
    done = _settings(CACHE_URL="memcached://127.0.0.1:11211")
    assert done.returncode != 0
    assert "REDIS_URL and CACHE_URL must name a Redis or Valkey server" in done.stderr


@pytest.fixture(scope="module")
def redis_url():
    with redis_server() as url:
        yield url


@pytest.fixture(scope="module")
def scratch():
    with scratch_database(
        database_url=os.environ.get("DATABASE_URL"),
        DJANGO_SETTINGS_MODULE="tests.settings",
        PYTHONPATH=str(ROOT),
    ) as db:
        yield db


def _page(port: int) -> str:
    status, body = request("127.0.0.1", port, "GET", "/de/events/")
    assert status == 200
    return body.decode()


def _rename_behind_the_caches_back(scratch, event_id: int, title: str) -> None:
    # The title changes but `updated_at` does not: the page's version stays the same, so only a
    # server without the page in its cache shows the new title.
    scratch.run(
        "from gemeinsam.events.models import Event\n"
        f"Event.objects.filter(pk={event_id}).update(title={title!r})\n"
    )


def _edit(scratch, event_id: int, title: str) -> None:
    scratch.run(
        "from gemeinsam.events.models import Event\n"
        f"event = Event.objects.get(pk={event_id})\n"
        f"event.title = {title!r}\n"
        "event.save()\n"
    )


@pytest.mark.parametrize("shared", [True, False], ids=["redis", "per-process"])
def test_a_page_cached_on_one_server_is_served_by_the_other_and_an_edit_reaches_both(
    scratch, redis_url, shared
):
    event_id = int(scratch.run(SEED))
    env = {"REDIS_URL": redis_url} if shared else {}
    store = redis.Redis.from_url(redis_url)
    store.flushdb()
    with (
        gunicorn(scratch, workers=1, **env) as (_, a),
        gunicorn(scratch, workers=1, **env) as (_, b),
    ):
        assert "Sprechstunde Vereinsgründung" in _page(a)
        pages = store.keys("gemeinsam-pages:*")
        _rename_behind_the_caches_back(scratch, event_id, "Sprechstunde Satzung")
        seen_on_b = _page(b)
        _edit(scratch, event_id, "Sprechstunde Gemeinnützigkeit")
        after_edit = (_page(a), _page(b))

    if shared:
        assert len(pages) == 1
        assert "Sprechstunde Vereinsgründung" in seen_on_b  # from the shared cache
    else:
        assert pages == []
        assert "Sprechstunde Satzung" in seen_on_b  # built again by the second server
    assert all("Sprechstunde Gemeinnützigkeit" in page for page in after_edit)


def test_the_apis_rate_limit_counts_requests_on_both_servers_together(scratch, redis_url):
    scratch.run(SEED)
    store = redis.Redis.from_url(redis_url)
    store.flushdb()
    env = {"REDIS_URL": redis_url, "API_ANON_RATE": "4/min"}
    with (
        gunicorn(scratch, workers=1, **env) as (_, a),
        gunicorn(scratch, workers=1, **env) as (_, b),
    ):
        statuses = [
            request("127.0.0.1", port, "GET", "/api/v1/events")[0] for port in (a, b, a, b, a, b)
        ]

    assert statuses == [200, 200, 200, 200, 429, 429]
    assert store.keys("gemeinsam:*throttle*")
