"""Core's daily job: results of finished tasks are pruned (see core.recovery)."""

from __future__ import annotations

import datetime

from . import recovery
from .schedule import daily

PRUNE_AT = datetime.time(4, 15)


@daily(at=PRUNE_AT)
def prune_task_results_job() -> int:
    """Delete old results of finished tasks (`core.schedule` queues the next run)."""
    return recovery.prune()
