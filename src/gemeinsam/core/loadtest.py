"""Load through the real HTTP stack: a scratch database, gunicorn serving it, many clients at once.

Used by `gemeinsam bench` (requests per second) and by the concurrency tests (fifty people
registering for ten places at the same moment). Everything runs in child processes with their
own environment, so the database the caller is connected to is never touched.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


@dataclass
class Scratch:
    """A freshly migrated database, and the environment that points a child process at it."""

    vendor: str
    env: dict[str, str]
    sqlite_path: Path | None = None
    database_url: str | None = None

    def run(self, code: str, timeout: int = 120) -> str:
        """Run Python code with Django set up against this database; return what it printed."""
        script = "import django\ndjango.setup()\n" + code
        done = subprocess.run(  # noqa: S603 (our own interpreter and code)
            [sys.executable, "-c", script],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if done.returncode:
            raise RuntimeError(f"child failed: {done.stderr[-2000:]}")
        return done.stdout

    def query(self, sql: str) -> list[tuple]:
        """Read straight from the database, without Django."""
        if self.sqlite_path is not None:
            import sqlite3

            with contextlib.closing(sqlite3.connect(self.sqlite_path)) as db:
                return db.execute(sql).fetchall()
        import psycopg

        with psycopg.connect(self.database_url) as db:
            return db.execute(sql).fetchall()


def _base_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env["DJANGO_SETTINGS_MODULE"] = "gemeinsam.settings"
    env.pop("GEMEINSAM_ENV", None)
    env["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    return env


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@contextlib.contextmanager
def scratch_database(*, database_url: str | None = None, **env: str) -> Iterator[Scratch]:
    """A new, migrated database: a temporary SQLite file, or a new database on the PostgreSQL
    server `database_url` points to (dropped afterwards)."""
    base = {**_base_env(), **env}
    base.pop("DATABASE_URL", None)
    folder = Path(tempfile.mkdtemp(prefix="gemeinsam-load-"))
    base["GEMEINSAM_HOME"] = str(folder)
    base["MEDIA_ROOT"] = str(folder / "media")
    name = None
    try:
        if database_url:
            import psycopg

            name = f"gemeinsam_load_{secrets.token_hex(4)}"
            with psycopg.connect(database_url, autocommit=True) as db:
                db.execute(f'CREATE DATABASE "{name}"')
            url = _with_database(database_url, name)
            scratch = Scratch("postgresql", {**base, "DATABASE_URL": url}, database_url=url)
        else:
            path = folder / "load.sqlite3"
            scratch = Scratch("sqlite", {**base, "SQLITE_PATH": str(path)}, sqlite_path=path)
        for command in (["migrate", "-v0"], ["createcachetable"]):
            subprocess.run(  # noqa: S603 (our own interpreter and command)
                [sys.executable, "-m", "gemeinsam", *command],
                env=scratch.env,
                check=True,
                timeout=300,
            )
        yield scratch
    finally:
        if name:
            import psycopg

            with psycopg.connect(database_url, autocommit=True) as db:
                db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(folder, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def gunicorn(
    scratch: Scratch, *, workers: int = 4, threads: int = 1, **env: str
) -> Iterator[tuple[str, int]]:
    """gunicorn serving the app on the scratch database; yields (host, port)."""
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "gemeinsam.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--log-level",
        "warning",
        "--backlog",
        "2048",
    ]
    process = subprocess.Popen(  # noqa: S603 (our own interpreter and gunicorn)
        command,
        env={**scratch.env, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        _wait_until_up("127.0.0.1", port, process)
        yield "127.0.0.1", port
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def redis_server() -> Iterator[str]:
    """A Redis (or Valkey) server of its own on a free port, in memory only; yields its URL.

    Debian's `redis-server` or `valkey-server`, whichever is installed (`.ci/run` installs one).
    """
    binary = shutil.which("valkey-server") or shutil.which("redis-server")
    if binary is None:
        raise RuntimeError("No redis-server or valkey-server: install Debian's redis-server.")
    import redis  # only where a server is started, so that nothing else needs the client

    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="gemeinsam-redis-") as directory:
        process = subprocess.Popen(  # noqa: S603 (the server found above, our own options)
            [
                binary,
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                directory,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        url = f"redis://127.0.0.1:{port}/0"
        try:
            client = redis.Redis.from_url(url)
            deadline = time.monotonic() + 30
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"redis-server exited: {process.stderr.read().decode()}")
                try:
                    client.ping()
                    break
                except redis.ConnectionError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.05)  # until the server listens, not a wait for a result
            client.close()
            yield url
        finally:
            process.terminate()
            process.wait(timeout=20)


def _wait_until_up(host: str, port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited: {process.stderr.read().decode()[-2000:]}")
        try:
            status, _ = request(host, port, "GET", "/healthz")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError("gunicorn did not answer within 60 seconds")


def request(
    host: str,
    port: int,
    method: str,
    path: str,
    body: dict | None = None,
    connection: http.client.HTTPConnection | None = None,
) -> tuple[int, bytes]:
    own = connection is None
    connection = connection or http.client.HTTPConnection(host, port, timeout=60)
    try:
        headers = {"Accept-Language": "de"}
        payload = None
        if body is not None:
            payload = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        connection.request(method, path, body=payload, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        if own:
            connection.close()


def fire_at_once(
    host: str, port: int, calls: list[tuple[str, str, dict | None]]
) -> list[tuple[int, bytes]]:
    """Send every call from its own thread, released together by a barrier."""
    barrier = threading.Barrier(len(calls))

    def one(call):
        method, path, body = call
        connection = http.client.HTTPConnection(host, port, timeout=120)
        connection.connect()
        barrier.wait()
        try:
            return request(host, port, method, path, body, connection=connection)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(one, calls))


def throughput(
    host: str,
    port: int,
    make_call,
    *,
    seconds: float,
    clients: int,
) -> tuple[float, int, int]:
    """Requests per second with `clients` keep-alive clients for `seconds`.

    `make_call(i)` gives the i-th (method, path, body). Returns (rate, ok, failed).
    """
    counter = iter(range(10**9))
    lock = threading.Lock()
    stop = time.perf_counter() + seconds
    results = {"ok": 0, "failed": 0}

    def client():
        connection = http.client.HTTPConnection(host, port, timeout=60)
        ok = failed = 0
        while time.perf_counter() < stop:
            with lock:
                i = next(counter)
            method, path, body = make_call(i)
            try:
                status, _ = request(host, port, method, path, body, connection=connection)
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=60)
                failed += 1
                continue
            if 200 <= status < 300:
                ok += 1
            else:
                failed += 1
        connection.close()
        with lock:
            results["ok"] += ok
            results["failed"] += failed

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    return results["ok"] / elapsed, results["ok"], results["failed"]
