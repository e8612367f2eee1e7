"""The case page with its timeline, the break-glass form and the access log, and adding to the
timeline: sessions, notes, tasks, outcomes and documents; marking a task done; downloading a
document.

Cases are fetched through the person asking, so staff of other agencies, members and platform
admins get 404. Confidential parts (internal notes, session summaries, documents) are for the
case's advisors, and for a manager of the agency after break-glass; every read is logged.
Sessions, tasks and outcomes are for those who may change the case (its advisors and the
agency's managers); notes and documents only for those who may read the confidential parts.
Each form has its own page (GET) and answers its POST by going back to the case page.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from gemeinsam.accounts.roles import may

from .. import queries, services
from ..forms.timeline import (
    BreakGlassForm,
    DocumentForm,
    NoteForm,
    OutcomeForm,
    SessionForm,
    TaskForm,
)
from ..models import Case

VIEW = "counselling.view_case"
CHANGE = "counselling.change_case"
CONFIDENTIAL = "counselling.view_confidential"
BREAK_GLASS = "counselling.break_glass"

# Items on the same day: the order they are listed in.
KIND_ORDER = {
    "forwarding": 0,
    "break_glass": 1,
    "outcome": 2,
    "document": 3,
    "appointment": 4,
    "session": 5,
    "task": 6,
}


def case_for(request, pk: int, perm: str = VIEW) -> Case:
    """The case through the person asking (404 for outsiders), then the permission (403)."""
    case = get_object_or_404(queries.cases_visible_to(request.user).select_related("agency"), pk=pk)
    if not may(request.user, perm, case):
        raise PermissionDenied
    return case


def _moment(value) -> datetime.datetime:
    """A date or a time as a point in local time, so both kinds sort together."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value)
    return timezone.make_aware(datetime.datetime.combine(value, datetime.time.min))


def open_tasks(case: Case) -> list[dict]:
    """The case's open tasks, soonest due first (overdue ones on top, those without a due date
    last), as timeline items."""
    today = timezone.localdate()
    tasks = sorted(
        (t for t in case.tasks.all() if t.done_at is None),
        key=lambda t: (t.due_on is None, t.due_on or today, t.created_at, t.pk),
    )
    return [
        {
            "kind": "task",
            "when": task.due_on or task.created_at,
            "obj": task,
            "overdue": task.due_on is not None and task.due_on < today,
        }
        for task in tasks
    ]


def build_timeline(case: Case, *, summaries: dict[int, str] | None) -> list[dict]:
    """Everything done on the case, newest first (open tasks are listed apart, `open_tasks`).
    `summaries` is None for people who may not read session summaries."""
    items = []

    def add(kind, when, obj, **extra):
        items.append({"kind": kind, "when": when, "obj": obj, **extra})

    for session in case.sessions.all():
        summary = summaries.get(session.pk, "") if summaries is not None else None
        add("session", session.held_on, session, summary=summary)
    for task in case.tasks.all():
        if task.done_at is not None:  # open tasks have their own list, soonest due first
            add("task", task.due_on or task.created_at, task, overdue=False)
    for document in case.documents.all():
        add("document", document.uploaded_at, document)
    for outcome in case.outcomes.all():
        add("outcome", outcome.achieved_on, outcome)
    for appointment in case.appointments.all():
        add("appointment", appointment.starts_at, appointment)
    for forwarding in case.forwardings.all():
        add("forwarding", forwarding.at, forwarding)
    for entry in case.break_glass.all():
        add("break_glass", entry.at, entry)
    items.sort(
        key=lambda i: (_moment(i["when"]), -KIND_ORDER[i["kind"]], i["obj"].pk), reverse=True
    )
    return items


