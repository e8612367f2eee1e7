"""Writes for data protection: logging exports, erasing a person, anonymising cases.

Each service is one transaction; its docstring names the side effects. Anonymising never touches
what the figures count (case type, topics, language, project, kind of organization, new or
returning organization, dates, sessions' channels and durations, outcomes), so the funders'
figures are the same before and after. Files are removed from storage only once the
transaction has committed.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gemeinsam.core import audit, personal_data
from gemeinsam.core.enums import AuditAction
from gemeinsam.core.personal_data import Scope

from ..enums import AccessKind, CaseStatus, RequestStatus
from ..gdpr import subject_of
from ..models import (
    AccessLogEntry,
    Appointment,
    BreakGlass,
    Case,
    ConsentRecord,
    Contact,
    Document,
    Forwarding,
    Note,
    Outcome,
    Request,
    Session,
    Task,
    private_storage,
)
from ..queries import expired_cases
from ..redaction import Redaction, remove_name
from ..tasks.gdpr import send_erasure_notice

logger = logging.getLogger(__name__)

EXPORT = AuditAction.EXPORT


def neutral_title(case: Case) -> str:
    """The title an anonymised case keeps, in the platform's language: "Case 2026-00042"."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Case %(reference)s") % {"reference": case.reference}


def _neutral_task_title() -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("Task")


# --- Exports -------------------------------------------------------------------------------------


@transaction.atomic
def log_export(viewer, *, subject, case_ids, fmt: str, notes_included: bool = False) -> int:
    """Record that `viewer` exported the data of `subject` (a Contact or an Organization).

    Side effects: an access-log entry (kind "export") on every case involved, and an audit
    entry on the subject. Neither holds the exported data itself.
    """
    what = f"{subject._meta.model_name} #{subject.pk} ({fmt})"
    if notes_included:
        what += ", internal notes included"
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(case_id=pk, user=viewer, kind=AccessKind.EXPORT, object_repr=what)
        for pk in sorted(set(case_ids))
    )
    # Counselling's entries name a contact by id only (`audit.keep_confidential`).
    audit.record(
        by=viewer,
        action=EXPORT,
        obj=subject,
        changes={"export": [None, fmt], "cases": [None, len(set(case_ids))]},
    )
    return len(set(case_ids))


# --- Erasing a person ----------------------------------------------------------------------------


@dataclass
class Erasure:
    contact: Contact
    cases_anonymised: int
    cases_stripped: int
    sessions_cleaned: int
    # Other agencies hold the person too: their records stay, and their managers are told.
    agencies_notified: int = 0


def _in_scope(contact: Contact, agency_ids) -> tuple[QuerySet[Request], QuerySet[Case]]:
    """The person's requests and cases that the agencies hold. A request no agency covers is in
    every agency's queue, so it counts as theirs too."""
    requests = Request.objects.filter(contact=contact)
    cases = Case.objects.filter(contacts=contact)
    if agency_ids is not None:
        requests = requests.filter(Q(agency_id__in=agency_ids) | Q(agency__isnull=True))
        cases = cases.filter(agency_id__in=agency_ids)
    return requests, cases


def other_agencies(contact: Contact, agency_ids) -> set[int]:
    """The agencies other than these that hold a request or a case of the person."""
    if agency_ids is None:
        return set()
    held = set(
        Request.objects.filter(contact=contact, agency__isnull=False).values_list(
            "agency_id", flat=True
        )
    )
    held |= set(Case.objects.filter(contacts=contact).values_list("agency_id", flat=True))
    return held - set(agency_ids)


@transaction.atomic
def erase_contact(contact: Contact, *, by, agency_ids=None) -> Erasure:
    """Erase a person from what the agencies `agency_ids` hold (None: from all of counselling)
    while the figures stay as they were.

    Side effects, within those agencies' requests and cases (and the requests no agency covers):
    - the requests lose description, preferred times, postcode, organization name and the
      account that sent them; a request still waiting in a queue is withdrawn;
    - the person's name, address and phone number are taken out of everything staff typed:
      case titles, session participants and next steps, task titles, outcome comments,
      appointment titles, break-glass reasons, forwarding and decline reasons, internal notes,
      document names, the access log and the audit log;
    - cases on which they are the only contact: closed ones are anonymised (`anonymise_case`);
      open ones get a neutral title and lose internal notes, session summaries and documents
      (files deleted from storage after commit), so the advisors can go on working;
    - when no other agency holds the person, their record is blanked (name, email, phone,
      organization, account link; `anonymised_at` set; consents marked withdrawn). When others
      do, the record stays as it is for them: these agencies' requests move to a blank record,
      the person leaves these agencies' cases and appointments, and the other agencies'
      managers are told by mail that the person asked for erasure;
    - an audit entry (without the erased data).
    """
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if contact.anonymised_at:
        raise ValidationError(_("This person's data has already been erased."))
    now = timezone.now()
    redact = Redaction.of(names=[contact.name], emails=[contact.email], phones=[contact.phone])
    requests, cases_qs = _in_scope(contact, agency_ids)
    cases = list(cases_qs.order_by("pk"))
    request_ids = list(requests.values_list("pk", flat=True))
    others = other_agencies(contact, agency_ids)
    links = Case.contacts.through.objects.filter(case__in=cases).values("case_id")
    sole = {
        pk
        for pk, n in links.annotate(n=Count("contact_id")).values_list("case_id", "n").order_by()
        if n == 1
    }
    cleaned = 0
    for session in Session.objects.filter(case__in=cases).only("pk", "participants"):
        participants = redact(remove_name(session.participants, contact.name))
        if participants != session.participants:
            Session.objects.filter(pk=session.pk).update(participants=participants)
            cleaned += 1
    redact_cases(cases, redact)
    _redact_requests(request_ids, redact, now)
    if others:
        _leave_for_others(contact, request_ids, cases, others, erased_by=agency_ids)
    else:
        _blank_contact(contact, now)
    anonymised = stripped = 0
    for case in cases:
        if case.pk not in sole:
            continue
        if case.status == CaseStatus.CLOSED:
            anonymised += anonymise_case(case, by=by)
        else:
            _strip_case(case)
            stripped += 1
    audit.record(
        by=by,
        action=AuditAction.DELETE,
        obj=contact,
        changes={
            "anonymised": [None, now.isoformat(timespec="seconds")],
            "cases_anonymised": [None, anonymised + stripped],
            "agencies": [None, sorted(agency_ids) if agency_ids is not None else "all"],
        },
    )
    return Erasure(contact, anonymised, stripped, cleaned, len(others))


