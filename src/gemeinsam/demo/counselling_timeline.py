"""A featured case's timeline, written when the case is first created (counselling.py).

Sessions, tasks, outcomes and documents are written directly; notes, consent, break-glass and
the reads of confidential parts go through `counselling.services`, so they are encrypted and
logged as in use. Documents are small generated files in the model's private storage.
"""

from __future__ import annotations

import datetime
import textwrap
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

from .counselling_specs import CaseSpec, DocumentSpec, intake
from .days import at


def write_timeline(
    case: Case, spec: CaseSpec, *, today: datetime.date, users: dict, fill: Callable[[str], str]
) -> None:
    """Consent to keep case data, the template's tasks (the first ones done), sessions, notes,
    tasks, outcomes, documents, a break-glass and the reads the access log shows."""
    opened, lead = case.opened_on, users[spec.advisors[0].email]

    def day(offset: int) -> datetime.date:
        return opened + datetime.timedelta(days=offset)

    for contact in case.contacts.all():
        consent = services.public.record_consent(
            contact,
            purpose=ConsentPurpose.CASE_DATA,
            version=intake().consent.version,
            text=intake().case_data_consent,
        )
        ConsentRecord.objects.filter(pk=consent.pk).update(given_at=at(opened, 10))
    _template_tasks(case, spec, today, day)
    Session.objects.bulk_create(
        Session(
            case=case,
            held_on=day(s.day),
            duration_minutes=s.minutes,
            channel=s.channel,
            participants=fill(s.participants),
            summary=fill(s.summary),
            next_steps=fill(s.next_steps),
            advisor=users[s.advisor.email] if s.advisor else lead,
        )
        for s in spec.sessions
    )
    for note in spec.notes:
        author = users[note.author.email]
        written = services.timeline.add_note(case, body=fill(note.body), by=author)
        Note.objects.filter(pk=written.pk).update(created_at=at(day(note.day), 17))
    _tasks_and_outcomes(case, spec, today, users, fill, day)
    documents = [_write_document(case, d, users, day(d.day)) for d in spec.documents]
    if spec.break_glass:
        glass = spec.break_glass
        when = today - datetime.timedelta(days=glass.days_ago)
        _break_glass(case, users[glass.by.email], glass.reason, when)
    for read in spec.reads:
        reader = users[read.by.email]
        if read.what == "notes":
            services.timeline.confidential_notes(case, reader)
        else:
            services.timeline.log_access(case, reader, AccessKind.READ_DOCUMENT, documents[0])


def _template_tasks(case: Case, spec: CaseSpec, today: datetime.date, day) -> None:
    """The template's tasks fall due as its steps say (or as the case says); the first ones
    are done."""
    tasks = list(case.tasks.select_related("template_step").order_by("template_step__position"))
    for task in tasks:
        position = task.template_step.position
        task.due_on = day(task.template_step.offset_days)
        if position in spec.step_due:
            task.due_on = today + datetime.timedelta(days=spec.step_due[position])
        if position < spec.steps_done:
            task.done_at = at(min(task.due_on, today), 16)
    Task.objects.bulk_update(tasks, ["due_on", "done_at"])


def _tasks_and_outcomes(case: Case, spec: CaseSpec, today, users: dict, fill, day) -> None:
    for t in spec.tasks:
        due = today + datetime.timedelta(days=t.due)
        Task.objects.create(
            case=case,
            title=fill(t.title),
            due_on=due,
            assignee=users[t.assignee.email],
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
            recorded_by=users[spec.advisors[0].email],
        )
        for o in spec.outcomes
    )


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
        uploaded_by=users[spec.by.email],
        uploaded_at=at(day, 11),
    )
    document.file.save(spec.name, ContentFile(content), save=False)
    document.save()
    return document


def _pdf(title: str, lines: tuple[str, ...]) -> bytes:
    """A one-page A4 PDF with a title and lines in Helvetica, written out directly: the demo
    needs no layout engine for a checklist, and loading stays quick."""

    def string(text: str) -> bytes:
        raw = text.encode("cp1252", "replace")  # the fonts' WinAnsiEncoding
        return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"

    body = [b"BT", b"/F2 15 Tf", b"18 TL", b"56 780 Td"]
    for part in textwrap.wrap(title, 60):
        body += [string(part) + b" Tj", b"T*"]
    body += [b"/F1 11 Tf", b"15 TL", b"T*"]
    for line in lines:
        for part in textwrap.wrap(line, 88):
            body += [string(part) + b" Tj", b"T*"]
        body.append(b"T*")
    body.append(b"ET")
    stream = b"\n".join(body)
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
        font % b"Helvetica",
        font % b"Helvetica-Bold",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Title " + string(title) + b" /Producer (gemeinsam demo) >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 7 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _break_glass(case: Case, manager, reason: str, when: datetime.date) -> None:
    """The manager opened the case with a reason some days ago; the access has run out since."""
    entry = services.timeline.break_glass(case, manager, reason=reason)
    opened_at = at(when, 8, 40)
    BreakGlass.objects.filter(pk=entry.pk).update(
        at=opened_at,
        expires_at=opened_at + datetime.timedelta(hours=services.timeline.BREAK_GLASS_HOURS),
    )
    AccessLogEntry.objects.filter(case=case, user=manager, kind=AccessKind.BREAK_GLASS).update(
        at=opened_at
    )
