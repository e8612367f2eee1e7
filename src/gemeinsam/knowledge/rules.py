"""Who may do what with guides. Everyone reads published guides; an agency's staff write its
guides and see its drafts; its managers publish them (and take them back). Platform admins may
do all of it. Asking for counselling from a step is for the members of an organization."""

import rules

from gemeinsam.accounts.roles import roles_of
from gemeinsam.accounts.rules import is_organization_member, is_platform_admin
from gemeinsam.agencies.rules import is_manager_of_agency, is_staff_of_agency
from gemeinsam.organizations.enums import MembershipRole

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


@rules.predicate
def is_staff_of_portrait_agency(user, portrait) -> bool:
    return portrait is not None and is_staff_of_agency(user, portrait.agency)


@rules.predicate
def is_manager_of_portrait_agency(user, portrait) -> bool:
    return portrait is not None and is_manager_of_agency(user, portrait.agency)


@rules.predicate
def is_admin_of_portrayed_organization(user, portrait) -> bool:
    role = roles_of(user).role_in_organization(portrait.organization_id if portrait else None)
    return role == MembershipRole.ADMIN


# Portraits: written by the agency's staff, published by its managers; the organization's
# admins (who gave the consent) and the agency may withdraw it at any time.
rules.add_perm("knowledge.add_portrait", is_staff_of_agency | is_platform_admin)
rules.add_perm("knowledge.change_portrait", is_staff_of_portrait_agency | is_platform_admin)
rules.add_perm("knowledge.publish_portrait", is_manager_of_portrait_agency | is_platform_admin)
rules.add_perm(
    "knowledge.withdraw_portrait",
    is_admin_of_portrayed_organization | is_staff_of_portrait_agency | is_platform_admin,
)


@rules.predicate
def is_staff_of_recommendation_agency(user, recommendation) -> bool:
    return recommendation is not None and is_staff_of_agency(user, recommendation.agency)


@rules.predicate
def is_manager_of_recommendation_agency(user, recommendation) -> bool:
    return recommendation is not None and is_manager_of_agency(user, recommendation.agency)


# Recommendations: written and followed up by the agency's staff, published by its managers.
rules.add_perm("knowledge.add_recommendation", is_staff_of_agency | is_platform_admin)
rules.add_perm(
    "knowledge.change_recommendation", is_staff_of_recommendation_agency | is_platform_admin
)
rules.add_perm(
    "knowledge.publish_recommendation", is_manager_of_recommendation_agency | is_platform_admin
)
