from django.core.management.base import BaseCommand

from gemeinsam.core import schedule
from gemeinsam.funding.tasks import send_deadline_reminders, sweep


class Command(BaseCommand):
    help = (
        "Remind those who watch a funding programme of its next deadline (14 and 3 days "
        "before, once per step), and make sure the daily 07:00 run is queued for the worker. "
        "The mails go out through `db_worker`."
    )

    def handle(self, *args, **options):
        count = sweep()
        due = schedule.ensure_queued(send_deadline_reminders)
        self.stdout.write(f"Queued {count} deadline reminder(s).")
        self.stdout.write(schedule.next_run_line(due))
