"""Writes of the public part: someone asks for counselling (logged in or not), their record and
consent are kept, and they may take a still-new request back. One transaction each; mails are
queued as background jobs in the same transaction (`tasks/intake.py`).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..enums import ConsentPurpose, RequestStatus
from ..models import (
    ConsentRecord,
    Contact,
    Request,
)
from ..routing import route, suggest_advisors
from ..tasks.intake import send_request_mail


def queue_request_mail(request_id: int, kind: str) -> None:
    send_request_mail.enqueue(request_id, kind)


# --- Contacts and consent ----------------------------------------------------------------------


def contact_for(*, user=None, name="", email="", phone="", organization=None, language="de"):
    """The person's record: the one of their account when they are logged in, else a new one.

    What someone types is never proof of who they are: an address or a phone number given
    without logging in never finds, merges into or changes an existing record, which might be
    another agency's client. Staff merge two records once they have confirmed that they are one
    person (`merge_contact`). A logged-in person's record gets the details it lacks; nothing
    known is overwritten.
    """
    contact = None
    if user is not None and user.is_authenticated:
        contact = Contact.objects.filter(user=user).first()
        email = email or user.email
        name = name or user.name
    if contact is None:
        contact = Contact(preferred_language=language)
    for field, value in (("name", name), ("email", email.lower()), ("phone", phone)):
        if value and not getattr(contact, field):
            setattr(contact, field, value)
    if user is not None and user.is_authenticated and contact.user_id is None:
        contact.user = user
    if organization is not None and contact.organization_id is None:
        contact.organization = organization
    contact.save()
    return contact


def record_consent(contact: Contact, *, purpose=ConsentPurpose.COUNSELLING, version, text):
    return ConsentRecord.objects.create(
        contact=contact, purpose=purpose, text_version=version, text=text
    )


# --- Requests -----------------------------------------------------------------------------------


@transaction.atomic
def submit_request(
    *,
    user=None,
    name: str = "",
    email: str = "",
    phone: str = "",
    organization=None,
    organization_name: str = "",
    topics,
    language=None,
    channel: str,
    preferred_times: str = "",
    description: str,
    postcode: str = "",
    federal_state: str = "",
    consent_version: str,
    consent_text: str,
    mail_language: str = "de",
) -> Request:
    """Record a request, route it, suggest advisors, and queue the confirmation mail.

    Side effects: a Contact (found or created), a ConsentRecord, a queued "received" mail to
    the person when there is an email address.
    """
    if not ((user and user.is_authenticated) or email or phone):
        raise ValidationError(_("Please give an email address or a phone number for the answer."))
    topics = list(topics)
    if not topics:
        raise ValidationError(_("Please choose at least one topic."))
    contact = contact_for(
        user=user,
        name=name,
        email=email,
        phone=phone,
        organization=organization,
        language=mail_language,
    )
    if organization is None and federal_state == "" and postcode == "" and contact.organization:
        organization = contact.organization
    if organization is not None:
        postcode = postcode or organization.postcode
        federal_state = federal_state or organization.federal_state
    agency, routed_by = route(postcode=postcode, federal_state=federal_state)
    request = Request.objects.create(
        agency=agency,
        routed_by=routed_by,
        contact=contact,
        requested_by=user if user and user.is_authenticated else None,
        organization=organization,
        organization_name="" if organization else organization_name,
        language=language,
        channel=channel,
        preferred_times=preferred_times,
        description=description,
        postcode=postcode,
        federal_state=federal_state,
    )
    request.topics.set(topics)
    request.suggested_advisors.set(
        suggest_advisors(agency, [t.pk for t in topics], language.code if language else "")
    )
    record_consent(contact, version=consent_version, text=consent_text)
    if contact.email:
        queue_request_mail(request.pk, "received")
    return request


def lock_request(request: Request) -> Request:
    """The request, locked for the decision; one already dealt with is refused."""
    request = Request.objects.select_for_update().get(pk=request.pk)
    if request.status != RequestStatus.NEW:
        raise ValidationError(_("This request has already been dealt with."))
    return request


@transaction.atomic
def withdraw_request(request: Request) -> Request:
    """The person asking takes a still-new request back."""
    request = lock_request(request)
    request.status = RequestStatus.WITHDRAWN
    request.decided_at = timezone.now()
    request.save()
    return request