@login_required
@require_http_methods(["GET", "HEAD"])
def case_detail(request, pk):
    try:
        case = queries.case_detail(request.user, pk)
    except Case.DoesNotExist:
        raise Http404 from None
    user = request.user
    if not may(user, VIEW, case):
        raise PermissionDenied
    can_read = may(user, CONFIDENTIAL, case)
    notes = services.timeline.confidential_notes(case, user) if can_read else None
    summaries = dict(case.sessions.values_list("pk", "summary")) if can_read else None
    context = {
        "case": case,
        "can_change": may(user, CHANGE, case),
        "can_read": can_read,
        "can_break_glass": not can_read and may(user, BREAK_GLASS, case),
        "notes": notes,
        "note_count": len(notes) if notes is not None else case.notes.count(),
        "note_form": NoteForm() if can_read else None,
        "break_glass_form": BreakGlassForm(),
        "hours": services.timeline.BREAK_GLASS_HOURS,
        "timeline": build_timeline(case, summaries=summaries),
        "open_tasks": open_tasks(case),
    }
    return render(request, "counselling/cases/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def break_glass(request, pk):
    """A manager of the agency who is not an advisor on the case opens its confidential parts,
    giving a reason that everyone on the case sees."""
    case = case_for(request, pk, BREAK_GLASS)
    form = BreakGlassForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.timeline.break_glass(
                case, request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            form.add_error("reason", exc)
        else:
            until = timezone.localtime(entry.expires_at)
            messages.success(
                request,
                _(
                    "Your reason has been recorded. You can read the confidential parts of this "
                    "case until %(time)s."
                )
                % {"time": date_format(until, "SHORT_DATETIME_FORMAT")},
            )
            return redirect("counselling:case-detail", pk=case.pk)
    return render(
        request,
        "counselling/timeline/break_glass.html",
        {"case": case, "form": form, "hours": services.timeline.BREAK_GLASS_HOURS},
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def access_log(request, pk):
    """Who read the case's confidential parts, and when: for the case's advisors and the
    agency's managers, who oversee reads without needing to read the notes themselves."""
    case = case_for(request, pk, CHANGE)
    entries = case.access_log.select_related("user").order_by("-at", "-id")
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "counselling/timeline/access_log.html",
        {"case": case, "page": page, "entries": page.object_list},
    )


def _form_page(request, case, form, *, title, intro="", submit, multipart=False):
    return render(
        request,
        "counselling/timeline/form.html",
        {
            "case": case,
            "form": form,
            "title": title,
            "intro": intro,
            "submit": submit,
            "multipart": multipart,
        },
    )


def _back(case):
    return redirect("counselling:case-detail", pk=case.pk)


def _run(form, call) -> bool:
    """Call the service; its ValidationError becomes a form error (nothing half-applied)."""
    try:
        call()
    except ValidationError as exc:
        form.add_error(None, exc)
        return False
    return True


def _data(request):
    return request.POST if request.method == "POST" else None


@login_required
@require_http_methods(["GET", "POST"])
def session_add(request, pk):
    case = case_for(request, pk, CHANGE)
    form = SessionForm(_data(request))
    if form.is_valid() and _run(
        form,
        lambda: services.timeline.add_session(case, by=request.user, **form.cleaned_data),
    ):
        messages.success(request, _("The session has been recorded."))
        return _back(case)
    return _form_page(
        request,
        case,
        form,
        title=gettext_lazy("Record a session"),
        intro=gettext_lazy(
            "The summary is internal: only the case's advisors can read it. The agreed next "
            "steps are shown to the organization."
        ),
        submit=gettext_lazy("Save the session"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def note_add(request, pk):
    case = case_for(request, pk, CONFIDENTIAL)
    form = NoteForm(_data(request))
    if form.is_valid() and _run(
        form,
        lambda: services.timeline.add_note(case, body=form.cleaned_data["body"], by=request.user),
    ):
        messages.success(request, _("The note has been added."))
        return _back(case)
    return _form_page(
        request,
        case,
        form,
        title=gettext_lazy("Add an internal note"),
        intro=gettext_lazy("Only the case's advisors can read internal notes."),
        submit=gettext_lazy("Save the note"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def task_add(request, pk):
    case = case_for(request, pk, CHANGE)
    form = TaskForm(_data(request), case=case)
    if form.is_valid() and _run(
        form,
        lambda: services.timeline.add_task(case, by=request.user, **form.cleaned_data),
    ):
        messages.success(request, _("The task has been added."))
        return _back(case)
    return _form_page(
        request, case, form, title=gettext_lazy("Add a task"), submit=gettext_lazy("Save the task")
    )


@login_required
@require_POST
def task_done(request, pk, task):
    case = case_for(request, pk, CHANGE)
    task = get_object_or_404(case.tasks, pk=task)
    services.timeline.complete_task(task, by=request.user)
    messages.success(request, _("“%(task)s” is done.") % {"task": task.title})
    return _back(case)


@login_required
@require_http_methods(["GET", "POST"])
def outcome_add(request, pk):
    case = case_for(request, pk, CHANGE)
    form = OutcomeForm(_data(request))
    if form.is_valid() and _run(
        form,
        lambda: services.timeline.add_outcome(case, by=request.user, **form.cleaned_data),
    ):
        messages.success(request, _("The outcome has been recorded."))
        return _back(case)
    return _form_page(
        request,
        case,
        form,
        title=gettext_lazy("Record an outcome"),
        submit=gettext_lazy("Save the outcome"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_upload(request, pk):
    case = case_for(request, pk, CONFIDENTIAL)
    form = DocumentForm(_data(request), request.FILES if request.method == "POST" else None)
    if form.is_valid() and _run(
        form,
        lambda: services.timeline.add_document(
            case,
            by=request.user,
            upload=form.cleaned_data["file"],
            checked=form.checked,
            is_shared=form.cleaned_data["is_shared"],
        ),
    ):
        messages.success(request, _("The document has been uploaded."))
        return _back(case)
    return _form_page(
        request,
        case,
        form,
        title=gettext_lazy("Upload a document"),
        intro=gettext_lazy(
            "Documents are stored outside the website and opened only by the case's advisors. "
            "Shared documents are also shown to the organization."
        ),
        submit=gettext_lazy("Upload"),
        multipart=True,
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def document_download(request, pk, doc):
    case = case_for(request, pk)
    if not may(request.user, CONFIDENTIAL, case):
        raise PermissionDenied
    document = get_object_or_404(case.documents.select_related("case"), pk=doc)
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404(_("The file of this document is no longer there.")) from None
    try:
        services.timeline.open_document(document, by=request.user)
    except BaseException:
        handle.close()
        raise
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
