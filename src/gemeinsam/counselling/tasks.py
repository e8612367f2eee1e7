"""Background jobs for counselling: mails about requests, run by `gemeinsam db_worker`.

Services enqueue them inside their transaction, so a mail exists exactly when its change was
committed. Other modules add their jobs here (appointment invitations, task reminders, the
retention job).
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from gemeinsam.agencies.enums import StaffRole
from gemeinsam.agencies.models import Agency

from .models import Contact, Request

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


def build_erasure_notice(contact, agency, managers, erased_by) -> list[EmailMessage]:
    """One mail per manager of `agency`, in their language: a person the agency holds asked
    other agencies to erase their data. It names the agencies and links the person's page,
    never the person (the link opens only for the agency's managers)."""
    base = settings.GEMEINSAM_BASE_URL.rstrip("/")
    mails = []
    for manager in managers:
        with translation.override(manager.preferred_language):
            path = reverse("counselling:contact-detail", kwargs={"pk": contact.pk})
            context = {
                "manager": manager,
                "agency": agency,
                "erased_by": erased_by,
                "url": f"{base}{path}",
            }
            subject = render_to_string("counselling/mail/erasure_subject.txt", context).strip()
            body = render_to_string("counselling/mail/erasure_body.txt", context)
        mails.append(EmailMessage(subject=" ".join(subject.split()), body=body, to=[manager.email]))
    return mails


@task()
def send_erasure_notice(contact_id: int, agency_id: int, erased_by_ids: list[int]) -> int:
    """Tell the managers of `agency_id` that a person they hold asked the agencies
    `erased_by_ids` to erase their data, which those did for what they hold."""
    agency = Agency.objects.filter(pk=agency_id).first()
    contact = Contact.objects.filter(pk=contact_id, anonymised_at__isnull=True).first()
    if agency is None or contact is None:
        return 0  # erased there as well since: nothing left to tell
    managers = [
        m.user
        for m in agency.staff.filter(
            role=StaffRole.MANAGER, is_active=True, user__is_active=True
        ).select_related("user")
    ]
    erased_by = list(Agency.objects.filter(pk__in=erased_by_ids).order_by("name"))
    mails = build_erasure_notice(contact, agency, managers, erased_by)
    for mail in mails:
        mail.send()
    return len(mails)
