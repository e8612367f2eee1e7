"""The case page with its timeline, the break-glass form and the access log.

Cases are fetched through the person asking, so staff of other agencies, members and platform
admins get 404. Confidential parts (internal notes, session summaries, documents) are for the
case's advisors, and for a manager of the agency after break-glass; every read is logged.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gemeinsam.accounts.roles import may

from .. import queries, services
from ..forms_timeline import BreakGlassForm, NoteForm
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


def build_timeline(case: Case, *, summaries: dict[int, str] | None) -> list[dict]:
    """Everything on the case, newest first. `summaries` is None for people who may not read
    session summaries."""
    today = timezone.localdate()
    items = []

    def add(kind, when, obj, **extra):
        items.append({"kind": kind, "when": when, "obj": obj, **extra})

    for session in case.sessions.all():
        summary = summaries.get(session.pk, "") if summaries is not None else None
        add("session", session.held_on, session, summary=summary)
    for task in case.tasks.all():
        overdue = task.done_at is None and task.due_on is not None and task.due_on < today
        add("task", task.due_on or task.created_at, task, overdue=overdue)
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
        "open_tasks": sum(1 for t in case.tasks.all() if t.done_at is None),
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
