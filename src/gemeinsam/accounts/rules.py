"""Who counts as what. Agency-level predicates live in agencies.rules; these are about people."""

import rules
from allauth.mfa.models import Authenticator

from .roles import roles_of


@rules.predicate
def is_platform_admin(user) -> bool:
    return roles_of(user).is_platform_admin


@rules.predicate
def is_agency_staff(user) -> bool:
    return roles_of(user).is_agency_staff


@rules.predicate
def is_organization_member(user) -> bool:
    """An active member (or admin) of any organization."""
    return bool(roles_of(user).organizations)


def needs_two_factor(user) -> bool:
    if not (user and user.is_authenticated):
        return False
    if not (is_platform_admin(user) or is_agency_staff(user)):
        return False
    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
