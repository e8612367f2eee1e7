"""Who may do what in funding. Anyone may run a check, read the catalogue and the gap's figures.
Saving a result to an organization and reading its results over time is for its active members
and for agency staff; the staff overview and the gap's drill-down (which lists non-public
organizations) are for agency staff and platform admins."""

import rules

from gemeinsam.accounts.rules import is_agency_staff, is_platform_admin


@rules.predicate
def is_active_member(user, organization) -> bool:
    if organization is None or not (user and user.is_authenticated):
        return False
    return organization.memberships.filter(user=user, status="active").exists()


rules.add_perm("funding.save_result", is_active_member | is_agency_staff)
rules.add_perm("funding.view_results", is_active_member | is_agency_staff | is_platform_admin)
rules.add_perm("funding.view_readiness_overview", is_agency_staff | is_platform_admin)
rules.add_perm("funding.view_gap_organizations", is_agency_staff | is_platform_admin)
