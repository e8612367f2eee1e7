"""Long batch writes that share an SQLite database with requests.

SQLite has one write lock. A writer that finds it taken waits (the busy timeout) but looks again
only every 0.1 s or so; a batch job that runs its short transactions back to back takes the lock
again before a waiting request ever sees it free (registrations waited seconds behind the search
index of a large import). Between its transactions a batch job calls `let_waiting_writers_in()`.
PostgreSQL locks rows, not the database, so there it does nothing.
"""

from __future__ import annotations

import time

from django.db import connection

# Longer than SQLite's retry step, so a waiting writer takes the lock in the gap.
GAP_SECONDS = 0.15


def let_waiting_writers_in() -> None:
    if connection.vendor == "sqlite":
        time.sleep(GAP_SECONDS)
