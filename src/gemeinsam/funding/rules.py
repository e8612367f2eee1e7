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
