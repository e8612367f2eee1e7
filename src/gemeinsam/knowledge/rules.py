"""Who may do what with guides. Everyone reads published guides; an agency's staff write its
guides and see its drafts; its managers publish them (and take them back). Platform admins may
do all of it. Asking for counselling from a step is for the members of an organization."""

import rules

from gemeinsam.accounts.rules import is_organization_member, is_platform_admin
from gemeinsam.agencies.rules import is_manager_of_agency, is_staff_of_agency

from .enums import GuideStatus


@rules.predicate
def is_published_guide(user, guide) -> bool:
    return guide is not None and guide.status == GuideStatus.PUBLISHED


@rules.predicate
def is_staff_of_guide_agency(user, guide) -> bool:
    return guide is not None and is_staff_of_agency(user, guide.agency)


@rules.predicate
def is_manager_of_guide_agency(user, guide) -> bool:
    return guide is not None and is_manager_of_agency(user, guide.agency)


# Agency-level: may write guides for this agency.
rules.add_perm("knowledge.add_guide", is_staff_of_agency | is_platform_admin)
# Guide-level.
rules.add_perm(
    "knowledge.view_guide", is_published_guide | is_staff_of_guide_agency | is_platform_admin
)
rules.add_perm("knowledge.change_guide", is_staff_of_guide_agency | is_platform_admin)
rules.add_perm("knowledge.publish_guide", is_manager_of_guide_agency | is_platform_admin)
rules.add_perm("knowledge.ask_from_guide", is_organization_member)
