"""`gemeinsam import-xliff FILE --user EMAIL`: a translation agency's XLIFF 2.0 file, stored as
that person's work with their rights, all or nothing."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from gemeinsam.translations import services
from gemeinsam.translations.enums import MAX_XLIFF_BYTES
from gemeinsam.translations.inputs import Refused


def person(email: str):
    user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
    if user is None:
        raise CommandError(f"No active account has the address {email}.")
    return user


class Command(BaseCommand):
    help = "Imports a translated XLIFF 2.0 file (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the XLIFF 2.0 file")
        parser.add_argument(
            "--user", required=True, help="whose work it is: their rights decide what may change"
        )

    def handle(self, *args, **options):
        user = person(options["user"])
        path = Path(options["file"])
        try:
            with path.open("rb") as stream:
                data = stream.read(MAX_XLIFF_BYTES + 1)
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from None
        try:
            done = services.import_xliff(user, data)
        except Refused as refused:
            raise CommandError(
                "Nothing was imported:\n" + "\n".join(f"- {p}" for p in refused.problems)
            ) from None
        self.stdout.write(
            f"{done.paragraphs} paragraphs imported into {done.items} items ({done.language})."
        )
