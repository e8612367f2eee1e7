"""Closures: days a room (or all of an agency's rooms) is closed; bookings on them are cancelled
under the rooms' locks, and their requesters told."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeinsam.core import audit
from gemeinsam.core.enums import AuditAction

from ..enums import ACTIVE_BOOKING_STATUSES, BookingStatus
from ..models import Booking, Closure, Room
from .bookings import (
    BookingError,
    locked_rooms,
    queue_mails_per_requester,
)


def create_closure(
    agency, *, room: Room | None, starts_on, ends_on, reason: str, by
) -> tuple[Closure, list[Booking]]:
    """Close the agency (or one room) for some days.

    Side effects: the closure; every requested or approved booking inside it is cancelled,
    with the reason, and each requester gets one notice mail; audit entries.
    """
    if ends_on < starts_on:
        raise BookingError(
            "end_before_start", _("The last day must not be before the first."), field="ends_on"
        )
    with transaction.atomic():
        room_ids = [room.pk] if room else list(agency.rooms.values_list("pk", flat=True))
        locked_rooms(room_ids)
        closure = Closure(
            agency=agency, room=room, starts_on=starts_on, ends_on=ends_on, reason=reason.strip()
        )
        closure.full_clean()
        closure.save()
        begin = timezone.make_aware(datetime.datetime.combine(starts_on, datetime.time.min))
        end = timezone.make_aware(
            datetime.datetime.combine(ends_on + datetime.timedelta(days=1), datetime.time.min)
        )
        hit = list(
            Booking.objects.filter(
                room_id__in=room_ids,
                status__in=ACTIVE_BOOKING_STATUSES,
                starts_at__lt=end,
                ends_at__gt=begin,
            )
        )
        Booking.objects.filter(pk__in=[b.pk for b in hit]).update(
            status=BookingStatus.CANCELLED, decision_note=closure.reason, decided_by=by
        )
        for booking in hit:
            audit.record(
                by=by,
                action=AuditAction.UPDATE,
                obj=booking,
                changes={"status": [booking.status, BookingStatus.CANCELLED]},
            )
        audit.record(
            by=by,
            action=AuditAction.CREATE,
            obj=closure,
            changes={"cancelled_bookings": len(hit)},
        )
        queue_mails_per_requester(hit, "closure")
    return closure, hit


def delete_closure(closure: Closure, *, by) -> None:
    """Open the days again. Bookings cancelled by the closure stay cancelled.

    Side effects: an audit entry.
    """
    with transaction.atomic():
        audit.record(by=by, action=AuditAction.DELETE, obj=closure)
        closure.delete()
