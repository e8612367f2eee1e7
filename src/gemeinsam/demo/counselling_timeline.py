"""A featured case's timeline, written when the case is first created (counselling.py).

Sessions, tasks, outcomes and documents are written directly; notes, consent, break-glass and
the reads of confidential parts go through `counselling.services`, so they are encrypted and
logged as in use. Documents are small generated files in the model's private storage.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.core.files.base import ContentFile

from gemeinsam.counselling import services
from gemeinsam.counselling.enums import DOCUMENT_TYPES, AccessKind, ConsentPurpose
from gemeinsam.counselling.models import (
    AccessLogEntry,
    BreakGlass,
    Case,
    ConsentRecord,
    Document,
    Note,
    Outcome,
    Session,
    Task,
)

from .counselling_specs import CASE_DATA_CONSENT, CONSENT_VERSION, CaseSpec, DocumentSpec
from .events import at


def write_timeline(
    case: Case, spec: CaseSpec, *, today: datetime.date, users: dict, fill: Callable[[str], str]
) -> None:
    """Consent to keep case data, the template's tasks (the first ones done), sessions, notes,
    tasks, outcomes, documents, a break-glass and the reads the access log shows."""
    opened, lead = case.opened_on, users[spec.advisors[0]]

    def day(offset: int) -> datetime.date:
        return opened + datetime.timedelta(days=offset)

    for contact in case.contacts.all():
        consent = services.record_consent(
            contact,
            purpose=ConsentPurpose.CASE_DATA,
            version=CONSENT_VERSION,
            text=CASE_DATA_CONSENT,
        )
        ConsentRecord.objects.filter(pk=consent.pk).update(given_at=at(opened, 10))
    tasks = list(case.tasks.select_related("template_step").order_by("template_step__position"))
    for task in tasks:
        position = task.template_step.position
        task.due_on = day(task.template_step.offset_days)
        if position in spec.step_due:
            task.due_on = today + datetime.timedelta(days=spec.step_due[position])
        if position < spec.steps_done:
            task.done_at = at(min(task.due_on, today), 16)
    Task.objects.bulk_update(tasks, ["due_on", "done_at"])
    Session.objects.bulk_create(
        Session(
            case=case,
            held_on=day(s.day),
            duration_minutes=s.minutes,
            channel=s.channel,
            participants=fill(s.participants),
            summary=fill(s.summary),
            next_steps=fill(s.next_steps),
            advisor=users.get(s.advisor) or lead,
        )
        for s in spec.sessions
    )
    for note in spec.notes:
        written = services.add_note(case, body=fill(note.body), by=users[note.author])
        Note.objects.filter(pk=written.pk).update(created_at=at(day(note.day), 17))
    for t in spec.tasks:
        due = today + datetime.timedelta(days=t.due)
        Task.objects.create(
            case=case,
            title=fill(t.title),
            due_on=due,
            assignee=users[t.assignee],
            is_shared=t.shared,
            done_at=at(due, 15) if t.done else None,
        )
    Outcome.objects.bulk_create(
        Outcome(
            case=case,
            kind=o.kind,
            achieved_on=day(o.day),
            programme=o.programme,
            amount=o.amount,
            comment=o.comment,
            recorded_by=lead,
        )
        for o in spec.outcomes
    )
    documents = [_write_document(case, d, users, day(d.day)) for d in spec.documents]
    if spec.break_glass:
        manager, reason, days_ago = spec.break_glass
        _break_glass(case, users[manager], reason, today - datetime.timedelta(days=days_ago))
    for email, what in spec.reads:
        if what == "notes":
            services.confidential_notes(case, users[email])
        else:
            services.log_access(case, users[email], AccessKind.READ_DOCUMENT, documents[0])


def _write_document(case: Case, spec: DocumentSpec, users: dict, day: datetime.date) -> Document:
    """A small file in the private storage, as an upload would leave it."""
    extension = spec.name[spec.name.rindex(".") :].lower()
    if extension == ".pdf":
        content = _pdf(spec.title, spec.lines)
    else:
        content = "\n".join([spec.title, "", *spec.lines, ""]).encode()
    document = Document(
        case=case,
        original_name=spec.name,
        content_type=DOCUMENT_TYPES[extension],
        size=len(content),
        is_shared=spec.shared,
        uploaded_by=users[spec.by],
        uploaded_at=at(day, 11),
    )
    document.file.save(spec.name, ContentFile(content), save=False)
    document.save()
    return document


def _pdf(title: str, lines: tuple[str, ...]) -> bytes:
    """A one-page PDF with a title and lines, in the standard Helvetica (Latin-1) font."""
    from fpdf import FPDF

    def latin(text: str) -> str:
        for fancy, plain in (("„", '"'), ("“", '"'), ("–", "-"), ("•", "-")):
            text = text.replace(fancy, plain)
        return text

    pdf = FPDF()
    pdf.set_title(latin(title))
    pdf.set_creation_date(datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
    pdf.add_page()
    pdf.set_font("helvetica", "B", 15)
    pdf.multi_cell(0, 8, latin(title), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("helvetica", size=11)
    for line in lines:
        pdf.multi_cell(0, 6, latin(line), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    return bytes(pdf.output())


def _break_glass(case: Case, manager, reason: str, when: datetime.date) -> None:
    """The manager opened the case with a reason some days ago; the access has run out since."""
    entry = services.break_glass(case, manager, reason=reason)
    opened_at = at(when, 8, 40)
    BreakGlass.objects.filter(pk=entry.pk).update(
        at=opened_at, expires_at=opened_at + datetime.timedelta(hours=services.BREAK_GLASS_HOURS)
    )
    AccessLogEntry.objects.filter(case=case, user=manager, kind=AccessKind.BREAK_GLASS).update(
        at=opened_at
    )
