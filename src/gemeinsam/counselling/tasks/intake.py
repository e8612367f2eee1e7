"""Mails about requests (received, accepted, forwarded, declined), run by `gemeinsam db_worker`.

Services enqueue them inside their transaction, so a mail exists exactly when its change was
committed.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from ..models import Request

REQUEST_MAILS = {"received", "accepted", "forwarded", "declined"}


def status_url(request: Request) -> str:
    base = settings.GEMEINSAM_BASE_URL.rstrip("/")
    with translation.override(request.contact.preferred_language):
        return f"{base}{reverse('counselling:request-status', kwargs={'token': request.token})}"


def build_request_mail(request: Request, kind: str) -> EmailMessage:
    """The mail of one kind about a request, in the language the person wrote in."""
    with translation.override(request.contact.preferred_language):
        context = {
            "request": request,
            "kind": kind,
            "status_url": status_url(request),
            "agency": request.agency,
            "topics": [t.label for t in request.topics.all()],
        }
        subject = render_to_string("counselling/mail/request_subject.txt", context).strip()
        body = render_to_string("counselling/mail/request_body.txt", context)
    return EmailMessage(subject=" ".join(subject.split()), body=body, to=[request.contact.email])


@task()
def send_request_mail(request_id: int, kind: str) -> bool:
    if kind not in REQUEST_MAILS:
        raise ValueError(f"unknown mail kind {kind!r}")
    request = Request.objects.select_related("contact", "agency").filter(pk=request_id).first()
    if request is None or not request.contact.email:
        return False  # erased since: nothing to send, nowhere to send it
    build_request_mail(request, kind).send()
    return True
