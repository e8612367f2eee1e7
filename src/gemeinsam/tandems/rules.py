"""Who may do what with tandem calls and applications. Views ask these, nowhere else.

A call's agency's staff (advisors too) keep its calls, read its applications and form its
tandems. A member of an organization applies for it and changes its application; a member of
the named partner organization answers the invitation. Platform admins may do what staff do.
"""

import rules

from gemeinsam.accounts.roles import roles_of
from gemeinsam.accounts.rules import is_platform_admin
from gemeinsam.agencies.rules import is_staff_of_agency


def _member_of(user, organization_id) -> bool:
    return (
        organization_id is not None
        and roles_of(user).role_in_organization(organization_id) is not None
    )


@rules.predicate
def is_staff_of_call_agency(user, call) -> bool:
    return call is not None and bool(roles_of(user).roles_in_agency(call.agency_id))


@rules.predicate
def is_staff_of_application_agency(user, application) -> bool:
    return application is not None and bool(
        roles_of(user).roles_in_agency(application.call.agency_id)
    )


@rules.predicate
def is_applicant(user, application) -> bool:
    return application is not None and _member_of(user, application.organization_id)


@rules.predicate
def is_invited_partner(user, application) -> bool:
    return application is not None and _member_of(user, application.partner_id)


@rules.predicate
def is_member_of(user, organization) -> bool:
    return organization is not None and _member_of(user, organization.pk)


rules.add_perm("tandems.manage_calls", is_staff_of_agency | is_platform_admin)
rules.add_perm("tandems.change_call", is_staff_of_call_agency | is_platform_admin)
rules.add_perm("tandems.view_applications", is_staff_of_call_agency | is_platform_admin)
rules.add_perm("tandems.form_tandems", is_staff_of_call_agency | is_platform_admin)
rules.add_perm("tandems.apply_for", is_member_of)
rules.add_perm(
    "tandems.view_application",
    is_applicant | is_invited_partner | is_staff_of_application_agency | is_platform_admin,
)
rules.add_perm("tandems.change_application", is_applicant)
rules.add_perm("tandems.answer_invitation", is_invited_partner)


@rules.predicate
def is_tandem_partner(user, tandem) -> bool:
    return tandem is not None and (
        _member_of(user, tandem.migrant_org_id) or _member_of(user, tandem.partner_id)
    )


@rules.predicate
def is_staff_of_tandem_agency(user, tandem) -> bool:
    return tandem is not None and bool(roles_of(user).roles_in_agency(tandem.call.agency_id))


rules.add_perm(
    "tandems.view_tandem", is_tandem_partner | is_staff_of_tandem_agency | is_platform_admin
)
rules.add_perm("tandems.change_agreement", is_tandem_partner | is_staff_of_tandem_agency)
rules.add_perm("tandems.sign_agreement", is_tandem_partner)
rules.add_perm("tandems.evaluate", is_tandem_partner)
