"""Who may do what with readiness checks. Anyone may run one; saving a result to an
organization is for its active members and for agency staff."""

import rules

from gemeinsam.accounts.rules import is_agency_staff


@rules.predicate
def is_active_member(user, organization) -> bool:
    if organization is None or not (user and user.is_authenticated):
        return False
    return organization.memberships.filter(user=user, status="active").exists()


rules.add_perm("funding.save_result", is_active_member | is_agency_staff)


# The gap dashboard's drill-down lists organizations, non-public ones included: agency staff and
# platform admins only.
from gemeinsam.accounts.rules import is_platform_admin  # noqa: E402

rules.add_perm("funding.view_gap_organizations", is_agency_staff | is_platform_admin)

# The staff overview of readiness in their region: agency staff and platform admins.
rules.add_perm("funding.view_readiness_overview", is_agency_staff | is_platform_admin)
# An organization's saved results over time: whoever may save them, and platform admins.
rules.add_perm("funding.view_results", is_active_member | is_agency_staff | is_platform_admin)
