"""Writes in counselling: one transaction each; the docstring names the side effects.

Requests are routed, then accepted into a case, forwarded or declined. Confidential reads go
through `confidential_notes()` / `log_access()`, so every read leaves a trace. Mails are queued
as background jobs in the same transaction (`tasks.py`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gemeinsam.accounts.roles import may
from gemeinsam.agencies.models import Agency, StaffMembership
from gemeinsam.core import audit
from gemeinsam.core.enums import AuditAction

from .enums import AccessKind, CaseStatus, ConsentPurpose, RequestStatus, RoutedBy
from .models import (
    AccessLogEntry,
    BreakGlass,
    Case,
    CaseTemplate,
    ConsentRecord,
    Contact,
    Forwarding,
    Note,
    Request,
    Task,
)
from .routing import route, suggest_advisors

BREAK_GLASS_HOURS = 4


def queue_request_mail(request_id: int, kind: str) -> None:
    from .tasks import send_request_mail

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


def _lock_request(request: Request) -> Request:
    request = Request.objects.select_for_update().get(pk=request.pk)
    if request.status != RequestStatus.NEW:
        raise ValidationError(_("This request has already been dealt with."))
    return request


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
    request = _lock_request(request)
    agency = request.agency or agency
    if agency is None:
        raise ValidationError(_("Choose the agency that takes this request."))
    advisors = list(advisors)
    if not advisors:
        raise ValidationError(_("Assign at least one advisor."))
    _check_advisors(agency, advisors)
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


def _check_advisors(agency: Agency, advisors: list) -> None:
    staff = set(
        StaffMembership.objects.filter(
            agency=agency, is_active=True, user__in=advisors
        ).values_list("user_id", flat=True)
    )
    if any(a.pk not in staff for a in advisors):
        raise ValidationError(_("Advisors must work for the case's agency."))


@transaction.atomic
def forward_request(request: Request, *, to_agency: Agency, reason: str, by) -> Request:
    """Hand a request to another agency, with a reason. It lands in that agency's queue."""
    request = _lock_request(request)
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
    request = _lock_request(request)
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


@transaction.atomic
def withdraw_request(request: Request) -> Request:
    """The person asking takes a still-new request back."""
    request = _lock_request(request)
    request.status = RequestStatus.WITHDRAWN
    request.decided_at = timezone.now()
    request.save()
    return request


# --- Cases --------------------------------------------------------------------------------------


@transaction.atomic
def open_case(
    *,
    agency: Agency,
    by,
    title: str,
    case_type: str,
    organizations=(),
    contacts=(),
    advisors=(),
    topics=(),
    language=None,
    project=None,
    template: CaseTemplate | None = None,
    request: Request | None = None,
    opened_on: datetime.date | None = None,
) -> Case:
    """A new case. Side effects: template steps as tasks, an audit entry."""
    advisors = list(advisors) or ([by] if by is not None else [])
    _check_advisors(agency, advisors)
    if project is not None and project.agency_id != agency.pk:
        raise ValidationError(_("The project must belong to the case's agency."))
    organizations = list(organizations)
    earlier = Case.objects.filter(agency=agency, organizations__in=organizations).exists()
    case = Case.objects.create(
        agency=agency,
        title=title,
        case_type=case_type,
        request=request,
        language=language,
        project=project,
        template=template,
        is_new_client=not earlier,
        organization_kind=organizations[0].kind if organizations else "",
        opened_on=opened_on or timezone.localdate(),
    )
    case.organizations.set(organizations)
    case.contacts.set(list(contacts))
    case.advisors.set(advisors)
    case.topics.set(list(topics))
    if template is not None:
        apply_template(case, template, by=by)
    audit.record(
        actor=by, action=AuditAction.CREATE, obj=case, changes={"agency": [None, str(agency)]}
    )
    return case


def apply_template(case: Case, template: CaseTemplate, *, by) -> list[Task]:
    """Each of the template's steps becomes a task due its offset in days after the opening."""
    language = settings.LANGUAGE_CODE
    tasks = [
        Task(
            case=case,
            title=step.label_in(language),
            due_on=case.opened_on + datetime.timedelta(days=step.offset_days),
            assignee=by if by is not None and by.is_authenticated else None,
            is_shared=True,
            template_step=step,
        )
        for step in template.steps.all()
    ]
    return Task.objects.bulk_create(tasks)


