"""Who may do what in funding. Anyone may run a check, read the catalogue and the gap's figures.
Saving a result to an organization and reading its results over time is for its active members
and for agency staff; the staff overview and the gap's drill-down (which lists non-public
organizations) are for agency staff and platform admins."""

import rules

from gemeinsam.accounts.rules import is_agency_staff, is_platform_admin
from gemeinsam.organizations.rules import is_org_member

# An organization's active members, from the person's roles (read once per request).
rules.add_perm("funding.save_result", is_org_member | is_agency_staff)
rules.add_perm("funding.view_results", is_org_member | is_agency_staff | is_platform_admin)
rules.add_perm("funding.view_readiness_overview", is_agency_staff | is_platform_admin)
rules.add_perm("funding.view_gap_organizations", is_agency_staff | is_platform_admin)
# The catalogue is kept by platform admins (in the admin), its texts' translations too.
rules.add_perm("funding.change_programme", is_platform_admin)
