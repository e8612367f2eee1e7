from django.conf import settings
from django.core.management.base import BaseCommand

from gemeinsam.organizations.services import remind_unconfirmed


class Command(BaseCommand):
    help = "Mail the admins of profiles not confirmed for 12 months (run daily, e.g. from cron)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=getattr(settings, "GEMEINSAM_BASE_URL", ""),
            help="Address of this installation, for links in the mail.",
        )

    def handle(self, *args, base_url, **options):
        count = remind_unconfirmed(base=base_url.rstrip("/"))
        self.stdout.write(f"Reminded the admins of {count} organization(s).")
