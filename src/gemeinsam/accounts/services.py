"""Writes about accounts: issuing API tokens."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gemeinsam.core import audit
from gemeinsam.core.enums import AuditAction

from .enums import MAX_TOKEN_DAYS, SCOPES
from .models import ApiToken, User
from .rules import is_agency_staff, is_platform_admin, needs_two_factor


def check_may_have_token(user: User, *, name: str, days: int, scopes: list[str]) -> None:
    """Raise ValidationError with every reason this token may not be issued."""
    problems = []
    if not name.strip():
        problems.append(_("Give the token a name, so that it can be recognised later."))
    if not 1 <= days <= MAX_TOKEN_DAYS:
        problems.append(_("A token lives between 1 and %(max)s days.") % {"max": MAX_TOKEN_DAYS})
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown:
        problems.append(
            _("Unknown scopes: %(unknown)s. Known are: %(known)s.")
            % {"unknown": ", ".join(unknown), "known": ", ".join(SCOPES)}
        )
    if not scopes:
        problems.append(_("Give the token at least one scope."))
    # Tokens exist to give scripts staff rights; anyone else sees no more with one than without.
    if not (is_agency_staff(user) or is_platform_admin(user)):
        problems.append(_("API tokens are only for agency staff and platform admins."))
    elif settings.GEMEINSAM_REQUIRE_STAFF_2FA and needs_two_factor(user):
        # A token is a password that skips the second factor; whoever may only log in with
        # one must have one before a token speaks for them.
        problems.append(
            _("%(email)s has not set up two-factor log-in yet, which staff need for a token.")
            % {"email": user.email}
        )
    if problems:
        raise ValidationError(problems)


def issue_api_token(
    *, by: User | None, user: User, name: str, days: int, scopes: list[str]
) -> tuple[ApiToken, str]:
    """Issue a token for `user` and return it with its raw value (shown once, then only its
    hash is kept). Side effects: the token row and an audit entry, in one transaction."""
    name = name.strip()[:100]
    check_may_have_token(user, name=name, days=days, scopes=scopes)
    with transaction.atomic():
        token, raw = ApiToken.issue(user=user, name=name, days=days, scopes=scopes)
        audit.record(
            by=by,
            action=AuditAction.GRANT,
            obj=token,
            changes={
                "user": user.email,
                "name": token.name,
                "scopes": token.scopes,
                "expires_at": token.expires_at.isoformat(),
            },
        )
    return token, raw
