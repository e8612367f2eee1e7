"""Writes of the public part: someone asks for counselling (logged in or not), their record and
consent are kept, and they may take a still-new request back. One transaction each; mails are
queued as background jobs in the same transaction (`tasks/intake.py`).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..enums import ConsentPurpose, RequestStatus
from ..inputs import CONSENT_TEXT, CONSENT_VERSION, RequestInput, request_problems
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


def contact_for(*, by=None, name="", email="", phone="", organization=None, language="de"):
    """The person's record: the one of their account when they are logged in, else a new one.

    What someone types is never proof of who they are: an address or a phone number given
    without logging in never finds, merges into or changes an existing record, which might be
    another agency's client. Staff merge two records once they have confirmed that they are one
    person (`merge_contact`). A logged-in person's record gets the details it lacks; nothing
    known is overwritten.
    """
    contact = None
    if by is not None and by.is_authenticated:
        contact = Contact.objects.filter(user=by).first()
        email = email or by.email
        name = name or by.name
    if contact is None:
        contact = Contact(preferred_language=language)
    for field, value in (("name", name), ("email", email.lower()), ("phone", phone)):
        if value and not getattr(contact, field):
            setattr(contact, field, value)
    if by is not None and by.is_authenticated and contact.user_id is None:
        contact.user = by
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
    data: RequestInput,
    *,
    by=None,
    consent_version: str = CONSENT_VERSION,
    consent_text: str | None = None,
) -> Request:
    """Record a request, route it, suggest advisors, and queue the confirmation mail.

    `data` is checked with the same questions the form and the API ask (`request_problems`);
    a problem is a ValidationError by field. The consent text stored is `CONSENT_TEXT` in the
    mail language unless another is given.

    Side effects: a Contact (found or created), a ConsentRecord, a queued "received" mail to
    the person when there is an email address.
    """
    answered_by_account = bool(by and by.is_authenticated)
    problems = request_problems(data, answered_by_account=answered_by_account)
    if problems:
        raise ValidationError(problems)
    if consent_text is None:
        with translation.override(data.mail_language):
            consent_text = str(CONSENT_TEXT)
    topics = list(data.topics)
    organization, postcode, federal_state = data.organization, data.postcode, data.federal_state
    contact = contact_for(
        by=by,
        name=data.name,
        email=data.email,
        phone=data.phone,
        organization=organization,
        language=data.mail_language,
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
        requested_by=by if answered_by_account else None,
        organization=organization,
        organization_name="" if organization else data.organization_name,
        language=data.language,
        channel=data.channel,
        preferred_times=data.preferred_times,
        description=data.description,
        postcode=postcode,
        federal_state=federal_state,
    )
    request.topics.set(topics)
    language_code = data.language.code if data.language else ""
    request.suggested_advisors.set(suggest_advisors(agency, [t.pk for t in topics], language_code))
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
