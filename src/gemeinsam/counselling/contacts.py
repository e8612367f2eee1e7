"""One record per person, by the staff's word: finding a request's possible earlier record, and
merging the two once staff have confirmed they are one person.

A request made without logging in always gets a record of its own (`services.public.contact_for`):
an address or phone number typed into a form proves nothing. Staff who recognise the person
merge the new record into the one their agency already keeps.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from gemeinsam.core import audit
from gemeinsam.core.enums import AuditAction

from .gdpr import linked_to
from .models import Appointment, Case, ConsentRecord, Contact, Request
from .services.gdpr import other_agencies


def possible_matches(request: Request) -> QuerySet[Contact]:
    """People the request's agency already counsels with the request's address or phone
    number. Empty for a request no agency holds yet: whoever takes it decides first."""
    contact = request.contact
    if request.agency_id is None or contact.anonymised_at or not (contact.email or contact.phone):
        return Contact.objects.none()
    same = Q(pk__in=[])
    if contact.email:
        same |= Q(email__iexact=contact.email)
    if contact.phone:
        same |= Q(phone=contact.phone)
    return (
        Contact.objects.filter(linked_to([request.agency_id]), anonymised_at__isnull=True)
        .filter(same)
        .exclude(pk=contact.pk)
        .order_by("name", "id")
    )


@transaction.atomic
def merge_contact(request: Request, *, into: Contact, by) -> Contact:
    """Staff confirm that the person who sent `request` is `into`, someone their agency
    already counsels.

    Side effects: the requests, consent records, case links and appointment invitations of the
    request's record move to `into`, which gets the details it lacks (nothing known is
    overwritten); the request's record is deleted; an audit entry names both by id.
    """
    source = Contact.objects.select_for_update().get(pk=request.contact_id)
    if not possible_matches(request).filter(pk=into.pk).exists():
        raise ValidationError(
            _("Choose one of the people your agency counsels with the same address or phone.")
        )
    into = Contact.objects.select_for_update().get(pk=into.pk)
    held_elsewhere = other_agencies(source, [request.agency_id]) or (
        Request.objects.filter(contact=source, agency__isnull=True).exists()
    )
    if held_elsewhere:
        raise ValidationError(_("This record is also held elsewhere, so it cannot be merged."))
    if source.user_id and into.user_id and source.user_id != into.user_id:
        raise ValidationError(_("The two records belong to different accounts."))
    Request.objects.filter(contact=source).update(contact=into)
    ConsentRecord.objects.filter(contact=source).update(contact=into)
    for through, owner in (
        (Case.contacts.through, "case_id"),
        (Appointment.attendees.through, "appointment_id"),
    ):
        owners = set(through.objects.filter(contact=source).values_list(owner, flat=True))
        owners -= set(through.objects.filter(contact=into).values_list(owner, flat=True))
        through.objects.bulk_create(through(contact=into, **{owner: pk}) for pk in owners)
        through.objects.filter(contact=source).delete()
    for field in ("name", "email", "phone", "organization_id", "user_id"):
        if not getattr(into, field) and getattr(source, field):
            setattr(into, field, getattr(source, field))
    source_pk = source.pk
    source.delete()
    into.save()
    audit.record(
        actor=by, action=AuditAction.UPDATE, obj=into, changes={"merged": [source_pk, into.pk]}
    )
    return into
