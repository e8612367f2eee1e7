from django.core.management.base import BaseCommand

from gemeinsam.committees.tasks import send_term_reminders, sweep
from gemeinsam.core import schedule


class Command(BaseCommand):
    help = (
        "Remind the staff who keep a committee 60 days before a seat holder's term ends (once "
        "per holder and term end), and make sure the daily 07:00 run is queued for the worker. "
        "The mails go out through `db_worker`."
    )

    def handle(self, *args, **options):
        count = sweep()
        due = schedule.ensure_queued(send_term_reminders)
        self.stdout.write(f"Queued {count} term-end reminder(s).")
        self.stdout.write(schedule.next_run_line(due))
