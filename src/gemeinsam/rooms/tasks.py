"""Background jobs: mails to the person who asked for a booking, run by `gemeinsam db_worker`.

Services enqueue them inside their transaction (django-tasks' database backend writes a row),
so a job exists exactly when the decision that caused it was committed. One mail covers all
dates of one person that one decision touched (a weekly series is one mail, not 52).
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from .models import Booking

MAIL_KINDS = {"approved", "declined", "declined_conflict", "cancelled", "closure"}


def build_mail(bookings: list[Booking], kind: str) -> EmailMessage:
    """The mail of one kind about some bookings of one person, in that person's language."""
    person = bookings[0].requested_by
    with translation.override(getattr(person, "preferred_language", None) or "de"):
        context = {
            "person": person,
            "bookings": bookings,
            "room": bookings[0].room,
            "kind": kind,
            "reason": bookings[0].decision_note,
            "url": settings.GEMEINSAM_BASE_URL.rstrip("/") + reverse("rooms:my-bookings"),
        }
        subject = render_to_string("rooms/mail/subject.txt", context)
        body = render_to_string("rooms/mail/body.txt", context)
    return EmailMessage(subject=" ".join(subject.split()), body=body, to=[person.email])


@task()
def send_booking_mail(booking_ids: list[int], kind: str) -> None:
    bookings = list(
        Booking.objects.filter(pk__in=booking_ids, requested_by__isnull=False)
        .select_related("room", "room__agency", "requested_by", "organization")
        .order_by("starts_at")
    )
    if not bookings or kind not in MAIL_KINDS:
        return
    build_mail(bookings, kind).send()
