"""`gemeinsam db_worker`: django_tasks_db's worker, one that backs off and retries on database
errors instead of exiting, and writes a heartbeat (see core.worker).

It wins over the library's command of the same name because `gemeinsam.core` comes before
`django_tasks_db` in INSTALLED_APPS (a test keeps it so).
"""

import logging
import os

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.compat import TASKS_LOGGER
from django_tasks_db.management.commands import db_worker

from gemeinsam.core.worker import Worker, logger


class Command(db_worker.Command):
    help = "Run the background worker: it sends the queued mails and runs the scheduled jobs."

    def configure_logging(self, verbosity: int) -> None:
        # Quiet by default: the demo prints its log-ins last, and nothing of the worker's
        # start belongs after them. Errors (a locked database) always show.
        super().configure_logging(verbosity)
        level = {0: logging.ERROR, 1: logging.WARNING}.get(verbosity, logging.DEBUG)
        logging.getLogger(TASKS_LOGGER).setLevel(level)
        logger.setLevel(level)

    def handle(self, *, verbosity, queue_name, exclude_queues, reload, batch, **options) -> None:
        self.configure_logging(verbosity)
        if reload and batch:
            reload = False
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise db_worker.CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = Worker(
            queue_names=queue_names,
            excluded_queue_names=excluded,
            batch=batch,
            interval=options["interval"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # only the reloader's child handles signals
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
