"""Staff's writes on the participants of an event: decisions on pending registrations, places
after the capacity was raised, attendance, check-in at the door and mail to the participants.

Places are counted under the event's lock, as in `registration`.
"""

from __future__ import annotations

from collections import Counter

from django.db import transaction
from django.db.models import F, Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from gemeinsam.core import audit
from gemeinsam.core.enums import AuditAction

from ..enums import RegistrationStatus
from ..models import Event, Registration
from ..tasks import send_participant_message
from .registration import (
    RegistrationError,
    cancel_locked,
    locked_event,
    promote_waitlist,
    queue_mail,
)


def _units(registrations: list[Registration]) -> list[list[Registration]]:
    """Single people and whole groups, in the order they registered: each is decided as one."""
    units: list[list[Registration]] = []
    groups: dict[int, list[Registration]] = {}
    for registration in registrations:
        if registration.group_id is None:
            units.append([registration])
        elif registration.group_id in groups:
            groups[registration.group_id].append(registration)
        else:
            groups[registration.group_id] = [registration]
            units.append(groups[registration.group_id])
    return units


def decide_many(registrations: list[Registration], *, accept: bool, by) -> Counter:
    """Staff accept or decline pending registrations; a group is decided as a whole (choosing
    one of its people decides all of them), everyone else alone, in the order they registered.

    Accepted people get a place while one is free, then a place on the waiting list; without a
    waiting list, those who do not fit stay pending (counted as "full"). Returns how many
    people went to each status. Side effects: a mail to each person decided; audit entries.
    """
    with transaction.atomic():
        event = locked_event(registrations[0].event_id)
        groups = {r.group_id for r in registrations if r.group_id}
        pending = list(
            event.registrations.filter(
                Q(pk__in=[r.pk for r in registrations]) | Q(group_id__in=groups),
                status=RegistrationStatus.PENDING,
            ).order_by("queued_at", "id")
        )
        if not pending:
            raise RegistrationError("not_pending", _("This registration was already decided."))
        outcome: Counter = Counter()
        for unit in _units(pending):
            status = _decision(event, len(unit), accept=accept)
            outcome[status] += len(unit)
            if status != "full":
                _decide_unit(event, unit, status, accept=accept, by=by)
    return outcome


def _decision(event: Event, size: int, *, accept: bool) -> str:
    if not accept:
        return RegistrationStatus.DECLINED
    if event.capacity is None or event.seats_taken + size <= event.capacity:
        return RegistrationStatus.CONFIRMED
    if event.waitlist_enabled:
        return RegistrationStatus.WAITLISTED
    return "full"


def _decide_unit(event: Event, unit: list[Registration], status: str, *, accept: bool, by):
    now = timezone.now()
    Registration.objects.filter(pk__in=[r.pk for r in unit]).update(
        status=status, decided_at=now, decided_by=by, queued_at=now
    )
    if status == RegistrationStatus.CONFIRMED:
        Event.objects.filter(pk=event.pk).update(
            seats_taken=F("seats_taken") + len(unit), updated_at=now
        )
        event.seats_taken += len(unit)
    for r in unit:
        audit.record(
            by=by, action=AuditAction.UPDATE, obj=r, changes={"status": ["pending", status]}
        )
        queue_mail(r.pk, "accepted" if accept else "declined")


def decide(registrations: list[Registration], *, accept: bool, by) -> str:
    """`decide_many` for one person or one group: its new status, or an error when the event
    is full and has no waiting list (nothing is changed then)."""
    outcome = decide_many(registrations, accept=accept, by=by)
    if outcome["full"]:
        raise RegistrationError("full", _("This event is fully booked."))
    return next(iter(outcome))


def capacity_changed(event: Event) -> list[Registration]:
    """After staff raise the number of places: move the waiting list up."""
    with transaction.atomic():
        return promote_waitlist(locked_event(event.pk))


def not_started_error(event: Event) -> RegistrationError:
    return RegistrationError(
        "not_started",
        _("Attendance can be recorded once the event has started (%(start)s).")
        % {"start": formats.date_format(timezone.localtime(event.starts_at), "DATETIME_FORMAT")},
    )


def record_attendance(
    registrations: list[Registration], attended: bool | None, *, by, now=None
) -> int:
    """Whether the confirmed people among `registrations` attended (None: not recorded); how
    many were recorded. Refused before the event has started: nobody has attended yet."""
    if not registrations:
        return 0
    event = registrations[0].event
    if not event.has_started(now):
        raise not_started_error(event)
    now = now or timezone.now()
    with transaction.atomic():
        confirmed = Registration.objects.filter(
            pk__in=[r.pk for r in registrations], status=RegistrationStatus.CONFIRMED
        )
        if attended:
            # Keep the time of an earlier check-in at the door.
            confirmed.filter(checked_in_at__isnull=True).update(checked_in_at=now)
            return confirmed.update(attended=True)
        return confirmed.update(attended=attended, checked_in_at=None)


def set_attendance(registration: Registration, attended: bool | None, *, by) -> None:
    """`record_attendance` for one person, whatever their status (as staff chose them)."""
    if not registration.event.has_started():
        raise not_started_error(registration.event)
    with transaction.atomic():
        Registration.objects.filter(pk=registration.pk).update(
            attended=attended,
            checked_in_at=(registration.checked_in_at or timezone.now()) if attended else None,
        )


def cancel_many(registrations: list[Registration], *, by) -> list[Registration]:
    """Staff cancel the active ones among `registrations` on the people's behalf, each alone
    (a group's other people keep their places); the waiting list moves up. Side effects as
    `cancel`'s."""
    with transaction.atomic():
        event = locked_event(registrations[0].event_id)
        active = list(event.registrations.active().filter(pk__in=[r.pk for r in registrations]))
        return cancel_locked(event, active, by=by)


def check_in(registration: Registration, *, by, now=None) -> bool:
    """Mark a confirmed participant as present at the door; False if they already were.
    The door opens `CHECK_IN_LEAD_MINUTES` before the start, not earlier."""
    event = registration.event
    if not event.check_in_open(now):
        raise RegistrationError(
            "check_in_closed",
            _("Check-in opens at %(time)s, shortly before the event starts.")
            % {
                "time": formats.date_format(
                    timezone.localtime(event.check_in_opens_at), "DATETIME_FORMAT"
                )
            },
        )
    if registration.status != RegistrationStatus.CONFIRMED:
        raise RegistrationError("not_confirmed", _("This registration is not confirmed."))
    updated = Registration.objects.filter(pk=registration.pk, checked_in_at__isnull=True).update(
        checked_in_at=now or timezone.now(), attended=True
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
