"""Writes of the intake: staff accept a request into a case, forward it to another agency or
decline it, and merge its record into one they already keep. One transaction each; the person is
told by mail (queued in the same transaction).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from gemeinsam.agencies.models import Agency
from gemeinsam.core import audit
from gemeinsam.core.enums import AuditAction

from ..enums import RequestStatus, RoutedBy
from ..gdpr import linked_to
from ..models import (
    Appointment,
    Case,
    CaseTemplate,
    ConsentRecord,
    Contact,
    Forwarding,
    Request,
)
from ..routing import suggest_advisors
from .cases import check_advisors, open_case
from .gdpr import other_agencies
from .public import lock_request, queue_request_mail


@transaction.atomic
def accept_request(
    request: Request,
    *,
    by,
    agency: Agency | None = None,
    advisors: Iterable,
    case_type: str,
    title: str = "",
    project=None,
    template: CaseTemplate | None = None,
) -> Case:
    """Open a case from a request: its organization, contact, topics and language carry over.

    Side effects: the request is marked accepted (an unrouted request now belongs to `agency`),
    the template's steps become tasks, the person gets an "accepted" mail, the audit log notes it.
    """
    request = lock_request(request)
    agency = request.agency or agency
    if agency is None:
        raise ValidationError(_("Choose the agency that takes this request."))
    advisors = list(advisors)
    if not advisors:
        raise ValidationError(_("Assign at least one advisor."))
    check_advisors(agency, advisors)
    request.agency = agency
    request.status = RequestStatus.ACCEPTED
    request.decided_by = by
    request.decided_at = timezone.now()
    request.save()
    case = open_case(
        agency=agency,
        by=by,
        title=title or _short_title(request),
        case_type=case_type,
        organizations=[request.organization] if request.organization else [],
        contacts=[request.contact],
        advisors=advisors,
        topics=list(request.topics.all()),
        language=request.language,
        project=project,
        template=template,
        request=request,
    )
    if request.contact.email:
        queue_request_mail(request.pk, "accepted")
    return case


def _short_title(request: Request) -> str:
    who = request.organization.name if request.organization else request.organization_name
    topics = ", ".join(t.label_in("de") for t in request.topics.all()[:2])
    return (f"{who}: {topics}" if who else topics)[:200] or f"#{request.pk}"


@transaction.atomic
def forward_request(request: Request, *, to_agency: Agency, reason: str, by) -> Request:
    """Hand a request to another agency, with a reason. It lands in that agency's queue."""
    request = lock_request(request)
    if not reason.strip():
        raise ValidationError(_("Please give a reason for forwarding."))
    if to_agency.pk == request.agency_id or not to_agency.is_active:
        raise ValidationError(_("Choose another, active agency."))
    Forwarding.objects.create(
        request=request, from_agency=request.agency, to_agency=to_agency, reason=reason, by=by
    )
    request.agency = to_agency
    request.routed_by = RoutedBy.FORWARDED
    request.save(update_fields=["agency", "routed_by"])
    request.suggested_advisors.set(
        suggest_advisors(
            to_agency,
            request.topics.values_list("pk", flat=True),
            request.language.code if request.language else "",
        )
    )
    if request.contact.email:
        queue_request_mail(request.pk, "forwarded")
    return request


@transaction.atomic
def decline_request(request: Request, *, reason: str, by) -> Request:
    """Decline with a reason; the person is told by mail (with the reason)."""
    request = lock_request(request)
    if not reason.strip():
        raise ValidationError(_("Please give a reason, so the person knows where else to turn."))
    request.status = RequestStatus.DECLINED
    request.decline_reason = reason
    request.decided_by = by
    request.decided_at = timezone.now()
    request.save()
    if request.contact.email:
        queue_request_mail(request.pk, "declined")
    return request


# --- One record per person, on the staff's word ---------------------------------------------
# A request made without logging in always gets a record of its own (`public.contact_for`): an
# address or phone number typed into a form proves nothing. Staff who recognise the person merge
# the new record into the one their agency already keeps.


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
        by=by, action=AuditAction.UPDATE, obj=into, changes={"merged": [source_pk, into.pk]}
    )
    return into
