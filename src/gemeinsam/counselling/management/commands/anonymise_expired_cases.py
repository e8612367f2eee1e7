"""Anonymise the closed cases whose retention period is over, and make sure it happens nightly."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from gemeinsam.core import schedule
from gemeinsam.counselling import services
from gemeinsam.counselling.tasks.cases import anonymise_expired_cases_job


class Command(BaseCommand):
    help = (
        "Anonymise closed counselling cases GEMEINSAM_CASE_RETENTION_DAYS days after closing, "
        "print how many, and queue the nightly job (03:00 Europe/Berlin) if it is not queued."
    )

    def handle(self, *args, **options):
        try:
            count = services.gdpr.anonymise_expired_cases()
        except services.gdpr.RetentionError as exc:
            raise CommandError(str(exc)) from exc
        finally:
            due = schedule.ensure_queued(anonymise_expired_cases_job)
        days = settings.GEMEINSAM_CASE_RETENTION_DAYS
        self.stdout.write(
            self.style.SUCCESS(f"{count} cases anonymised (closed at least {days} days ago).")
        )
        self.stdout.write(schedule.next_run_line(due))