def erase_for_agencies(contact: Contact, *, by, agencies) -> dict[str, int]:
    """A manager erases a person from what their agencies hold, in every app that registered
    personal data (counselling, registrations for the agencies' events, bookings of their
    rooms), in one transaction. Returns the records changed per app (see `erase_contact` for
    counselling's side effects)."""
    if contact.anonymised_at:
        raise ValidationError(_("This person's data has already been erased."))
    scope = Scope.of_agencies([a.pk for a in agencies], viewer=by)
    return personal_data.erase(subject_of(contact), scope)


def _redact_requests(request_ids: list[int], redact: Redaction, now) -> None:
    requests = Request.objects.filter(pk__in=request_ids)
    requests.filter(status=RequestStatus.NEW).update(status=RequestStatus.WITHDRAWN, decided_at=now)
    requests.update(
        description="", preferred_times="", postcode="", organization_name="", requested_by=None
    )
    for request in requests.exclude(decline_reason="").only("pk", "decline_reason"):
        Request.objects.filter(pk=request.pk).update(decline_reason=redact(request.decline_reason))
    _redact_rows(Forwarding.objects.filter(request_id__in=request_ids), redact, "reason")


def _redact_rows(queryset, redact: Redaction, *fields: str) -> int:
    """Each row's fields with the person taken out; only rows that named them are written."""
    changed = 0
    for row in queryset.only("pk", *fields):
        values = {f: redact(getattr(row, f)) for f in fields}
        if any(values[f] != getattr(row, f) for f in fields):
            queryset.model.objects.filter(pk=row.pk).update(**values)
            changed += 1
    return changed


def redact_cases(cases: list[Case], redact: Redaction) -> int:
    """Take the person out of everything typed on these cases (see `erase_contact`)."""
    changed = _redact_rows(Case.objects.filter(pk__in=[c.pk for c in cases]), redact, "title")
    changed += _redact_rows(Session.objects.filter(case__in=cases), redact, "next_steps")
    changed += _redact_rows(Task.objects.filter(case__in=cases), redact, "title")
    changed += _redact_rows(Outcome.objects.filter(case__in=cases), redact, "comment")
    changed += _redact_rows(Appointment.objects.filter(case__in=cases), redact, "title", "location")
    changed += _redact_rows(BreakGlass.objects.filter(case__in=cases), redact, "reason")
    changed += _redact_rows(AccessLogEntry.objects.filter(case__in=cases), redact, "object_repr")
    changed += _redact_rows(Forwarding.objects.filter(case__in=cases), redact, "reason")
    changed += _redact_rows(Document.objects.filter(case__in=cases), redact, "original_name")
    # Encrypted: each is opened, and saved again only if it named the person.
    for model, field in ((Note, "body"), (Session, "summary")):
        for row in model.objects.filter(case__in=cases).only("pk", field):
            if redact.finds(getattr(row, field)):
                setattr(row, field, redact(getattr(row, field)))
                row.save(update_fields=[field])
                changed += 1
    case_ids = [c.pk for c in cases]
    audit.forget("counselling.case", case_ids)
    for model in (Document, Outcome):
        ids = model.objects.filter(case_id__in=case_ids).values_list("pk", flat=True)
        audit.forget(model._meta.label_lower, ids)
    return changed


