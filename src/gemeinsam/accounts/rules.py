"""Who counts as what. Agency-level predicates live in agencies.rules; these are about people."""

import rules
from allauth.mfa.models import Authenticator


@rules.predicate
def is_platform_admin(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


@rules.predicate
def is_agency_staff(user) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    cached = getattr(user, "_is_agency_staff", None)
    if cached is None:
        cached = user.staff_memberships.filter(is_active=True).exists()
        user._is_agency_staff = cached
    return cached


def needs_two_factor(user) -> bool:
    if not (user and user.is_authenticated):
        return False
    if not (is_platform_admin(user) or is_agency_staff(user)):
        return False
    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
