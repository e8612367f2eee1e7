from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RoomKind(models.TextChoices):
    ROOM = "room", _("event room")
    MEETING_ROOM = "meeting_room", _("meeting room")
    DESK = "desk", _("co-working desk")


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", pgettext_lazy("booking status", "requested")
    APPROVED = "approved", pgettext_lazy("booking status", "approved")
    DECLINED = "declined", pgettext_lazy("booking status", "declined")
    CANCELLED = "cancelled", pgettext_lazy("booking status", "cancelled")


class Repeat(models.TextChoices):
    ONCE = "once", _("once")
    WEEKLY = "weekly", _("weekly")


# A weekly booking covers at most this many weeks.
MAX_WEEKS = 52

# Bookings that hold (or ask for) the room; cancelling and closures act on these.
ACTIVE_BOOKING_STATUSES = (BookingStatus.REQUESTED, BookingStatus.APPROVED)
