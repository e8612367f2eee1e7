"""What a person is, asked once per request and kept on the user object for that request.

Every permission predicate and every fetcher starts here, so a page that asks ten questions
about agencies and organizations costs at most two queries: one for the person's active staff
memberships, one for their active organization memberships, each run when first needed.
accounts sits below agencies and organizations, so it reads both through the user's reverse
relations (`staff_memberships`, `org_memberships`) without importing their models.
"""

from __future__ import annotations

from functools import cached_property

import rules


class Roles:
    """The facts about one person; empty for an anonymous or inactive one."""

    def __init__(self, user):
        self._user = user if user is not None and user.is_authenticated else None

    @property
    def is_authenticated(self) -> bool:
        return self._user is not None and self._user.is_active

    @property
    def is_platform_admin(self) -> bool:
        return self.is_authenticated and self._user.is_staff

    @cached_property
    def agencies(self) -> dict[int, frozenset[str]]:
        """Agency id → the person's roles there (advisor, manager), active memberships only."""
        if not self.is_authenticated:
            return {}
        roles: dict[int, set[str]] = {}
        rows = self._user.staff_memberships.filter(is_active=True).values_list("agency_id", "role")
        for agency_id, role in rows:
            roles.setdefault(agency_id, set()).add(role)
        return {agency_id: frozenset(r) for agency_id, r in roles.items()}

    @cached_property
    def organizations(self) -> dict[int, str]:
        """Organization id → the person's role there (admin, member), active memberships only."""
        if not self.is_authenticated:
            return {}
        rows = self._user.org_memberships.active()
        return dict(rows.values_list("organization_id", "role"))

    @property
    def is_agency_staff(self) -> bool:
        return bool(self.agencies)

    def roles_in_agency(self, agency_id: int | None) -> frozenset[str]:
        return self.agencies.get(agency_id, frozenset())

    def role_in_organization(self, organization_id: int | None) -> str | None:
        return self.organizations.get(organization_id)


def roles_of(user) -> Roles:
    """The person's roles, computed at most once per user object (that is, per request)."""
    if user is None or not user.is_authenticated:
        return Roles(None)
    roles = user.__dict__.get("_roles")
    if roles is None:
        roles = user.__dict__["_roles"] = Roles(user)
    return roles


def forget_roles(user) -> None:
    """After changing someone's memberships within one request (or one test)."""
    user.__dict__.pop("_roles", None)


def may(user, perm: str, obj=None) -> bool:
    """The one permission question: the rules' answer, without Django's pass for superusers
    (a platform admin may do what the rules give platform admins, nothing more)."""
    return roles_of(user).is_authenticated and rules.has_perm(perm, user, obj)
