"""Permission-matrix cases for rooms and bookings (see tests/matrix/__init__.py).

Rooms are public. Asking for one needs an organization membership or a staff role. The
management pages of agency X are for its staff (advisors too) and platform admins: staff of
agency Y see that X exists, so they get 403. A booking is reached by its requester and by the
staff of the room's agency; everyone else gets 404.
"""

import datetime

from gemeinsam.rooms.models import Closure
from tests import factories
from tests.matrix import LOGIN, Case, everyone, logged_in

staff_of_x = {
    "anonymous": LOGIN,
    "member_a": 403,
    "member_b": 403,
    "advisor_x": 200,
    "advisor_y": 403,
    "manager_x": 200,
    "admin": 200,
}
staff_of_x_done = {**staff_of_x, "advisor_x": 302, "manager_x": 302, "admin": 302}


def _room(w):
    return factories.make_room(w.agency_x, "Seminarraum Nord", slug="seminarraum")


def _room_kwargs(w):
    room = _room(w)
    return {"agency": w.agency_x.slug, "slug": room.slug}


def _booking_of_member_a(w):
    return factories.make_booking(_room(w), by=w.member_a, organization=w.org_a)


def _closure(w):
    return Closure.objects.create(
        agency=w.agency_x,
        starts_on=datetime.date(2031, 12, 24),
        ends_on=datetime.date(2031, 12, 26),
        reason="Weihnachten",
    )


CASES: list[Case] = [
    Case("rooms:room-list", everyone(200)),
    Case("rooms:room-list", everyone(200), query="?kind=desk&capacity=4", label="filtered"),
    Case("rooms:room-detail", everyone(200), kwargs=_room_kwargs),
    Case(
        "rooms:room-detail",
        everyone(404),
        kwargs=lambda w: {"agency": w.agency_x.slug, "slug": "no-such-room"},
        label="unknown room",
    ),
    Case("rooms:booking-create", logged_in(200), kwargs=_room_kwargs),
    Case("rooms:my-bookings", logged_in(200)),
    Case(
        "rooms:booking-cancel",
        {
            "anonymous": LOGIN,
            "member_a": 302,
            "member_b": 404,
            "advisor_x": 302,
            "advisor_y": 404,
            "manager_x": 302,
            "admin": 302,
        },
        kwargs=lambda w: {"pk": _booking_of_member_a(w).pk},
        method="post",
    ),
    Case("rooms:booking-queue", staff_of_x, kwargs=lambda w: {"agency": w.agency_x.slug}),
    Case(
        "rooms:booking-queue",
        {**staff_of_x, "advisor_x": 403, "manager_x": 403, "advisor_y": 200},
        kwargs=lambda w: {"agency": w.agency_y.slug},
        label="other agency",
    ),
    Case(
        "rooms:booking-queue",
        {**everyone(404), "anonymous": LOGIN},
        kwargs=lambda w: {"agency": "no-such-agency"},
        label="unknown agency",
    ),
    Case(
        "rooms:booking-decide",
        staff_of_x_done,
        kwargs=lambda w: {"agency": w.agency_x.slug, "pk": _booking_of_member_a(w).pk},
        method="post",
        data=lambda w: {"decision": "approve", "scope": "one"},
    ),
    Case("rooms:closure-list", staff_of_x, kwargs=lambda w: {"agency": w.agency_x.slug}),
    Case("rooms:closure-create", staff_of_x, kwargs=lambda w: {"agency": w.agency_x.slug}),
    Case(
        "rooms:closure-delete",
        staff_of_x_done,
        kwargs=lambda w: {"agency": w.agency_x.slug, "pk": _closure(w).pk},
        method="post",
    ),
    Case("rooms:room-create", staff_of_x, kwargs=lambda w: {"agency": w.agency_x.slug}),
    Case(
        "rooms:room-update",
        staff_of_x,
        kwargs=lambda w: {"agency": w.agency_x.slug, "slug": _room(w).slug},
    ),
    Case("rooms:event-reserve", staff_of_x, kwargs=lambda w: {"agency": w.agency_x.slug}),
]
