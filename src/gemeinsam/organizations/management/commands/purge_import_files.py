"""`gemeinsam purge_import_files`: delete the uploaded import files that are no longer needed
(applied, or never applied within 30 days) now, and queue the nightly run."""

from django.core.management.base import BaseCommand

from gemeinsam.core import schedule
from gemeinsam.organizations.interchange import retention


class Command(BaseCommand):
    help = "Delete applied and stale import files now and queue the nightly run."

    def handle(self, *args, **options):
        count = retention.purge_old_files()
        due = schedule.ensure_queued(retention.purge_old_files_job)
        self.stdout.write(f"{count} import file(s) deleted.")
        self.stdout.write(schedule.next_run_line(due))
