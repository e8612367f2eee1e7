"""Registering for an event, and the participant's own pages reached through the personal link.

The personal pages need no account: whoever holds the unguessable token is the participant
(see rules.py). An unknown token answers 404, like anything an outsider may not see.
"""

from __future__ import annotations

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from gemeinsam.core import content

from .. import queries, services, texts
from ..enums import RegistrationStatus
from ..forms.registration import (
    GroupForm,
    RegistrationChangeForm,
    RegistrationForm,
    organization_suggestions,
    participant_formset,
)
from ..ical import event_ics
from ..models import Answer, Event, Question, Registration, RegistrationGroup
from ..sql import waitlist_position

# What the person sees after registering, by the status the service gave.
OUTCOME_MESSAGES = {
    RegistrationStatus.CONFIRMED: lambda: _("You are registered. We have sent you a confirmation."),
    RegistrationStatus.WAITLISTED: lambda: _(
        "The event is fully booked, so you are on the waiting list. We have sent you an email."
    ),
    RegistrationStatus.PENDING: lambda: _(
        "We have received your registration. The organizers will confirm it."
    ),
}


def _language() -> str:
    language = get_language() or settings.LANGUAGE_CODE
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else settings.LANGUAGE_CODE


def _event_for(request, slug: str) -> Event:
    """The event through the person asking: a draft of another agency is not there (404)."""
    return get_object_or_404(
        texts.with_texts(queries.events_visible_to(request.user).select_related("agency")),
        slug=slug,
    )


def _registration(token: str) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related("event", "event__agency", "organization", "group"),
        token=token,
    )


def _closed_reason(event: Event) -> str:
    try:
        services.check_open(event)
    except services.RegistrationError as error:
        return str(error.message)
    return ""


@require_http_methods(["GET", "HEAD", "POST"])
def registration_create(request, slug):
    event = _event_for(request, slug)
    closed = _closed_reason(event)
    form = RegistrationForm(
        request.POST if request.method == "POST" else None, event=event, user=request.user
    )
    already_registered = ""
    if request.method == "POST" and not closed and form.is_valid():
        try:
            outcome = services.register(
                event,
                [form.person(_language())],
                consent=form.cleaned_data.get("consent", False),
                wording=texts.consent_wording(event, _language()),
            )
        except services.RegistrationError as error:
            if error.code == "duplicate" and error.existing is not None:
                # The page never shows someone else's link: it goes to the address that
                # registered (at most once in a few minutes).
                services.resend_link(error.existing)
                already_registered = error.existing.email
            elif error.code == "consent":
                form.add_error("consent", str(error.message))
            else:
                closed = str(error.message)
        else:
            registration = outcome.registrations[0]
            messages.success(request, OUTCOME_MESSAGES[outcome.status]())
            return redirect(registration.get_absolute_url())
    return render(
        request,
        "events/registration/registration_form.html",
        {
            "event": event,
            "form": form,
            "closed": closed,
            "already_registered": already_registered,
            "suggestions": organization_suggestions(),
            "can_register_group": request.user.has_perm("events.register_group"),
        },
    )


GROUP_ROWS = 3  # empty rows at first, and how many "add rows" adds


def _group_rows(request, event: Event) -> int:
    try:
        rows = int(request.GET.get("rows", GROUP_ROWS))
    except ValueError:
        rows = GROUP_ROWS
    return max(1, min(rows, event.max_group_size))


def _group_forms(request, event: Event):
    """The group's forms: empty, as sent, or (for "add rows") unbound again with what was typed
    and more empty rows, so nothing typed is lost and no row is checked before it is sent."""
    data = request.POST if request.method == "POST" else None
    if data is not None and "add_rows" in data:
        typed = participant_formset(event, rows=0, data=data)
        group_form = GroupForm(data, event=event, user=request.user)
        return (
            GroupForm(initial=group_form.typed(), event=event, user=request.user),
            participant_formset(
                event, rows=len(typed.typed_rows()) + GROUP_ROWS, initial=typed.typed_rows()
            ),
            False,
        )
    group_form = GroupForm(data, event=event, user=request.user)
    return group_form, participant_formset(event, rows=_group_rows(request, event), data=data), True


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def group_create(request, slug):
    event = _event_for(request, slug)
    if not request.user.has_perm("events.register_group"):
        raise PermissionDenied
    closed = _closed_reason(event)
    group_form, formset, sent = _group_forms(request, event)
    problem = ""
    if sent and group_form.is_bound and not closed and group_form.is_valid() and formset.is_valid():
        organization = group_form.cleaned_data.get("organization")
        try:
            outcome = services.register(
                event,
                formset.people(
                    language=_language(), organization_id=organization.pk if organization else None
                ),
                consent=group_form.cleaned_data.get("consent", False),
                wording=texts.consent_wording(event, _language()),
                booked_by=request.user,
                contact_email=request.user.email,
                organization_id=organization.pk if organization else None,
            )
        except services.RegistrationError as error:
            problem = str(error.message)
        else:
            messages.success(request, OUTCOME_MESSAGES[outcome.status]())
            if outcome.group is None:
                return redirect(outcome.registrations[0].get_absolute_url())
            return redirect(outcome.group.get_absolute_url())
    return render(
        request,
        "events/registration/group_form.html",
        {
            "event": event,
            "group_form": group_form,
            "formset": formset,
            "closed": closed,
            "problem": problem,
            "can_add_rows": formset.total_form_count() < event.max_group_size,
        },
    )