@transaction.atomic
def assign_advisors(case: Case, advisors: Iterable, *, by) -> None:
    advisors = list(advisors)
    if not advisors:
        raise ValidationError(_("Assign at least one advisor."))
    _check_advisors(case.agency, advisors)
    before = sorted(str(a) for a in case.advisors.all())
    case.advisors.set(advisors)
    after = sorted(str(a) for a in advisors)
    audit.record(
        actor=by, action=AuditAction.UPDATE, obj=case, changes={"advisors": [before, after]}
    )


@transaction.atomic
def forward_case(case: Case, *, to_agency: Agency, advisors: Iterable, reason: str, by) -> Case:
    """Hand a case to another agency: it leaves this agency's hands, with its whole timeline."""
    if not reason.strip():
        raise ValidationError(_("Please give a reason for forwarding."))
    if to_agency.pk == case.agency_id:
        raise ValidationError(_("Choose another, active agency."))
    advisors = list(advisors)
    _check_advisors(to_agency, advisors)
    Forwarding.objects.create(
        case=case, from_agency=case.agency, to_agency=to_agency, reason=reason, by=by
    )
    case.agency = to_agency
    case.project = None
    case.save(update_fields=["agency", "project", "updated_at"])
    case.advisors.set(advisors)
    # Coming appointments go with the case, to the new agency's first advisor.
    upcoming = case.appointments.filter(starts_at__gte=timezone.now(), cancelled_at__isnull=True)
    upcoming.update(agency=to_agency, **({"advisor": advisors[0]} if advisors else {}))
    case.appointments.exclude(pk__in=upcoming.values("pk")).update(agency=to_agency)
    return case


@transaction.atomic
def close_case(case: Case, *, by, on: datetime.date | None = None) -> Case:
    case.status = CaseStatus.CLOSED
    case.closed_on = max(on or timezone.localdate(), case.opened_on)
    case.save(update_fields=["status", "closed_on", "updated_at"])
    audit.record(
        actor=by, action=AuditAction.UPDATE, obj=case, changes={"status": ["open", "closed"]}
    )
    return case


@transaction.atomic
def reopen_case(case: Case, *, by) -> Case:
    if case.anonymised_at:
        raise ValidationError(_("An anonymised case cannot be reopened."))
    case.status = CaseStatus.OPEN
    case.closed_on = None
    case.save(update_fields=["status", "closed_on", "updated_at"])
    audit.record(
        actor=by, action=AuditAction.UPDATE, obj=case, changes={"status": ["closed", "open"]}
    )
    return case


# --- Confidentiality ------------------------------------------------------------------------------


def log_access(case: Case, user, kind: str, obj=None) -> AccessLogEntry:
    return AccessLogEntry.objects.create(
        case=case, user=user, kind=kind, object_repr=str(obj)[:200] if obj is not None else ""
    )


def confidential_notes(case: Case, user) -> list[Note]:
    """The case's internal notes for someone allowed to read them; the read is logged."""
    if not may(user, "counselling.view_confidential", case):
        raise PermissionDenied
    notes = list(case.notes.select_related("author"))
    log_access(case, user, AccessKind.READ_NOTES, f"{len(notes)}")
    return notes


@transaction.atomic
def break_glass(case: Case, user, *, reason: str) -> BreakGlass:
    """A manager opens a case's confidential parts with a reason, for BREAK_GLASS_HOURS.

    Side effects: the reason shows on the case for everyone who can see it, and the access log
    and audit log record it.
    """
    if not may(user, "counselling.break_glass", case):
        raise PermissionDenied
    reason = reason.strip()
    if len(reason) < 10:
        raise ValidationError(_("Please say in a sentence why you need to open this case."))
    now = timezone.now()
    entry = BreakGlass.objects.create(
        case=case,
        user=user,
        reason=reason,
        at=now,
        expires_at=now + datetime.timedelta(hours=BREAK_GLASS_HOURS),
    )
    log_access(case, user, AccessKind.BREAK_GLASS, reason)
    # The reason stays on the case, for its staff; the audit log names the record only.
    audit.record(
        actor=user, action=AuditAction.GRANT, obj=case, changes={"break_glass": [None, entry.pk]}
    )
    return entry


@transaction.atomic
def add_note(case: Case, *, body: str, by) -> Note:
    if not body.strip():
        raise ValidationError(_("The note is empty."))
    return Note.objects.create(case=case, body=body, author=by)
