"""Who may do what with rooms and bookings. Views ask these, nowhere else."""

import rules

from gemeinsam.accounts.rules import is_agency_staff, is_organization_member, is_platform_admin
from gemeinsam.agencies.rules import is_staff_of_agency


@rules.predicate
def is_staff_of_room_agency(user, room) -> bool:
    return room is not None and is_staff_of_agency(user, room.agency)


@rules.predicate
def is_staff_of_booking_agency(user, booking) -> bool:
    return booking is not None and is_staff_of_agency(user, booking.room.agency)


@rules.predicate
def is_requester(user, booking) -> bool:
    return bool(
        booking is not None and user.is_authenticated and booking.requested_by_id == user.pk
    )


rules.add_perm("rooms.view_room", rules.always_allow)
# Organization members (and staff) ask for bookings.
rules.add_perm(
    "rooms.request_booking", is_organization_member | is_agency_staff | is_platform_admin
)
# Agency-level: rooms, closures and the booking queue.
rules.add_perm("rooms.manage_rooms", is_staff_of_agency | is_platform_admin)
rules.add_perm("rooms.change_room", is_staff_of_room_agency | is_platform_admin)
rules.add_perm("rooms.decide_booking", is_staff_of_booking_agency | is_platform_admin)
rules.add_perm("rooms.view_booking", is_requester | is_staff_of_booking_agency | is_platform_admin)
rules.add_perm(
    "rooms.cancel_booking", is_requester | is_staff_of_booking_agency | is_platform_admin
)
