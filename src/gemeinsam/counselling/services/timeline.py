"""Writes and confidential reads on a case's timeline: notes, sessions, tasks, outcomes and
documents, and the break-glass access to confidential parts. Confidential reads go through
`confidential_notes()` / `log_access()`, so every read leaves a trace.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gemeinsam.accounts.roles import may
from gemeinsam.core import audit
from gemeinsam.core.enums import AuditAction

from ..enums import AccessKind, OutcomeKind
from ..models import (
    AccessLogEntry,
    BreakGlass,
    Case,
    Document,
    Note,
    Outcome,
    Session,
    Task,
)
from ..uploads import CheckedUpload

BREAK_GLASS_HOURS = 4


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
def break_glass(case: Case, by, *, reason: str) -> BreakGlass:
    """A manager opens a case's confidential parts with a reason, for BREAK_GLASS_HOURS.

    Side effects: the reason shows on the case for everyone who can see it, and the access log
    and audit log record it.
    """
    if not may(by, "counselling.break_glass", case):
        raise PermissionDenied
    reason = reason.strip()
    if len(reason) < 10:
        raise ValidationError(_("Please say in a sentence why you need to open this case."))
    now = timezone.now()
    entry = BreakGlass.objects.create(
        case=case,
        user=by,
        reason=reason,
        at=now,
        expires_at=now + datetime.timedelta(hours=BREAK_GLASS_HOURS),
    )
    log_access(case, by, AccessKind.BREAK_GLASS, reason)
    # The reason stays on the case, for its staff; the audit log names the record only.
    audit.record(
        by=by, action=AuditAction.GRANT, obj=case, changes={"break_glass": [None, entry.pk]}
    )
    return entry


@transaction.atomic
def add_note(case: Case, *, body: str, by) -> Note:
    if not body.strip():
        raise ValidationError(_("The note is empty."))
    return Note.objects.create(case=case, body=body, author=by)


def _writable(case: Case) -> None:
    if case.anonymised_at:
        raise ValidationError(_("This case has been anonymised; nothing can be added to it."))


@transaction.atomic
def add_session(
    case: Case,
    *,
    by,
    held_on: datetime.date,
    duration_minutes: int,
    channel: str,
    participants: str = "",
    summary: str = "",
    next_steps: str = "",
) -> Session:
    """Record a session. The summary is encrypted by its field; the next steps are shared with
    the case's organizations."""
    _writable(case)
    if not 0 < duration_minutes <= 24 * 60:
        raise ValidationError(_("A session lasts between 1 and 1440 minutes."))
    return Session.objects.create(
        case=case,
        held_on=held_on,
        duration_minutes=duration_minutes,
        channel=channel,
        participants=participants,
        summary=summary,
        next_steps=next_steps,
        advisor=by,
    )


@transaction.atomic
def add_task(
    case: Case,
    *,
    by,
    title: str,
    due_on: datetime.date | None = None,
    assignee=None,
    is_shared: bool = False,
) -> Task:
    """A task on the case; the assignee must be one of the case's advisors."""
    _writable(case)
    if not title.strip():
        raise ValidationError(_("Please name the task."))
    if assignee is not None and not case.advisors.filter(pk=assignee.pk).exists():
        raise ValidationError(_("Tasks can be assigned to the case's advisors only."))
    return Task.objects.create(
        case=case, title=title.strip(), due_on=due_on, assignee=assignee, is_shared=is_shared
    )


@transaction.atomic
def complete_task(task: Task, *, by) -> Task:
    """Mark a task done (once; marking it again changes nothing)."""
    task = Task.objects.select_for_update().get(pk=task.pk)
    if task.done_at is None:
        task.done_at = timezone.now()
        task.save(update_fields=["done_at"])
    return task


@transaction.atomic
def add_outcome(
    case: Case,
    *,
    by,
    kind: str,
    achieved_on: datetime.date,
    programme: str = "",
    amount: Decimal | None = None,
    comment: str = "",
) -> Outcome:
    """Record what the counselling achieved. Funding outcomes name a programme and an amount.

    Side effects: an audit entry (outcomes are what funders are told).
    """
    _writable(case)
    if kind in OutcomeKind.with_programme():
        if not programme.strip() or amount is None:
            raise ValidationError(_("A funding outcome needs the programme and the amount."))
    elif programme.strip() or amount is not None:
        raise ValidationError(_("Only funding outcomes have a programme and an amount."))
    if amount is not None and amount < 0:
        raise ValidationError(_("The amount cannot be negative."))
    outcome = Outcome.objects.create(
        case=case,
        kind=kind,
        achieved_on=achieved_on,
        programme=programme.strip(),
        amount=amount,
        comment=comment,
        recorded_by=by,
    )
    audit.record(
        by=by,
        action=AuditAction.CREATE,
        obj=outcome,
        changes={
            "case": case.reference,
            "kind": kind,
            "achieved_on": str(achieved_on),
            "programme": outcome.programme,
            "amount": str(amount) if amount is not None else None,
        },
    )
    return outcome


def add_document(case: Case, *, by, upload, checked: CheckedUpload, is_shared: bool) -> Document:
    """Store a checked upload in the private storage under a random name.

    Side effects: the file in the private storage (removed again if the record is not saved),
    an audit entry.
    """
    _writable(case)
    document = Document(
        case=case,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        is_shared=is_shared,
        uploaded_by=by,
    )
    upload.seek(0)
    document.file.save(checked.name, upload, save=False)
    stored = document.file.name
    try:
        with transaction.atomic():
            document.save()
            audit.record(
                by=by,
                action=AuditAction.CREATE,
                obj=document,
                # The file's name may name the person: the log keeps the record's id only.
                changes={
                    "case": case.reference,
                    "size": checked.size,
                    "shared": is_shared,
                },
            )
    except Exception:
        document.file.storage.delete(stored)
        raise
    return document


@transaction.atomic
def open_document(document: Document, *, by) -> Document:
    """Someone allowed to read the case's confidential parts opens a document; the read is
    logged (AccessLogEntry, READ_DOCUMENT)."""
    case = document.case
    if not may(by, "counselling.view_confidential", case):
        raise PermissionDenied
    log_access(case, by, AccessKind.READ_DOCUMENT, document.original_name)
    return document
