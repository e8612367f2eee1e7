"""Who may do what with surveys. An agency's questionnaires are its staff's: advisors and
managers build and import them; launching one (it then goes out to people) is for managers.
Platform admins may do everything here."""

import rules

from gemeinsam.accounts.rules import is_platform_admin
from gemeinsam.agencies.rules import is_manager_of_agency, is_staff_of_agency


@rules.predicate
def is_staff_of_questionnaire_agency(user, questionnaire) -> bool:
    return questionnaire is not None and is_staff_of_agency(user, questionnaire.agency)


@rules.predicate
def is_manager_of_questionnaire_agency(user, questionnaire) -> bool:
    return questionnaire is not None and is_manager_of_agency(user, questionnaire.agency)


# On the agency: its list of questionnaires, importing a new one.
rules.add_perm("surveys.manage_questionnaires", is_staff_of_agency | is_platform_admin)
# On a questionnaire.
rules.add_perm("surveys.change_questionnaire", is_staff_of_questionnaire_agency | is_platform_admin)
rules.add_perm(
    "surveys.launch_questionnaire", is_manager_of_questionnaire_agency | is_platform_admin
)
