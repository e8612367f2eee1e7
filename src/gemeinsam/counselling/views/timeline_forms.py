"""Adding to a case's timeline: sessions, notes, tasks, outcomes and documents; marking a task
done; downloading a document.

Sessions, tasks and outcomes are for those who may change the case (its advisors and the
agency's managers). Notes and documents are confidential: only those who may read the
confidential parts add or open them. Each form has its own page (GET) and answers its POST by
going back to the case page.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from gemeinsam.accounts.roles import may

from .. import services
from ..forms_timeline import DocumentForm, NoteForm, OutcomeForm, SessionForm, TaskForm
from .timeline import CHANGE, CONFIDENTIAL, case_for


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
        services.timeline.open_document(document, user=request.user)
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
