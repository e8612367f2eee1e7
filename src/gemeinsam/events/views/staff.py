"""Staff pages for the events themselves: the list of the agencies' events, creating (also as
a series), editing, copying, and the downloads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gemeinsam.accounts.rules import is_agency_staff, is_platform_admin

from .. import queries, services
from ..forms.staff import (
    DocumentForm,
    EventForm,
    QuestionFormSet,
    SeriesForm,
    SpeakerFormSet,
    event_parts,
)
from ..inputs import Invalid

CHANGE = "events.change_event"


def _require_staff(user) -> None:
    if not (is_agency_staff(user) or is_platform_admin(user)):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "HEAD"])
def manage_list(request):
    _require_staff(request.user)
    past = request.GET.get("when") == "past"
    page = Paginator(queries.managed_events(request.user, past=past), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "events/manage/event_list.html",
        {
            "page": page,
            "events": page.object_list,
            "past": past,
            "agencies": queries.agencies_for_events(request.user),
        },
    )


def _show(form, problems: Invalid) -> None:
    """What the service found wrong (places taken since the form was checked), at its fields."""
    for name, message in problems.errors.items():
        form.add_error(name, message)


def _render_form(request, *, agency, form, questions, speakers, series=None, event=None):
    return render(
        request,
        "events/manage/event_form.html",
        {
            "agency": agency,
            "event": event,
            "form": form,
            "parts": event_parts(form, questions, speakers, series, new=event is None),
            "questions": questions,
            "speakers": speakers,
            "series": series,
        },
    )


def _save_new(request, *, agency, form, data, series):
    """Create the event, or every date of its series, and say so; None when the service found
    a problem (shown at the form's fields)."""
    repeat = series.cleaned_data.get("repeat")
    try:
        if repeat:
            events = services.staff.create_series(
                by=request.user,
                agency=agency,
                data=data,
                repeat=repeat,
                count=series.cleaned_data["count"],
            )
        else:
            event = services.staff.save_event(by=request.user, agency=agency, data=data)
    except Invalid as problems:
        _show(form, problems)
        return None
    if repeat:
        messages.success(
            request, _("%(count)d dates of the series have been created.") % {"count": len(events)}
        )
        return redirect("events:manage-list")
    messages.success(request, _("The event has been saved."))
    return redirect("events:event-update", slug=event.slug)


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request):
    agencies = queries.agencies_for_events(request.user)
    slug = request.GET.get("agency")
    if slug:
        agency = get_object_or_404(agencies, slug=slug)
    else:
        choices = list(agencies[:2])
        if not choices:
            raise PermissionDenied
        if len(choices) > 1:
            # Several agencies: the person picks one first, so the project list fits it.
            return render(
                request, "events/manage/agency_choice.html", {"agencies": agencies.order_by("name")}
            )
        agency = choices[0]
    if not request.user.has_perm("events.add_event", agency):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = EventForm(data, agency=agency)
    questions = QuestionFormSet(data, prefix="questions")
    speakers = SpeakerFormSet(data, prefix="speakers")
    series = SeriesForm(data, prefix="series")
    if data is not None and all(f.is_valid() for f in (form, questions, speakers, series)):
        response = _save_new(
            request,
            agency=agency,
            form=form,
            data=form.to_input(questions, speakers),
            series=series,
        )
        if response is not None:
            return response
    return _render_form(
        request, agency=agency, form=form, questions=questions, speakers=speakers, series=series
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_update(request, slug):
    event = queries.event_for(request.user, slug, CHANGE)
    data = request.POST if request.method == "POST" else None
    form = EventForm(data, instance=event, agency=event.agency)
    questions = QuestionFormSet(data, instance=event, prefix="questions")
    speakers = SpeakerFormSet(data, instance=event, prefix="speakers")
    if data is not None and all(f.is_valid() for f in (form, questions, speakers)):
        try:
            services.staff.save_event(
                by=request.user,
                agency=event.agency,
                data=form.to_input(questions, speakers),
                event=event,
                minor=form.cleaned_data.get("minor_edit", False),
            )
        except Invalid as problems:
            _show(form, problems)
        else:
            messages.success(request, _("The event has been saved."))
            return redirect("events:event-update", slug=event.slug)
    return _render_form(
        request,
        agency=event.agency,
        form=form,
        questions=questions,
        speakers=speakers,
        event=event,
    )


@login_required
@require_POST
def event_copy(request, slug):
    event = queries.event_for(request.user, slug, CHANGE)
    copy = services.staff.copy_event(by=request.user, event=event)
    messages.success(request, _("A copy has been made as a draft. Please check its dates."))
    return redirect("events:event-update", slug=copy.slug)


@login_required
@require_http_methods(["GET", "POST"])
def event_documents(request, slug):
    event = queries.event_for(request.user, slug, CHANGE)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.staff.add_document(by=request.user, event=event, data=form.to_input())
        except Invalid as problems:
            _show(form, problems)
        else:
            messages.success(request, _("The file has been added."))
            return redirect("events:event-documents", slug=event.slug)
    return render(
        request,
        "events/manage/document_list.html",
        {"event": event, "form": form, "documents": event.documents.all()},
    )


@login_required
@require_POST
def document_delete(request, slug, pk):
    event = queries.event_for(request.user, slug, CHANGE)
    document = get_object_or_404(event.documents, pk=pk)
    services.staff.delete_document(by=request.user, document=document)
    messages.success(request, _("The file has been removed."))
    return redirect("events:event-documents", slug=event.slug)
