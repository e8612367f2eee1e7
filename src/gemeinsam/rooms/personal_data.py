"""Room bookings, for the registry of personal data (`core.personal_data`).

A booking is the room's agency's record, so an agency exports and erases the bookings of its
own rooms. A booking stays (it blocked the room), but no longer says who asked or why.
"""

from gemeinsam.core import audit, personal_data
from gemeinsam.core.personal_data import DataSubject, Scope, choice

from .models import Booking


def _bookings(subject: DataSubject, scope: Scope):
    if subject.user is None:
        return Booking.objects.none()
    bookings = Booking.objects.filter(requested_by=subject.user)
    if not scope.everything:
        bookings = bookings.filter(room__agency_id__in=scope.agency_ids)
    return bookings


def export(subject: DataSubject, scope: Scope) -> dict:
    bookings = _bookings(subject, scope).select_related("room", "room__agency", "organization")
    return {
        "room_bookings": [
            {
                "room": b.room.name,
                "agency": b.room.agency.name,
                "purpose": b.title,
                "organization": b.organization.name if b.organization else "",
                "starts_at": b.starts_at,
                "ends_at": b.ends_at,
                "status": choice(b, "status"),
                "note": b.note,
            }
            for b in bookings.order_by("starts_at", "id")
        ]
    }


def erase(subject: DataSubject, scope: Scope) -> int:
    bookings = _bookings(subject, scope)
    audit.forget("rooms.booking", bookings.values_list("pk", flat=True))
    return bookings.update(requested_by=None, note="")


personal_data.register(
    "rooms",
    models=["rooms.Booking"],
    export=export,
    erase=erase,
    per_agency=True,
    order=40,
)
personal_data.not_personal("rooms.Room", "a room's name")
