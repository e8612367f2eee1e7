"""The notice to other agencies' managers when a person they also hold had their data erased
elsewhere; queued by the erasure service in its transaction."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from gemeinsam.agencies.enums import StaffRole
from gemeinsam.agencies.models import Agency

from ..models import Contact


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
