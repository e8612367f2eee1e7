"""Who may do what with events and registrations. Views and the API ask these, nowhere else.

A registration's own page is reached through its unguessable token, not through a permission:
whoever holds the link is the participant.
"""

import rules

from gemeinsam.accounts.rules import is_agency_staff, is_organization_member, is_platform_admin
from gemeinsam.agencies.rules import is_staff_of_agency

from .enums import EventStatus


@rules.predicate
def is_visible_event(user, event) -> bool:
    return event is not None and event.status != EventStatus.DRAFT


@rules.predicate
def is_staff_of_event_agency(user, event) -> bool:
    return event is not None and is_staff_of_agency(user, event.agency)


# Agency-level: may create events for this agency.
rules.add_perm("events.add_event", is_staff_of_agency | is_platform_admin)
# Event-level.
rules.add_perm("events.view_event", is_visible_event | is_staff_of_event_agency | is_platform_admin)
rules.add_perm("events.change_event", is_staff_of_event_agency | is_platform_admin)
rules.add_perm("events.view_participants", is_staff_of_event_agency | is_platform_admin)
rules.add_perm("events.change_participants", is_staff_of_event_agency | is_platform_admin)
# Registering several people at once is for organization members and staff.
rules.add_perm(
    "events.register_group", is_organization_member | is_agency_staff | is_platform_admin
)
