from django.core.management.base import BaseCommand

from gemeinsam.core import schedule
from gemeinsam.counselling.tasks.timeline import send_task_reminders, sweep


class Command(BaseCommand):
    help = (
        "Remind assignees of the counselling tasks due today (once per task), and make sure the "
        "daily 07:00 run is queued for the worker. The mails go out through `db_worker`."
    )

    def handle(self, *args, **options):
        count = sweep()
        due = schedule.ensure_queued(send_task_reminders)
        self.stdout.write(f"Queued reminders for {count} task(s).")
        self.stdout.write(schedule.next_run_line(due))
