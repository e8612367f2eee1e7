"""The nightly retention job: closed cases are anonymised once their retention period is over.

`anonymise_expired_cases_job` runs `services.gdpr.anonymise_expired_cases()` every night at
03:00 Europe/Berlin (`core.schedule`). `gemeinsam anonymise_expired_cases` anonymises once and
makes sure the nightly run is queued; `gemeinsam db_worker` runs it.
"""

from __future__ import annotations

import datetime

from gemeinsam.core.schedule import daily

from ..services.gdpr import anonymise_expired_cases

NIGHTLY_AT = datetime.time(3, 0)


@daily(at=NIGHTLY_AT)
def anonymise_expired_cases_job() -> int:
    """Anonymise the expired cases (`core.schedule` queues the next night's run)."""
    return anonymise_expired_cases()
