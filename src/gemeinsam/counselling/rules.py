"""Who may do what in counselling. Views and the API ask these, nowhere else.

- Agency staff see their agency's intake queue and cases (title, parties, shared timeline).
- Internal notes, session summaries and documents are for the case's advisors only. A manager of
  the agency opens them only with a recorded reason (break-glass), for a limited time.
- Platform admins run the installation; they do not read counselling.
- Organization members see their own requests and the shared parts of their organization's
  cases: appointments, agreed next steps, shared tasks and documents.
"""

import rules
from django.utils import timezone

from gemeinsam.accounts.roles import roles_of
from gemeinsam.agencies.rules import is_manager_of_agency, is_staff_of_agency


def _staff_agency_ids(user) -> set[int]:
    return set(roles_of(user).agencies)


@rules.predicate
def is_counselling_staff(user) -> bool:
    return bool(_staff_agency_ids(user))


@rules.predicate
def is_staff_of_case_agency(user, case) -> bool:
    return case is not None and case.agency_id in _staff_agency_ids(user)


@rules.predicate
def is_manager_of_case_agency(user, case) -> bool:
    return case is not None and is_manager_of_agency(user, case.agency)


@rules.predicate
def is_case_advisor(user, case) -> bool:
    if case is None or not (user and user.is_authenticated):
        return False
    cache = user.__dict__.setdefault("_case_advisor", {})
    if case.pk not in cache:
        cache[case.pk] = case.advisors.filter(pk=user.pk).exists()
    return cache[case.pk]


@rules.predicate
def has_open_break_glass(user, case) -> bool:
    if case is None or not (user and user.is_authenticated):
        return False
    return case.break_glass.filter(user=user, expires_at__gt=timezone.now()).exists()


@rules.predicate
def is_party_to_case(user, case) -> bool:
    """A member of one of the case's organizations, or a contact person with an account."""
    if case is None or not (user and user.is_authenticated):
        return False
    return (
        case.organizations.acted_for_by(user).exists() or case.contacts.filter(user=user).exists()
    )


@rules.predicate
def may_decide_request(user, request) -> bool:
    if request is None:
        return False
    if request.agency_id is None:  # not routed anywhere: any agency may take it
        return is_counselling_staff(user)
    return request.agency_id in _staff_agency_ids(user)


# Agency-level.
rules.add_perm("counselling.view_intake", is_staff_of_agency)
rules.add_perm("counselling.view_reports", is_staff_of_agency)
rules.add_perm("counselling.manage_gdpr", is_manager_of_agency)
# Request-level.
rules.add_perm("counselling.decide_request", may_decide_request)
# Case-level.
rules.add_perm("counselling.view_case", is_staff_of_case_agency)
rules.add_perm(
    "counselling.change_case",
    is_staff_of_case_agency & (is_case_advisor | is_manager_of_case_agency),
)
rules.add_perm(
    "counselling.view_confidential",
    is_staff_of_case_agency
    & (is_case_advisor | (is_manager_of_case_agency & has_open_break_glass)),
)
rules.add_perm("counselling.break_glass", is_manager_of_case_agency & ~is_case_advisor)
rules.add_perm("counselling.view_shared_case", is_party_to_case)
