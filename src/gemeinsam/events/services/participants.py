"""Staff's writes on the participants of an event: decisions on pending registrations, places
after the capacity was raised, attendance, check-in at the door and mail to the participants.

Places are counted under the event's lock, as in `registration`.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeinsam.core import audit
from gemeinsam.core.enums import AuditAction

from ..enums import RegistrationStatus
from ..models import Event, Registration
from ..tasks import send_participant_message
from .registration import RegistrationError, locked_event, promote_waitlist, queue_mail


def decide(registrations: list[Registration], *, accept: bool, by) -> str:
    """Staff accept or decline pending registrations (a group as a whole).

    Accepted people get a place if one is free, else a place on the waiting list (or an error
    when the event is full and has none). Side effects: a mail either way; audit entries.
    """
    with transaction.atomic():
        event = locked_event(registrations[0].event_id)
        pending = list(
            event.registrations.filter(
                pk__in=[r.pk for r in registrations], status=RegistrationStatus.PENDING
            )
        )
        if not pending:
            raise RegistrationError("not_pending", _("This registration was already decided."))
        if accept:
            if event.capacity is None or event.seats_taken + len(pending) <= event.capacity:
                status = RegistrationStatus.CONFIRMED
            elif event.waitlist_enabled:
                status = RegistrationStatus.WAITLISTED
            else:
                raise RegistrationError("full", _("This event is fully booked."))
        else:
            status = RegistrationStatus.DECLINED
        now = timezone.now()
        Registration.objects.filter(pk__in=[r.pk for r in pending]).update(
            status=status, decided_at=now, decided_by=by, queued_at=now
        )
        if status == RegistrationStatus.CONFIRMED:
            Event.objects.filter(pk=event.pk).update(
                seats_taken=F("seats_taken") + len(pending), updated_at=timezone.now()
            )
        for r in pending:
            audit.record(
                by=by, action=AuditAction.UPDATE, obj=r, changes={"status": ["pending", status]}
            )
            queue_mail(r.pk, "accepted" if accept else "declined")
    return status


def capacity_changed(event: Event) -> list[Registration]:
    """After staff raise the number of places: move the waiting list up."""
    with transaction.atomic():
        return promote_waitlist(locked_event(event.pk))


def set_attendance(registration: Registration, attended: bool | None, *, by) -> None:
    with transaction.atomic():
        Registration.objects.filter(pk=registration.pk).update(
            attended=attended,
            checked_in_at=(registration.checked_in_at or timezone.now()) if attended else None,
        )


def check_in(registration: Registration, *, by) -> bool:
    """Mark a confirmed participant as present at the door; False if they already were."""
    if registration.status != RegistrationStatus.CONFIRMED:
        raise RegistrationError("not_confirmed", _("This registration is not confirmed."))
    updated = Registration.objects.filter(pk=registration.pk, checked_in_at__isnull=True).update(
        checked_in_at=timezone.now(), attended=True
    )
    return bool(updated)


@transaction.atomic
def mail_participants(
    *, by, event: Event, subject: str, body: str, include_waitlisted: bool = False
) -> int:
    """Queue one plain-text mail per confirmed (and, if asked, waitlisted) participant.

    Returns how many were queued. Side effect: one job per recipient, so one bad address does
    not stop the others.
    """
    statuses = [RegistrationStatus.CONFIRMED]
    if include_waitlisted:
        statuses.append(RegistrationStatus.WAITLISTED)
    recipients = list(event.registrations.filter(status__in=statuses).values_list("pk", flat=True))
    reply_to = by.email if getattr(by, "email", "") else ""
    for pk in recipients:
        send_participant_message.enqueue(pk, subject, body, reply_to)
    return len(recipients)
