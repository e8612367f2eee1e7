"""Background jobs of counselling, run by `gemeinsam db_worker`, by part: mails about requests
(`intake`), appointments and the erasure notice (`gdpr`), which services queue in their
transaction; the morning's task reminders (`timeline`) and the nightly anonymisation of closed
cases past their retention (`cases`), daily jobs of `core.schedule`."""
