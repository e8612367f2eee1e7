from django.core.management.base import BaseCommand

from gemeinsam.funding.tasks import ensure_daily_run, sweep


class Command(BaseCommand):
    help = (
        "Remind those who watch a funding programme of its next deadline (14 and 3 days "
        "before, once per step), and make sure the daily 07:00 run is queued for the worker. "
        "The mails go out through `db_worker`."
    )

    def handle(self, *args, **options):
        count = sweep()
        queued = ensure_daily_run()
        self.stdout.write(f"Queued {count} deadline reminder(s).")
        if queued:
            self.stdout.write("Queued the daily deadline reminder run for 07:00.")
