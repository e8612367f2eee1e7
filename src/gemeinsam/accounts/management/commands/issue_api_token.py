from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from gemeinsam.accounts.models import ApiToken
from gemeinsam.accounts.rules import is_agency_staff, is_platform_admin
from gemeinsam.core import audit
from gemeinsam.core.enums import AuditAction


class Command(BaseCommand):
    help = (
        "Issue an API token for agency staff or a platform admin and print it once "
        "(only its hash is stored)."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="Email address of the person the token belongs to.")
        parser.add_argument(
            "--name",
            required=True,
            help='What the token is for, e.g. "Export to the funding database".',
        )

    def handle(self, *args, email, name, **options):
        name = name.strip()
        if not name:
            raise CommandError(_("Give the token a name, so that it can be recognised later."))
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None or not user.is_active:
            raise CommandError(_("No active person with this email address."))
        # Tokens exist to give scripts staff rights; anyone else sees no more with one than without.
        if not (is_agency_staff(user) or is_platform_admin(user)):
            raise CommandError(_("API tokens are only for agency staff and platform admins."))
        with transaction.atomic():
            token, raw = ApiToken.issue(user=user, name=name[:100])
            audit.record(
                actor=None,
                action=AuditAction.GRANT,
                obj=token,
                changes={"user": user.email, "name": token.name},
            )
        self.stderr.write(
            _("Token %(prefix)s… issued for %(email)s. It is shown only this once:")
            % {"prefix": token.prefix, "email": user.email}
        )
        self.stdout.write(raw)
