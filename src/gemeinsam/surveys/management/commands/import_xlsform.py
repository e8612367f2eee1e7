"""`gemeinsam import-xlsform FILE --agency SLUG`: an XLSForm workbook into an agency's draft
questionnaire, all or nothing; every problem is named with its row, and the exit is non-zero."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gemeinsam.agencies.models import Agency
from gemeinsam.surveys import services, xlsform
from gemeinsam.surveys.enums import Audience
from gemeinsam.surveys.inputs import Invalid


class Command(BaseCommand):
    help = "Imports an XLSForm (.xlsx) into an agency's questionnaire, as its draft version."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the XLSForm workbook (.xlsx)")
        parser.add_argument("--agency", required=True, help="the agency's slug")
        parser.add_argument(
            "--audience",
            choices=Audience.values,
            default=Audience.MO,
            help="whom it asks, unless the settings sheet says (audience column)",
        )

    def handle(self, *args, **options):
        agency = Agency.objects.filter(slug=options["agency"], is_active=True).first()
        if agency is None:
            raise CommandError(f"No active agency has the slug {options['agency']}.")
        path = Path(options["file"])
        try:
            with path.open("rb") as stream:
                spec = xlsform.read(stream, audience=options["audience"])
                version = services.import_form(agency, spec)
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from None
        except Invalid as invalid:
            raise CommandError(
                "Nothing was imported:\n" + "\n".join(f"- {p}" for p in invalid.problems)
            ) from None
        self.stdout.write(
            f"{version.questionnaire.title}: version {version.number} "
            f"with {version.questions.count()} rows (draft)."
        )