def _group(token: str) -> RegistrationGroup:
    return get_object_or_404(
        RegistrationGroup.objects.select_related("event", "event__agency", "organization"),
        token=token,
    )


# The pages behind a personal link (a person's or a group's) show names, e-mail addresses and
# answers to whoever holds the link: no browser or proxy cache keeps a copy (never_cache).
@never_cache
@require_http_methods(["GET", "HEAD"])
def group_detail(request, token):
    group = _group(token)
    people = list(group.registrations.order_by("id"))
    return render(
        request,
        "events/registration/group_detail.html",
        {
            "group": group,
            "event": group.event,
            "people": people,
            "can_cancel": any(r.is_active for r in people) and not group.event.is_past,
            "position": waitlist_position(people[0]) if people else None,
        },
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def group_cancel(request, token):
    group = _group(token)
    active = list(group.registrations.active().order_by("id"))
    if request.method == "POST" and active and not group.event.is_past:
        services.cancel(active[0], whole_group=True)
        messages.success(request, _("The whole group's registration has been cancelled."))
        return redirect(group.get_absolute_url())
    return render(
        request,
        "events/registration/group_cancel.html",
        {"group": group, "event": group.event, "active": active},
    )


def _checkin_url(request, registration: Registration) -> str:
    """What the QR code holds: the staff check-in address for this person, else the token."""
    try:
        path = reverse(
            "events:checkin-scan",
            kwargs={"slug": registration.event.slug, "token": registration.token},
        )
    except NoReverseMatch:
        return registration.token
    return request.build_absolute_uri(path)


def _qr_svg(data: str) -> str:
    # segno writes only the SVG it is given no text for: the data is encoded as modules, and the
    # page's figcaption explains the image. So the markup is safe to embed.
    return mark_safe(
        segno.make(data, error="m").svg_inline(scale=4, border=2, omitsize=False, svgclass="qr")
    )


@never_cache
@require_http_methods(["GET", "HEAD"])
def registration_detail(request, token):
    registration = _registration(token)
    event = registration.event
    confirmed = registration.status == RegistrationStatus.CONFIRMED
    answers = list(
        Answer.objects.filter(registration=registration)
        .select_related("question")
        .order_by("question__position", "question_id")
    )
    # The questions and the event in the page's language: one query each.
    content.prefetch([event, *(answer.question for answer in answers)])
    return render(
        request,
        "events/registration/registration_detail.html",
        {
            "registration": registration,
            "event": event,
            "confirmed": confirmed,
            "position": waitlist_position(registration),
            "video_link": event.online_url if confirmed and event.is_online else "",
            "answers": [
                (answer.question, texts.answer_html(answer, _language())) for answer in answers
            ],
            "can_change": registration.is_active and not event.is_past,
            "qr_code": _qr_svg(_checkin_url(request, registration)) if confirmed else "",
        },
    )


@never_cache
@require_http_methods(["GET", "HEAD"])
def registration_ics(request, token):
    registration = _registration(token)
    if registration.status != RegistrationStatus.CONFIRMED:
        raise Http404(_("The calendar file is there once your place is confirmed."))
    event = registration.event
    response = HttpResponse(
        event_ics(event, video_link=event.online_url if event.is_online else ""),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def registration_update(request, token):
    registration = _registration(token)
    if not registration.is_active or registration.event.is_past:
        messages.info(request, _("This registration can no longer be changed."))
        return redirect(registration.get_absolute_url())
    registration = (
        Registration.objects.select_related("event", "organization", "user")
        .prefetch_related(
            Prefetch("event__questions", queryset=content.prefetch(Question.objects.all())),
            Prefetch("answers", queryset=Answer.objects.order_by("id")),
        )
        .get(pk=registration.pk)
    )
    form = RegistrationChangeForm(
        request.POST if request.method == "POST" else None, registration=registration
    )
    if request.method == "POST" and form.is_valid():
        services.change(
            registration,
            name=form.cleaned_data["name"],
            organization_id=form.organization_id,
            organization_name=form.organization_name,
            answers=form.answers,
        )
        messages.success(request, _("Your changes have been saved."))
        return redirect(registration.get_absolute_url())
    return render(
        request,
        "events/registration/registration_change.html",
        {
            "registration": registration,
            "event": registration.event,
            "form": form,
            "suggestions": organization_suggestions(),
        },
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def registration_cancel(request, token):
    registration = _registration(token)
    can_cancel = registration.is_active and not registration.event.is_past
    if request.method == "POST" and can_cancel:
        services.cancel(registration)
        messages.success(request, _("Your registration has been cancelled."))
        return redirect(registration.get_absolute_url())
    return render(
        request,
        "events/registration/registration_cancel.html",
        {"registration": registration, "event": registration.event, "can_cancel": can_cancel},
    )
