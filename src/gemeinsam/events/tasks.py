"""Background jobs: mails about registrations and reminders, run by `gemeinsam db_worker`.

Services enqueue them inside their transaction (django-tasks' database backend writes a row),
so a job exists exactly when the change that caused it was committed.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from gemeinsam.core import content

from .enums import RegistrationStatus
from .ical import event_ics
from .models import Event, Registration
from .sql import waitlist_position

# Which mails carry the calendar file.
WITH_CALENDAR = {"confirmed", "moved_up", "accepted", "reminder"}
MAIL_KINDS = {
    "registered",
    "confirmed",
    "waitlisted",
    "pending",
    "moved_up",
    "accepted",
    "declined",
    "cancelled",
    "reminder",
    "event_cancelled",
    "resend_link",
}


NEW_STATUSES = {
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.PENDING,
}


def personal_url(registration: Registration) -> str:
    base = settings.GEMEINSAM_BASE_URL.rstrip("/")
    with translation.override(registration.language):
        return f"{base}{registration.get_absolute_url()}"


def build_mail(registration: Registration, kind: str) -> EmailMultiAlternatives:
    """The mail of one kind for one participant, in the participant's language."""
    event = registration.event
    confirmed = registration.status == RegistrationStatus.CONFIRMED
    # The event's texts in the participant's language: one query for the subject, the body and
    # the calendar file.
    content.prefetch([event], registration.language)
    with translation.override(registration.language):
        context = {
            "registration": registration,
            "event": event,
            "kind": kind,
            "personal_url": personal_url(registration),
            "video_link": event.online_url if confirmed else "",
            "waitlist_position": waitlist_position(registration),
        }
        subject = render_to_string("events/mail/subject.txt", context).strip()
        body = render_to_string("events/mail/body.txt", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()), body=body, to=[registration.email]
    )
    if kind in WITH_CALENDAR and confirmed:
        with translation.override(registration.language):
            calendar = event_ics(event, video_link=event.online_url)
        message.attach("event.ics", calendar, "text/calendar; charset=utf-8; method=PUBLISH")
    return message


@task()
def send_registration_mail(registration_id: int, kind: str) -> None:
    registration = (
        Registration.objects.select_related("event", "event__agency")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None or kind not in MAIL_KINDS:
        return
    if kind == "registered":
        # A new registration's mail: as confirmed, waitlisted or pending, whichever it is now.
        if registration.status not in NEW_STATUSES:
            return
        kind = str(registration.status)
    build_mail(registration, kind).send()


@task()
def send_event_reminders(event_id: int) -> int:
    """Remind confirmed participants; a no-op unless the reminder is due and not yet sent.

    Enqueued with `run_after` when the event is saved; if its date moved, a newer job exists
    and this one finds the reminder not due yet.
    """
    now = timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().filter(pk=event_id).first()
        if event is None or event.reminder_sent_at or event.reminder_due_at() is None:
            return 0
        if not (event.reminder_due_at() <= now < event.starts_at):
            return 0
        Event.objects.filter(pk=event.pk).update(reminder_sent_at=now)
    sent = 0
    for registration in event.registrations.filter(status=RegistrationStatus.CONFIRMED):
        build_mail(registration, "reminder").send()
        sent += 1
    return sent


def schedule_reminder(event: Event) -> None:
    """Queue the reminder job for the time it is due (call after saving the event)."""
    due = event.reminder_due_at()
    if due is None or event.reminder_sent_at:
        return
    send_event_reminders.using(run_after=max(due, timezone.now())).enqueue(event.pk)


# The organizers' message to one participant: subject and text come from staff and are sent as
# plain text only, never rendered as HTML.


def build_participant_message(
    registration: Registration, subject: str, body: str, reply_to: str = ""
) -> EmailMessage:
    with translation.override(registration.language):
        footer = "\n".join(
            [
                "-- ",
                content.text(registration.event, "title", registration.language),
                _("Your registration: %(url)s") % {"url": personal_url(registration)},
                _("%(agency)s via gemeinsam") % {"agency": registration.event.agency.name},
            ]
        )
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=f"{body.strip()}\n\n{footer}\n",
        to=[registration.email],
        reply_to=[reply_to] if reply_to else None,
    )


@task()
def send_participant_message(
    registration_id: int, subject: str, body: str, reply_to: str = ""
) -> bool:
    """Send the organizers' message to one participant; skipped if they cancelled since."""
    registration = (
        Registration.objects.select_related("event", "event__agency")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None or not registration.is_active:
        return False
    build_participant_message(registration, subject, body, reply_to).send()
    return True
