"""Registration: places are counted and taken under the event's lock, in one transaction.

SQLite serialises writers with IMMEDIATE transactions (see settings); PostgreSQL takes a row lock
on the event (`SELECT … FOR UPDATE`). Either way two registrations for the last place cannot
both see it free. Every mail is queued as a task in the same transaction as the change that
causes it, so a rolled-back registration sends nothing, and a committed one is never left
without its mail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeinsam.core import audit, races
from gemeinsam.core.content import SOURCE
from gemeinsam.core.enums import AuditAction

from ..enums import EventStatus, RegistrationStatus
from ..inputs import Person
from ..models import Answer, Event, Registration, RegistrationGroup
from ..sql import registering_read, take_places
from ..tasks import send_registration_mail
from ..texts import Wording


class RegistrationError(Exception):
    """A registration that cannot be taken; `message` is shown to the person, translated."""

    def __init__(self, code: str, message, existing: Registration | None = None):
        super().__init__(code)
        self.code = code
        self.message = message
        self.existing = existing


@dataclass
class Outcome:
    status: str
    registrations: list[Registration]
    group: RegistrationGroup | None = None


# The mail of a new registration: its kind is the registration's status when it is sent.
REGISTERED_MAIL = "registered"


# A personal link asked for again (by registering the same address once more) is mailed at most
# once in this time, so that nobody can fill someone's inbox by sending the form over and over.
LINK_RESEND_INTERVAL = timedelta(minutes=10)


def resend_link(registration: Registration) -> bool:
    """Mail the personal link again to the address that registered, unless it was sent within
    `LINK_RESEND_INTERVAL`; True when a mail was queued. Counted in the shared "default" cache,
    so every application server counts against the same history."""
    key = f"events-link-resent:{registration.pk}"
    if not cache.add(key, True, timeout=int(LINK_RESEND_INTERVAL.total_seconds())):
        return False
    queue_mail(registration.pk, "resend_link")
    return True


def queue_mail(registration_id: int, kind: str) -> None:
    send_registration_mail.enqueue(registration_id, kind)


def locked_event(event_id: int) -> Event:
    """The event, locked for the rest of the transaction (a no-op lock on SQLite, which holds
    the database's write lock from BEGIN IMMEDIATE)."""
    query = Event.objects.all()
    if races.locks(races.REGISTRATION):
        query = query.select_for_update()
    return query.get(pk=event_id)


def _locked_for_registering(event_id: int) -> Event:
    """`locked_event` for a registration, which reads only `REGISTRATION_FIELDS` (through a
    SELECT compiled once: every registration for a full event waits here)."""
    locked = registering_read(event_id, for_update=races.locks(races.REGISTRATION))
    if locked is None:
        raise Event.DoesNotExist
    return locked


def check_open(event: Event, now=None) -> None:
    now = now or timezone.now()
    if event.status == EventStatus.CANCELLED:
        raise RegistrationError("cancelled", _("This event has been cancelled."))
    if event.ends_at < now or event.starts_at < now:
        raise RegistrationError("past", _("This event has already taken place."))
    if not event.registration_required or event.status != EventStatus.PUBLISHED:
        raise RegistrationError("closed", _("This event takes no registrations."))
    if event.registration_opens_at and now < event.registration_opens_at:
        raise RegistrationError(
            "not_open_yet",
            _("Registration opens on %(date)s.")
            % {"date": timezone.localtime(event.registration_opens_at).strftime("%d.%m.%Y %H:%M")},
        )
    if not event.registration_open(now):
        raise RegistrationError("closed", _("Registration for this event has closed."))


def _status_for(event: Event, seats_taken: int, size: int) -> str:
    if event.requires_approval:
        return RegistrationStatus.PENDING
    if event.capacity is None or seats_taken + size <= event.capacity:
        return RegistrationStatus.CONFIRMED
    if event.waitlist_enabled:
        return RegistrationStatus.WAITLISTED
    raise RegistrationError("full", _("This event is fully booked."))


def _check_people(event: Event, people: list[Person]) -> None:
    if not people:
        raise RegistrationError("empty", _("Please enter at least one participant."))
    if len(people) > event.max_group_size:
        raise RegistrationError(
            "group_too_large",
            _("At most %(count)d people can be registered at once.")
            % {"count": event.max_group_size},
        )
    emails = [p.email.strip().lower() for p in people]
    if len(set(emails)) != len(emails):
        raise RegistrationError(
            "duplicate_in_group", _("Each participant needs their own email address.")
        )


def _existing(event: Event, emails: list[str]) -> Registration | None:
    return event.registrations.active().filter(email__in=emails).first()


def register(
    event: Event,
    people: list[Person],
    *,
    consent: bool,
    booked_by=None,
    contact_email: str = "",
    organization_id: int | None = None,
    wording: Wording | None = None,
) -> Outcome:
    """Register one person, or a group confirmed or waitlisted as a whole.

    `wording`: the consent as the person was shown it (read before the lock), else German.

    Side effects: seats_taken grows by the group's size when confirmed; one mail per participant
    is queued (confirmed, waitlisted or pending). Raises RegistrationError, leaving nothing saved.

    Longer than most functions on purpose: the order of counting, writing, queuing the mail and
    taking the places (last, so the event's row is locked as briefly as possible) is what keeps
    events from overbooking, and it reads best in one place.
    """
    _check_people(event, people)
    if event.consent_text and not consent:
        raise RegistrationError("consent", _("Please agree to the consent text."))
    emails = [p.email.strip().lower() for p in people]
    locking = races.locks(races.REGISTRATION)
    # Without the lock (test-only), the places are counted before the transaction and taken
    # without a condition: the race the concurrency test's negative control must catch.
    unlocked_seats = None
    if not locking:
        unlocked_seats = Event.objects.values_list("seats_taken", flat=True).get(pk=event.pk)
        races.window(races.REGISTRATION)
    try:
        # The event as the caller just read it: whatever changes concurrently (places, being
        # cancelled) is re-checked under the event's lock or by the conditional UPDATE in
        # sql.take_places, and a second registration of the same email is refused by the unique
        # constraint.
        check_open(event)
        size = len(people)
        with transaction.atomic():
            places_to_take = False
            if event.requires_approval:
                status = RegistrationStatus.PENDING
            elif not locking:
                status = _status_for(event, unlocked_seats, size)
                places_to_take = status == RegistrationStatus.CONFIRMED
            elif _fits(event, size):
                status = RegistrationStatus.CONFIRMED  # until the places turn out to be gone
                places_to_take = True
            else:
                # Read full: the registration waits for the event's lock and is written with
                # what it finds there, a place freed since or a place in line.
                status = _decide_under_lock(event.pk, size)
            group, registrations = _create_registrations(
                event,
                people,
                emails,
                status=status,
                booked_by=booked_by,
                contact_email=contact_email,
                organization_id=organization_id,
                wording=wording,
            )
            # Queued before the places are taken, so that the event's row stays locked for as
            # short a time as possible: the mail says what the registration is when it is sent
            # (confirmed, waitlisted or pending), which is always what this transaction decided.
            for registration in registrations:
                queue_mail(registration.pk, REGISTERED_MAIL)
            if places_to_take:
                races.window(races.REGISTRATION)
                if not take_places(event, size, conditional=locking):
                    status = _join_waitlist(event, registrations)
    except IntegrityError as error:
        # The unique constraint refused an email already registered (or sent twice at once).
        existing = _existing(event, emails)
        if existing is None:
            raise
        raise RegistrationError(
            "duplicate",
            _("%(email)s is already registered for this event.") % {"email": existing.email},
            existing=existing,
        ) from error
    return Outcome(status=status, registrations=registrations, group=group)


def _create_registrations(
    event, people, emails, *, status, booked_by, contact_email, organization_id, wording
):
    group = None
    if len(people) > 1:
        group = RegistrationGroup.objects.create(
            event=event,
            booked_by=booked_by,
            contact_email=(contact_email or emails[0]),
            organization_id=organization_id,
        )
    now = timezone.now()
    wording = wording or Wording(event.consent_text, SOURCE)
    registrations = []
    for person, email in zip(people, emails, strict=True):
        registration = Registration.objects.create(
            event=event,
            group=group,
            user_id=person.user_id,
            name=person.name.strip(),
            email=email,
            organization_id=person.organization_id or organization_id,
            organization_name=person.organization_name.strip(),
            language=person.language,
            status=status,
            consent_text=wording.text if event.consent_text else "",
            consent_language=wording.language if event.consent_text else "",
            consented_at=now if event.consent_text else None,
            queued_at=now,
        )
        _save_answers(registration, person.answers)
        registrations.append(registration)
    return group, registrations


def _fits(event: Event, size: int) -> bool:
    return event.capacity is None or event.seats_taken + size <= event.capacity


def _decide_under_lock(event_id: int, size: int) -> str:
    """Under the event's lock, whose places are the latest: take them if `size` still fit,
    else a place in line (people join it in the order their transactions commit, so each
    position is right the moment it is shown), else refuse."""
    locked = _locked_for_registering(event_id)
    check_open(locked)
    if _fits(locked, size) and take_places(locked, size, conditional=True):
        return RegistrationStatus.CONFIRMED
    if not locked.waitlist_enabled:
        raise RegistrationError("full", _("This event is fully booked."))
    return RegistrationStatus.WAITLISTED


def _join_waitlist(event: Event, registrations: list[Registration]) -> str:
    """The places a registration was written for were gone when it came to take them: decide
    again under the lock, and move it to the waiting list unless a place was freed since."""
    status = _decide_under_lock(event.pk, len(registrations))
    if status == RegistrationStatus.WAITLISTED:
        queued_at = timezone.now()
        Registration.objects.filter(pk__in=[r.pk for r in registrations]).update(
            status=status, queued_at=queued_at
        )
        for registration in registrations:
            registration.status = status
            registration.queued_at = queued_at
    return status


def _save_answers(registration: Registration, answers: dict[int, object]) -> None:
    Answer.objects.bulk_create(
        [
            Answer(registration=registration, question_id=question_id, value=value)
            for question_id, value in answers.items()
            if value not in (None, "", [])
        ]
    )


def change(registration: Registration, *, name: str, organization_id, organization_name, answers):
    """Self-service change of one's own details and answers (not of the status)."""
    with transaction.atomic():
        registration.name = name.strip()
        registration.organization_id = organization_id
        registration.organization_name = organization_name.strip()
        registration.save(update_fields=["name", "organization", "organization_name"])
        registration.answers.all().delete()
        _save_answers(registration, answers)


def _units(waiting: list[Registration]) -> list[list[Registration]]:
    """The waiting list as units that move up together: single people and whole groups."""
    units, by_group = [], {}
    for registration in waiting:
        if registration.group_id is None:
            units.append([registration])
        elif registration.group_id in by_group:
            by_group[registration.group_id].append(registration)
        else:
            by_group[registration.group_id] = [registration]
            units.append(by_group[registration.group_id])
    return units


def promote_waitlist(event: Event) -> list[Registration]:
    """Move waiting people up into free places, in order; a group moves only as a whole,
    and one that does not fit lets the next ones past. Call inside the event's lock.

    Side effects: statuses, seats_taken, a "moved up" mail for each person moved.
    """
    if event.capacity is None:
        free = None
    else:
        free = event.capacity - event.seats_taken
        if free <= 0:
            return []
    moved = []
    for unit in _units(list(event.registrations.waitlist())):
        if free is not None and len(unit) > free:
            continue
        moved.extend(unit)
        if free is not None:
            free -= len(unit)
            if free == 0:
                break
    if moved:
        now = timezone.now()
        Registration.objects.filter(pk__in=[r.pk for r in moved]).update(
            status=RegistrationStatus.CONFIRMED, decided_at=now
        )
        Event.objects.filter(pk=event.pk).update(
            seats_taken=F("seats_taken") + len(moved), updated_at=timezone.now()
        )
        event.seats_taken += len(moved)
        for registration in moved:
            registration.status = RegistrationStatus.CONFIRMED
            queue_mail(registration.pk, "moved_up")
    return moved


def cancel(registration: Registration, *, whole_group: bool = False, by=None) -> list[Registration]:
    """Cancel a registration (or the whole group); the waiting list moves up into the place.

    Side effects: seats_taken shrinks; a "cancelled" mail to each person cancelled; "moved up"
    mails to the people who move up; audit entries when staff (`by`) cancel.
    """
    with transaction.atomic():
        event = locked_event(registration.event_id)
        query = event.registrations.active()
        if whole_group and registration.group_id:
            query = query.filter(group_id=registration.group_id)
        else:
            query = query.filter(pk=registration.pk)
        return cancel_locked(event, list(query), by=by)


def cancel_locked(event: Event, cancelled: list[Registration], *, by=None) -> list[Registration]:
    """`cancel` for active registrations of `event`, whose lock the caller holds."""
    if not cancelled:
        return []
    freed = sum(1 for r in cancelled if r.status == RegistrationStatus.CONFIRMED)
    Registration.objects.filter(pk__in=[r.pk for r in cancelled]).update(
        status=RegistrationStatus.CANCELLED, cancelled_at=timezone.now()
    )
    if freed:
        Event.objects.filter(pk=event.pk).update(
            seats_taken=F("seats_taken") - freed, updated_at=timezone.now()
        )
        event.seats_taken -= freed
    for r in cancelled:
        queue_mail(r.pk, "cancelled")
    if by is not None:
        for r in cancelled:
            audit.record(
                by=by, action=AuditAction.UPDATE, obj=r, changes={"status": [r.status, "cancelled"]}
            )
    promote_waitlist(event)
    return cancelled
