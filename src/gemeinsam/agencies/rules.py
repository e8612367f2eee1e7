"""Who may do what with an agency. Views and API endpoints ask these, nowhere else."""

import rules

from gemeinsam.accounts.roles import roles_of
from gemeinsam.accounts.rules import is_agency_staff, is_platform_admin

from .enums import StaffRole


def _active_roles(user, agency) -> frozenset[str]:
    return roles_of(user).roles_in_agency(agency.pk if agency is not None else None)


@rules.predicate
def is_staff_of_agency(user, agency) -> bool:
    return bool(_active_roles(user, agency))


@rules.predicate
def is_manager_of_agency(user, agency) -> bool:
    return StaffRole.MANAGER in _active_roles(user, agency)


@rules.predicate
def is_manager_of_projects_agency(user, project) -> bool:
    return project is not None and StaffRole.MANAGER in _active_roles(user, project.agency)


rules.add_perm("agencies.view_agency", rules.always_allow)
rules.add_perm("agencies.change_agency", is_manager_of_agency | is_platform_admin)
rules.add_perm("agencies.manage_staff", is_manager_of_agency | is_platform_admin)
rules.add_perm("agencies.manage_projects", is_manager_of_agency | is_platform_admin)
rules.add_perm("agencies.change_project", is_manager_of_projects_agency | is_platform_admin)
rules.add_perm("agencies.view_internal", is_staff_of_agency | is_platform_admin)

__all__ = ["is_agency_staff", "is_manager_of_agency", "is_staff_of_agency"]