def _leave_for_others(contact: Contact, request_ids, cases: list[Case], others, *, erased_by):
    """The person's record is other agencies' too: ours let go of it, and theirs are told."""
    blank = Contact.objects.create(
        preferred_language=contact.preferred_language, anonymised_at=timezone.now()
    )
    Request.objects.filter(pk__in=request_ids).update(contact=blank)
    Case.contacts.through.objects.filter(case__in=cases, contact=contact).delete()
    Appointment.attendees.through.objects.filter(
        appointment__case__in=cases, contact=contact
    ).delete()
    for agency_id in sorted(others):
        send_erasure_notice.enqueue(contact.pk, agency_id, sorted(erased_by))


def _blank_contact(contact: Contact, now: datetime.datetime) -> None:
    contact.name = contact.email = contact.phone = ""
    contact.organization = None
    contact.user = None
    contact.anonymised_at = now
    contact.save()
    ConsentRecord.objects.filter(contact=contact, withdrawn_at__isnull=True).update(
        withdrawn_at=now
    )
    Request.objects.filter(contact=contact, status=RequestStatus.NEW).update(
        status=RequestStatus.WITHDRAWN, decided_at=now
    )
    Request.objects.filter(contact=contact).update(
        description="", preferred_times="", postcode="", organization_name="", requested_by=None
    )
    audit.forget("counselling.contact", [contact.pk])


def _delete_documents(case: Case) -> int:
    names = list(Document.objects.filter(case=case).values_list("file", flat=True))
    deleted, _by_model = Document.objects.filter(case=case).delete()

    def remove_files():
        for name in names:
            if name:
                private_storage.delete(name)

    transaction.on_commit(remove_files)
    return deleted


def _strip_case(case: Case) -> None:
    """Neutral title; no internal notes, session summaries or documents."""
    case.title = neutral_title(case)
    case.save(update_fields=["title", "updated_at"])
    Note.objects.filter(case=case).delete()
    Session.objects.filter(case=case).update(summary="")
    document_ids = list(Document.objects.filter(case=case).values_list("pk", flat=True))
    _delete_documents(case)
    audit.forget("counselling.document", document_ids)
    AccessLogEntry.objects.filter(case=case, kind=AccessKind.READ_DOCUMENT).update(object_repr="")
    audit.forget("counselling.case", [case.pk])


# --- Anonymising a case --------------------------------------------------------------------------


@transaction.atomic
def anonymise_case(case: Case, *, by=None) -> bool:
    """Anonymise one case, keeping everything the figures count. False if it already was.

    Side effects:
    - neutral title ("Case <reference>"); internal notes deleted; session summaries,
      participants and next steps blanked; outcome comments blanked; documents deleted (files
      after commit); appointments get the neutral title, no place, video link or invitees;
      tasks not taken from a template get a neutral title;
    - the request the case came from loses description, preferred times, postcode and
      organization name;
    - its contacts are unlinked; each one without another case that is not anonymised, and
      without an open request, is erased as in `erase_contact` (blanked, consents withdrawn);
    - `anonymised_at` is set; an audit entry; earlier audit entries no longer show the title.
    """
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.anonymised_at:
        return False
    now = timezone.now()
    _strip_case(case)
    case.anonymised_at = now
    case.save(update_fields=["anonymised_at", "updated_at"])
    Session.objects.filter(case=case).update(participants="", next_steps="")
    Outcome.objects.filter(case=case).update(comment="")
    Task.objects.filter(case=case, template_step__isnull=True).update(title=_neutral_task_title())
    appointments = Appointment.objects.filter(case=case)
    Appointment.attendees.through.objects.filter(appointment__in=appointments).delete()
    appointments.update(title=case.title, location="", video_link="")
    if case.request_id:
        Request.objects.filter(pk=case.request_id).update(
            description="", preferred_times="", postcode="", organization_name=""
        )
    contacts = list(case.contacts.filter(anonymised_at__isnull=True))
    case.contacts.clear()
    for contact in contacts:
        other_cases = Case.objects.filter(contacts=contact, anonymised_at__isnull=True)
        open_requests = Request.objects.filter(contact=contact, status=RequestStatus.NEW)
        if not other_cases.exists() and not open_requests.exists():
            _blank_contact(Contact.objects.select_for_update().get(pk=contact.pk), now)
    audit.record(
        by=by,
        action=AuditAction.UPDATE,
        obj=case,
        changes={"anonymised": [None, now.isoformat(timespec="seconds")]},
    )
    return True


def anonymise_expired_cases(today: datetime.date | None = None) -> int:
    """Anonymise every expired case, each in its own transaction; returns how many were.

    A case that fails stays as it was and the others go on; the failure is logged and raised
    at the end (`RetentionError`). Running it again does nothing more.
    """
    count = 0
    failed = []
    for pk in list(expired_cases(today).order_by("pk").values_list("pk", flat=True)):
        try:
            count += anonymise_case(Case(pk=pk))
        except Exception:
            logger.exception("Anonymising case %s failed", pk)
            failed.append(pk)
    if failed:
        raise RetentionError(count, failed)
    return count


class RetentionError(Exception):
    """Some expired cases could not be anonymised; the others were."""

    def __init__(self, anonymised: int, failed: list[int]):
        self.anonymised = anonymised
        self.failed = failed
        super().__init__(f"{anonymised} cases anonymised; anonymising cases {failed} failed.")
