"""Threads racing on one database: each thread with its own connection, all released together.

SQLite: the test database is in memory with a shared cache, where a second writer fails at once
with "database table is locked" instead of waiting. So `shared_database` copies the prepared
database into a file (SQLite's backup API) and points every connection at it for the test's
duration: WAL, IMMEDIATE transactions and the busy timeout then work exactly as in production.
PostgreSQL needs nothing of the kind: threads connect to the test database.
"""

from __future__ import annotations

import sqlite3
import threading

import pytest
from django.db import connection, connections


@pytest.fixture
def shared_database(transactional_db, tmp_path):
    """Every thread's connection reaches the same database (see the module docstring)."""
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    connection.ensure_connection()
    memory = connection.connection
    path = tmp_path / "race.sqlite3"
    target = sqlite3.connect(path)
    memory.backup(target)
    target.close()
    settings_dict = connection.settings_dict  # the dict every new connection is made from
    in_memory_name = settings_dict["NAME"]
    settings_dict["NAME"] = str(path)
    main_thread_wrapper = connections["default"]
    connections["default"] = main_thread_wrapper.__class__(settings_dict, "default")
    try:
        yield
    finally:
        connections["default"].close()
        connections["default"] = main_thread_wrapper
        settings_dict["NAME"] = in_memory_name


def race(jobs) -> tuple[list[object], list[Exception], float]:
    """Run each job in its own thread, all released at once; (results, errors, max overlap)."""
    barrier = threading.Barrier(len(jobs))
    results, errors, inside = [], [], []
    lock = threading.Lock()
    running = 0

    def run(job):
        nonlocal running
        try:
            barrier.wait()
            with lock:
                running += 1
                inside.append(running)
            try:
                results.append(job())
            finally:
                with lock:
                    running -= 1
        except Exception as error:  # the test reads every refusal and failure
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors, max(inside)
