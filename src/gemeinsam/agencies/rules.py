"""Who may do what with an agency. Views and API endpoints ask these, nowhere else."""

import rules

from gemeinsam.accounts.rules import is_agency_staff, is_platform_admin

from .enums import StaffRole


def _active_roles(user, agency) -> set[str]:
    if not (user and user.is_authenticated and agency is not None):
        return set()
    cache = user.__dict__.setdefault("_agency_roles", {})
    if agency.pk not in cache:
        cache[agency.pk] = set(
            agency.staff.filter(user=user, is_active=True).values_list("role", flat=True)
        )
    return cache[agency.pk]


@rules.predicate
def is_staff_of_agency(user, agency) -> bool:
    return bool(_active_roles(user, agency))


@rules.predicate
def is_manager_of_agency(user, agency) -> bool:
    return StaffRole.MANAGER in _active_roles(user, agency)


rules.add_perm("agencies.view_agency", rules.always_allow)
rules.add_perm("agencies.manage_staff", is_manager_of_agency | is_platform_admin)
rules.add_perm("agencies.manage_projects", is_manager_of_agency | is_platform_admin)
rules.add_perm("agencies.view_internal", is_staff_of_agency | is_platform_admin)

__all__ = ["is_agency_staff", "is_manager_of_agency", "is_staff_of_agency"]
