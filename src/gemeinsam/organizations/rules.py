"""Who may do what with an organization. Every view and API endpoint asks these.

Fetching goes through `queries.organizations_visible_to(user)` first: what a person may not see
answers 404; what they may see but not change answers 403.
"""

import rules

from gemeinsam.accounts.roles import roles_of
from gemeinsam.accounts.rules import is_agency_staff, is_platform_admin

from .enums import MembershipRole


def _role_in(user, organization) -> str | None:
    return roles_of(user).role_in_organization(organization.pk if organization else None)


@rules.predicate
def is_org_member(user, organization) -> bool:
    return _role_in(user, organization) is not None


@rules.predicate
def is_org_admin(user, organization) -> bool:
    return _role_in(user, organization) == MembershipRole.ADMIN


@rules.predicate
def is_public(user, organization) -> bool:
    return bool(organization and organization.is_public)


is_authenticated = rules.is_authenticated

rules.add_perm(
    "organizations.view_organization",
    is_public | is_org_member | is_agency_staff | is_platform_admin,
)
rules.add_perm(
    "organizations.view_internal_fields", is_org_member | is_agency_staff | is_platform_admin
)
rules.add_perm(
    "organizations.change_organization", is_org_admin | is_agency_staff | is_platform_admin
)
rules.add_perm("organizations.manage_members", is_org_admin | is_agency_staff | is_platform_admin)
rules.add_perm("organizations.claim_organization", is_authenticated & ~is_org_member)
rules.add_perm("organizations.add_organization", is_authenticated)
rules.add_perm("organizations.decide_claims", is_agency_staff | is_platform_admin)
rules.add_perm("organizations.import_organizations", is_agency_staff | is_platform_admin)
rules.add_perm("organizations.export_organizations", is_agency_staff | is_platform_admin)
rules.add_perm("organizations.view_unlisted", is_agency_staff | is_platform_admin)
