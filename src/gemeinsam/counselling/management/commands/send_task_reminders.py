from django.core.management.base import BaseCommand

from gemeinsam.counselling.tasks.timeline import ensure_daily_run, sweep


class Command(BaseCommand):
    help = (
        "Remind assignees of the counselling tasks due today (once per task), and make sure the "
        "daily 07:00 run is queued for the worker. The mails go out through `db_worker`."
    )

    def handle(self, *args, **options):
        count = sweep()
        queued = ensure_daily_run()
        self.stdout.write(f"Queued reminders for {count} task(s).")
        if queued:
            self.stdout.write("Queued the daily reminder run for 07:00.")
