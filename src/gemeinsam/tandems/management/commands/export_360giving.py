"""`gemeinsam export-360giving --agency SLUG`: the agency's tandems as a 360Giving data package
(JSON) on standard output."""

import json

from django.core.management.base import BaseCommand, CommandError

from gemeinsam.agencies.models import Agency
from gemeinsam.tandems.exports import package


class Command(BaseCommand):
    help = "Writes an agency's tandem grants as a 360Giving data package (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("--agency", required=True, help="the agency's slug")

    def handle(self, *args, **options):
        agency = Agency.objects.filter(slug=options["agency"]).first()
        if agency is None:
            raise CommandError(f"{options['agency']}: no agency has this slug.")
        data = package(agency)
        if not data["grants"]:
            raise CommandError(f"{agency.slug}: the agency has no tandems to export.")
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
