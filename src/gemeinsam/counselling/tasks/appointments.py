"""Background jobs for appointments: the invitation, change and cancellation mails, each with
its .ics, sent to one invited contact person in that person's language.

`services.appointments` enqueues them inside its transaction, so a mail exists exactly when its
change was committed. A job renders the appointment as it is when the job runs: two quick edits
send the latest details twice, never stale ones.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from ..ical_appointments import CANCEL, REQUEST, appointment_ics, content_type
from ..models import Appointment, Contact

# Each kind of mail and the iTIP method of its calendar file.
MAIL_KINDS = {
    "invitation": REQUEST,
    "update": REQUEST,
    "cancelled": CANCEL,
    "uninvited": CANCEL,
}


def shared_case_url(appointment: Appointment, contact: Contact) -> str:
    """The person's own page of the case, for contacts who have an account."""
    if not (appointment.case_id and contact.user_id):
        return ""
    base = settings.GEMEINSAM_BASE_URL.rstrip("/")
    with translation.override(contact.preferred_language):
        return f"{base}{reverse('counselling:shared-case', kwargs={'pk': appointment.case_id})}"


def build_appointment_mail(appointment: Appointment, contact: Contact, kind: str) -> EmailMessage:
    """The mail of one kind to one contact person, with the calendar file naming only them."""
    method = MAIL_KINDS[kind]
    advisor = appointment.advisor
    with translation.override(contact.preferred_language):
        context = {
            "appointment": appointment,
            "contact": contact,
            "kind": kind,
            "invited": method == REQUEST,
            "advisor_name": advisor.name or str(appointment.agency),
            "agency": appointment.agency,
            "shared_case_url": shared_case_url(appointment, contact),
        }
        subject = render_to_string("counselling/appointments/mail/subject.txt", context).strip()
        body = render_to_string("counselling/appointments/mail/body.txt", context)
        ics = appointment_ics(appointment, attendees=[contact], method=method)
    message = EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        to=[contact.email],
        reply_to=[advisor.email],
    )
    filename = "invitation.ics" if method == REQUEST else "cancellation.ics"
    message.attach(filename, ics, content_type(method))
    return message


@task()
def send_appointment_mail(appointment_id: int, contact_id: int, kind: str) -> bool:
    if kind not in MAIL_KINDS:
        raise ValueError(f"unknown mail kind {kind!r}")
    appointment = (
        Appointment.objects.select_related("advisor", "agency", "case")
        .filter(pk=appointment_id)
        .first()
    )
    contact = (
        Contact.objects.filter(pk=contact_id, anonymised_at__isnull=True).exclude(email="").first()
    )
    if appointment is None or contact is None:
        return False  # deleted or erased since: nothing to send, or nowhere to send it
    invited = (
        appointment.cancelled_at is None and appointment.attendees.filter(pk=contact.pk).exists()
    )
    # Changed again before this job ran: a newer job carries the right message.
    if MAIL_KINDS[kind] == REQUEST and not invited:
        return False
    if kind == "uninvited" and invited:
        return False
    build_appointment_mail(appointment, contact, kind).send()
    return True
