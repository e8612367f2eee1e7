"""Staff pages for an event's participants: the list with its filters, decisions on pending
registrations, cancelling on someone's behalf, attendance, the export and the mail to all."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from .. import exports as exporter
from .. import queries, services
from ..enums import RegistrationStatus
from ..forms.participants import (
    AttendanceForm,
    BulkForm,
    DecisionForm,
    ParticipantFilterForm,
    ParticipantMailForm,
)

VIEW = "events.view_participants"
CHANGE = "events.change_participants"


def _back(event, registration=None):
    url = reverse("events:participant-list", kwargs={"slug": event.slug})
    return redirect(f"{url}#r{registration.pk}" if registration else url)


@login_required
@require_http_methods(["GET", "HEAD"])
def participant_list(request, slug):
    event = queries.event_for(request.user, slug, VIEW)
    organizations = list(queries.participant_organizations(event))
    form = ParticipantFilterForm(request.GET or None, organizations=organizations)
    registrations = queries.participants(event)
    if form.is_valid():
        registrations = queries.filter_participants(registrations, form.cleaned_data)
    registrations = list(registrations)
    bulk = BulkForm(registrations=registrations, auto_id="select-%s")
    boxes = bulk.checkboxes()
    questions = list(event.questions.all())
    rows = []
    for registration in registrations:
        answers = queries.answers_by_question(registration)
        answered = [(q, answers.get(q.pk, "")) for q in questions]
        rows.append((registration, answered, boxes[registration.pk]))
    counts = dict(event.registrations.values_list("status").annotate(n=Count("id")).order_by())
    return render(
        request,
        "events/manage/participant_list.html",
        {
            "event": event,
            "form": form,
            "bulk": bulk,
            "rows": rows,
            "questions": questions,
            "counts": [
                (value, label, counts.get(value, 0)) for value, label in RegistrationStatus.choices
            ],
            "can_change": request.user.has_perm(CHANGE, event),
            "has_started": event.has_started(),
            "shown": {r.status for r in registrations},
            "query": request.GET.urlencode(),
        },
    )


def _bulk_message(action: str, outcome) -> str:
    if action in ("accept", "decline"):
        parts = [
            f"{RegistrationStatus(status).label}: {count}"
            for status, count in outcome.items()
            if status != "full"
        ]
        text = _("Decided (%(outcome)s). The people are told by mail.") % {
            "outcome": ", ".join(parts)
        }
        if outcome["full"]:
            text += " " + ngettext(
                "%(count)d person did not fit and is still waiting for a decision.",
                "%(count)d people did not fit and are still waiting for a decision.",
                outcome["full"],
            ) % {"count": outcome["full"]}
        return text
    if action == "cancel":
        return ngettext(
            "%(count)d registration cancelled. The participant is told by mail.",
            "%(count)d registrations cancelled. The participants are told by mail.",
            outcome,
        ) % {"count": outcome}
    return ngettext(
        "Attendance of %(count)d person saved.", "Attendance of %(count)d people saved.", outcome
    ) % {"count": outcome}


def _apply(action: str, chosen: list, *, by):
    """One service call per action, for everyone chosen."""
    if action in ("accept", "decline"):
        return services.decide_many(chosen, accept=action == "accept", by=by)
    if action == "cancel":
        return len(services.cancel_many(chosen, by=by))
    attended = {"attended": True, "absent": False, "unrecorded": None}[action]
    return services.record_attendance(chosen, attended, by=by)


@login_required
@require_POST
def participant_bulk(request, slug):
    """The people selected in the list, all at once: confirm, decline, attendance, cancel."""
    event = queries.event_for(request.user, slug, CHANGE)
    registrations = list(event.registrations.select_related("event").order_by("id"))
    form = BulkForm(request.POST, registrations=registrations)
    back = reverse("events:participant-list", kwargs={"slug": event.slug})
    query = QueryDict(request.POST.get("query", "")).urlencode()
    back = f"{back}?{query}" if query else back
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(back)
    chosen = [r for r in registrations if r.pk in set(form.cleaned_data["selected"])]
    action = form.cleaned_data["action"]
    try:
        outcome = _apply(action, chosen, by=request.user)
    except services.RegistrationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _bulk_message(action, outcome))
    return redirect(back)


def _registration(request, slug, pk):
    event = queries.event_for(request.user, slug, CHANGE)
    return event, get_object_or_404(event.registrations.select_related("group"), pk=pk)


@login_required
@require_POST
def participant_decide(request, slug, pk):
    """Accept or decline a pending registration; a group is decided as a whole."""
    event, registration = _registration(request, slug, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose to accept or decline."))
        return _back(event, registration)
    if registration.group_id:
        people = list(event.registrations.filter(group_id=registration.group_id))
    else:
        people = [registration]
    accept = form.cleaned_data["decision"] == "accept"
    try:
        status = services.decide(people, accept=accept, by=request.user)
    except services.RegistrationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Decided: %(status)s. The participants are told by mail.")
            % {"status": RegistrationStatus(status).label},
        )
    return _back(event, registration)


@login_required
@require_POST
def participant_cancel(request, slug, pk):
    event, registration = _registration(request, slug, pk)
    whole_group = bool(registration.group_id) and request.POST.get("whole_group") == "1"
    cancelled = services.cancel(registration, whole_group=whole_group, by=request.user)
    if cancelled:
        messages.success(
            request,
            ngettext(
                "%(count)d registration cancelled. The participant is told by mail.",
                "%(count)d registrations cancelled. The participants are told by mail.",
                len(cancelled),
            )
            % {"count": len(cancelled)},
        )
    else:
        messages.error(request, _("This registration was already cancelled."))
    return _back(event, registration)


@login_required
@require_POST
def participant_attendance(request, slug, pk):
    event, registration = _registration(request, slug, pk)
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose whether the person attended."))
        return _back(event, registration)
    try:
        services.set_attendance(registration, form.value(), by=request.user)
    except services.RegistrationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Attendance of %(name)s saved.") % {"name": registration.name})
    return _back(event, registration)


@login_required
@require_http_methods(["GET", "HEAD"])
def participant_export(request, slug, fmt):
    if fmt not in exporter.WRITERS:
        raise Http404
    event = queries.event_for(request.user, slug, VIEW)
    content = exporter.WRITERS[fmt](queries.participants(event), list(event.questions.all()))
    response = HttpResponse(content, content_type=exporter.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-participants.{fmt}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def participant_mail(request, slug):
    event = queries.event_for(request.user, slug, CHANGE)
    form = ParticipantMailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        count = services.mail_participants(
            by=request.user,
            event=event,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
            include_waitlisted=form.cleaned_data["include_waitlisted"],
        )
        messages.success(
            request,
            ngettext(
                "The message is being sent to %(count)d participant.",
                "The message is being sent to %(count)d participants.",
                count,
            )
            % {"count": count},
        )
        return _back(event)
    return render(
        request,
        "events/manage/participant_mail.html",
        {
            "event": event,
            "form": form,
            "confirmed": event.registrations.filter(status=RegistrationStatus.CONFIRMED).count(),
            "waitlisted": event.registrations.filter(status=RegistrationStatus.WAITLISTED).count(),
        },
    )
