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
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gemeinsam.core import audit
from gemeinsam.core.enums import AuditAction
from gemeinsam.core.models import AuditLogEntry

from .enums import AccessKind, CaseStatus, RequestStatus
from .models import (
    AccessLogEntry,
    Appointment,
    Case,
    ConsentRecord,
    Contact,
    Document,
    Note,
    Outcome,
    Request,
    Session,
    Task,
    private_storage,
)

logger = logging.getLogger(__name__)

EXPORT = AuditAction.EXPORT
ANONYMISED = "(anonymised)"
# Audit-log change keys that may carry personal data; anonymising blanks their values.
PERSONAL_KEYS = {"title", "name", "email", "phone", "participants", "description"}


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
    entry = audit.record(
        actor=viewer,
        action=EXPORT,
        obj=subject,
        changes={"export": [None, fmt], "cases": [None, len(set(case_ids))]},
    )
    if isinstance(subject, Contact):  # the log names no person
        AuditLogEntry.objects.filter(pk=entry.pk).update(object_repr=f"#{subject.pk}")
    return len(set(case_ids))


# --- Erasing a person ----------------------------------------------------------------------------


@dataclass
class Erasure:
    contact: Contact
    cases_anonymised: int
    cases_stripped: int
    sessions_cleaned: int


def remove_name(text: str, name: str) -> str:
    """`text` without the name (whole words, any case), separators tidied: "Amal Haddad, Berk
    Yılmaz" without "amal haddad" is "Berk Yılmaz"."""
    if not (text and name.strip()):
        return text
    pattern = re.compile(rf"(?<!\w){re.escape(name.strip())}(?!\w)", re.IGNORECASE)
    if not pattern.search(text):
        return text
    parts = [p.strip(" ()-") for p in re.split(r"[,;\n]", pattern.sub("", text))]
    return ", ".join(p for p in parts if p.strip())


@transaction.atomic
def erase_contact(contact: Contact, *, by) -> Erasure:
    """Erase a person from counselling while the figures stay as they were.

    Side effects:
    - the contact's name, email, phone, organization and account link are blanked and
      `anonymised_at` set; their consent records stay, marked withdrawn;
    - their requests lose description, preferred times, postcode, organization name and the
      account that sent them; a request still waiting in a queue is withdrawn;
    - their name is removed from the participants of every session of their cases;
    - cases on which they are the only contact: closed ones are anonymised (`anonymise_case`);
      open ones get a neutral title and lose internal notes, session summaries and documents
      (files deleted from storage after commit), so the advisors can go on working;
    - an audit entry (without the erased data); earlier audit entries about the contact no
      longer name them.
    The record is the same for every agency, so this applies to all of them.
    """
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if contact.anonymised_at:
        raise ValidationError(_("This person's data has already been erased."))
    name = contact.name
    cases = list(Case.objects.filter(contacts=contact).order_by("pk"))
    links = Case.contacts.through.objects.filter(case__in=cases).values("case_id")
    sole = {
        pk
        for pk, n in links.annotate(n=Count("contact_id")).values_list("case_id", "n").order_by()
        if n == 1
    }
    cleaned = 0
    for session in Session.objects.filter(case__in=cases).only("pk", "participants"):
        participants = remove_name(session.participants, name)
        if participants != session.participants:
            Session.objects.filter(pk=session.pk).update(participants=participants)
            cleaned += 1
    now = timezone.now()
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
        actor=by,
        action=AuditAction.DELETE,
        obj=contact,
        changes={
            "anonymised": [None, now.isoformat(timespec="seconds")],
            "cases_anonymised": [None, anonymised + stripped],
        },
    )
    return Erasure(contact, anonymised, stripped, cleaned)


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
    _scrub_audit(contact, f"#{contact.pk}")


def _scrub_audit(obj, repr_: str) -> None:
    """Earlier audit entries about `obj` keep who did what and when, but no personal data."""
    entries = AuditLogEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
    for entry in entries.only("pk", "changes"):
        changes = {
            key: ([ANONYMISED, ANONYMISED] if key in PERSONAL_KEYS else value)
            for key, value in (entry.changes or {}).items()
        }
        AuditLogEntry.objects.filter(pk=entry.pk).update(object_repr=repr_, changes=changes)


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
    _delete_documents(case)
    AccessLogEntry.objects.filter(case=case, kind=AccessKind.READ_DOCUMENT).update(object_repr="")
    _scrub_audit(case, str(case))


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
        actor=by,
        action=AuditAction.UPDATE,
        obj=case,
        changes={"anonymised": [None, now.isoformat(timespec="seconds")]},
    )
    return True


def expired_cases(today: datetime.date | None = None):
    """Closed cases whose retention period (`GEMEINSAM_CASE_RETENTION_DAYS` after closing) is
    over and that are not anonymised yet."""
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=settings.GEMEINSAM_CASE_RETENTION_DAYS)
    return Case.objects.filter(
        status=CaseStatus.CLOSED, closed_on__lte=cutoff, anonymised_at__isnull=True
    )


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
