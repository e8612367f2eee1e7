"""`gemeinsam export-xlsform AGENCY FORM_ID FILE`: a questionnaire's latest version as an
XLSForm workbook that `import-xlsform` reads back unchanged."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gemeinsam.surveys import queries, xlsform
from gemeinsam.surveys.models import Questionnaire


class Command(BaseCommand):
    help = "Writes a questionnaire's latest version as an XLSForm workbook (.xlsx)."

    def add_arguments(self, parser):
        parser.add_argument("agency", help="the agency's slug")
        parser.add_argument("form_id", help="the questionnaire's form id")
        parser.add_argument("file", help="where to write the workbook")

    def handle(self, *args, **options):
        questionnaire = Questionnaire.objects.filter(
            agency__slug=options["agency"], slug=options["form_id"]
        ).first()
        version = queries.latest_version(questionnaire) if questionnaire else None
        if version is None:
            raise CommandError("No such questionnaire (or it has no version).")
        try:
            Path(options["file"]).write_bytes(xlsform.write(queries.spec_of(version)))
        except OSError as error:
            raise CommandError(f"{options['file']}: {error.strerror}") from None
        self.stdout.write(f"Wrote version {version.number} to {options['file']}.")
