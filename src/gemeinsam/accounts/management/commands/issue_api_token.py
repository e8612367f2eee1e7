from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import formats
from django.utils.translation import gettext as _

from gemeinsam.accounts.enums import DEFAULT_TOKEN_DAYS, READ_ONLY, SCOPES
from gemeinsam.accounts.services import issue_api_token


class Command(BaseCommand):
    help = (
        "Issue an API token for agency staff or a platform admin and print it once "
        "(only its hash is stored). It expires, and may do only what its scopes name."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="Email address of the person the token belongs to.")
        parser.add_argument(
            "--name",
            required=True,
            help='What the token is for, e.g. "Export to the funding database".',
        )
        parser.add_argument(
            "--days",
            type=int,
            default=DEFAULT_TOKEN_DAYS,
            help=f"How many days the token lives (default {DEFAULT_TOKEN_DAYS}).",
        )
        parser.add_argument(
            "--scope",
            action="append",
            dest="scopes",
            metavar="AREA:ACCESS",
            help=f"What the token may do, repeatable: {', '.join(SCOPES)}. A write scope "
            "includes reading the area. Default: read everything (read-only).",
        )

    def handle(self, *args, email, name, days, scopes, **options):
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None or not user.is_active:
            raise CommandError(_("No active person with this email address."))
        try:
            token, raw = issue_api_token(
                by=None, user=user, name=name, days=days, scopes=scopes or list(READ_ONLY)
            )
        except ValidationError as refused:
            raise CommandError(" ".join(refused.messages)) from refused
        self.stderr.write(
            _(
                "Token %(prefix)s… issued for %(email)s, valid until %(expires)s, scopes: "
                "%(scopes)s. It is shown only this once:"
            )
            % {
                "prefix": token.prefix,
                "email": user.email,
                "expires": formats.date_format(token.expires_at, "DATE_FORMAT"),
                "scopes": ", ".join(token.scopes),
            }
        )
        self.stdout.write(raw)
