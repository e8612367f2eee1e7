"""Background jobs of the staff pages: a message from the organizers to one participant.

The subject and text come from staff and are sent as plain text only, never rendered as HTML.
"""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from .models import Registration
from .tasks import personal_url


def build_participant_message(
    registration: Registration, subject: str, body: str, reply_to: str = ""
) -> EmailMessage:
    with translation.override(registration.language):
        footer = "\n".join(
            [
                "-- ",
                registration.event.title,
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
