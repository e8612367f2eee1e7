"""Who may do what with the committee register. Views ask these, nowhere else.

The register is public. The agency that keeps a committee changes it and follows its mandates;
the members of the organization a mandate is held for may read that mandate.
"""

import rules

from gemeinsam.accounts.roles import roles_of
from gemeinsam.accounts.rules import is_agency_staff, is_platform_admin
from gemeinsam.agencies.rules import is_staff_of_agency
from gemeinsam.organizations.rules import is_org_member


@rules.predicate
def is_staff_of_committee_agency(user, committee) -> bool:
    return committee is not None and is_staff_of_agency(user, committee.agency)


@rules.predicate
def is_staff_of_mandate_agency(user, mandate) -> bool:
    return mandate is not None and is_staff_of_agency(user, mandate.seat.committee.agency)


@rules.predicate
def is_member_of_mandate_organization(user, mandate) -> bool:
    return bool(
        mandate is not None
        and mandate.organization_id
        and roles_of(user).role_in_organization(mandate.organization_id)
    )


rules.add_perm("committees.view_committee", rules.always_allow)
# Agency-level: adding committees to the register.
rules.add_perm("committees.add_committee", is_staff_of_agency | is_platform_admin)
rules.add_perm("committees.change_committee", is_staff_of_committee_agency | is_platform_admin)
rules.add_perm("committees.follow_mandates", is_staff_of_committee_agency | is_platform_admin)
rules.add_perm(
    "committees.view_mandate",
    is_staff_of_mandate_agency | is_member_of_mandate_organization | is_platform_admin,
)
rules.add_perm("committees.change_mandate", is_staff_of_mandate_agency | is_platform_admin)
# The path to a seat of an organization: for its members and every agency's staff.
rules.add_perm("committees.view_paths", is_org_member | is_agency_staff | is_platform_admin)
