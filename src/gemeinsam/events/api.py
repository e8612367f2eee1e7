"""Events over HTTP: /api/v1/events (list, detail, public registration, staff participants).

The list and the detail read through the same queries as the web calendar (`queries.upcoming`,
`queries.events_visible_to`), so the API never shows an event the web pages would hide: drafts
only to their agency's staff. The video link (`online_url`) is never part of an answer; confirmed
participants find it on their personal page and in their mails.

Registering (`POST /events/{id}/registrations`) is public, like the web form, and goes through
the same service, so places are counted under the same lock. Its answers:

- 201: registered; `status` says confirmed, waitlisted or pending (needs approval);
- 404: no such event, or one the caller may not see (a draft);
- 409: the event's state refuses the registration. `code` says why: `duplicate` (this email is
  already registered; the personal link is sent to it again, never given in the answer),
  `full` (no place and no waiting list), `closed` (not open, or closed, for registration),
  `not_open_yet`, `past`, `cancelled`;
- 422: the body is invalid: a field, an answer to one of the event's questions, or consent
  missing when the event asks for it. `errors` lists each problem with its place.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from gemeinsam.core import api, content
from gemeinsam.core.api import (
    ERRORS,
    Error,
    LanguageParam,
    in_language,
)
from gemeinsam.core.enums import FederalState
from gemeinsam.organizations.queries import organizations_visible_to

from . import inputs, queries, services, texts
from .enums import EventFormat, EventKind, QuestionKind
from .models import Answer, Event, Question, Registration
from .schemas import (
    EventDetail,
    EventId,
    EventPage,
    EventParams,
    ParticipantPage,
    ParticipantParams,
    RegistrationIn,
    RegistrationOut,
)
from .sql import waitlist_position

router = Router(tags=["events"])


def _ref(item) -> dict:
    return {"code": item.code, "label": item.label}


def _choice(choices, value: str) -> dict | None:
    return {"code": value, "label": str(choices(value).label)} if value else None


def _texts(obj, names) -> dict:
    """In which language the texts are, and each one's state there (`core.content`)."""
    language = content.language_now()
    return {
        "language": language,
        "status": {name: content.status(obj, name, language) for name in names},
    }


def summary_data(event: Event, *, request: HttpRequest) -> dict:
    """A list row; expects `queries.for_listing`'s related rows. Title and summary are in the
    active language, paragraph by paragraph in German where not translated."""
    return {
        "id": event.pk,
        "slug": event.slug,
        "title": content.text(event, "title"),
        "kind": _choice(EventKind, event.kind),
        "format": _choice(EventFormat, event.format),
        "status": event.status,
        "summary": content.text(event, "summary"),
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "city": event.city,
        "federal_state": _choice(FederalState, event.federal_state),
        "agency": {"slug": event.agency.slug, "name": event.agency.name},
        "project": {"slug": event.project.slug, "name": event.project.title}
        if event.project
        else None,
        "languages": [_ref(x) for x in event.languages.all()],
        "topics": [_ref(x) for x in event.topics.all()],
        "professions": [_ref(x) for x in event.professions.all()],
        "registration_required": event.registration_required,
        "registration_open": event.registration_open(),
        "capacity": event.capacity,
        "places_left": event.places_left,
        "url": request.build_absolute_uri(event.get_absolute_url()),
        "texts": _texts(event, LISTED_TEXTS),
    }


# The texts a list row carries; the detail carries all of an event's.
LISTED_TEXTS = ("title", "summary")


def _question(question: Question) -> dict:
    labels = texts.choice_texts(question)
    choices = [str(c) for c in question.choices or []]
    return {
        "id": question.pk,
        "label": content.text(question, "label"),
        "kind": question.kind,
        "choices": choices,
        "choice_labels": [labels.get(c.strip(), c) for c in choices],
        "required": question.required,
        "help_text": content.text(question, "help_text"),
        "texts": _texts(question, Question.translated_fields),
    }


def detail_data(event: Event, *, request: HttpRequest) -> dict:
    host = event.host_organization
    return {
        **summary_data(event, request=request),
        "description": content.text(event, "description"),
        "agenda": [part.text for part in texts.items(event).parts],
        "venue_name": event.venue_name,
        "street": event.street,
        "postcode": event.postcode,
        "accessibility": content.text(event, "accessibility"),
        "interpretation": [_ref(x) for x in event.interpretation.all()],
        "target_groups": [_ref(x) for x in event.target_groups.all()],
        "fields": [_ref(x) for x in event.fields.all()],
        "host_organization": {"slug": host.slug, "name": host.name}
        if host is not None and host.is_public
        else None,
        "speakers": [
            {
                "name": s.name,
                "role": s.role,
                "organization": s.organization.name if s.organization else s.organization_name,
            }
            for s in event.speakers.all()
        ],
        "documents": [
            {"title": d.title, "kind": d.kind, "url": request.build_absolute_uri(d.file.url)}
            for d in event.documents.all()
        ],
        "registration_opens_at": event.registration_opens_at,
        "registration_closes_at": event.registration_closes_at,
        "waitlist_enabled": event.waitlist_enabled,
        "requires_approval": event.requires_approval,
        "max_group_size": event.max_group_size,
        "consent_text": texts.consent_wording(event).text,
        "questions": [_question(q) for q in event.questions.all()],
        "texts": _texts(event, Event.translated_fields),
    }


def _visible_event(request: HttpRequest, event_id: int) -> Event:
    event = (
        queries.events_visible_to(request.auth)
        .prefetch_related("questions")
        .filter(pk=event_id)
        .first()
    )
    if event is None:
        raise Http404(_("There is no event at this address."))
    return event


def _event_to_register(request: HttpRequest, event_id: int) -> tuple[Event, list[Question]]:
    """The event with what registering reads of it, and its questions (read only if it has any)."""
    event = queries.event_to_register(request.auth, event_id)
    if event is None:
        raise Http404(_("There is no event at this address."))
    return event, list(event.questions.all()) if event.asks else []


# --- Operations ----------------------------------------------------------------------------------


@router.get("", response={200: EventPage, **ERRORS}, summary="Upcoming events")
def event_list(request: HttpRequest, params: Query[EventParams]):
    """The web calendar's list: events not yet over (or in the date range), soonest first.

    Anonymous callers see published and cancelled events; staff tokens also their agency's drafts.
    """
    with in_language(params.lang):
        events, page = api.page(
            queries.upcoming(request.auth, params.filters()), params.page, params.page_size
        )
        return {**page, "results": [summary_data(e, request=request) for e in events]}


@router.get(
    "/{int:event_id}", response={200: EventDetail, 404: Error, **ERRORS}, summary="One event"
)
def event_detail(request: HttpRequest, event_id: EventId, params: Query[LanguageParam]):
    """One event with its questions. A draft of another agency: 404, as if it did not exist."""
    with in_language(params.lang):
        event = texts.with_texts(queries.event_page(request.auth)).filter(pk=event_id).first()
        if event is None:
            raise Http404(_("There is no event at this address."))
        return detail_data(event, request=request)


def _answers(questions: list[Question], raw: dict) -> tuple[dict[int, object], list]:
    """The answers by question id, and a problem for each key that names no question."""
    by_id = {q.pk: q for q in questions}
    given, problems = {}, []
    for key, value in raw.items():
        question = by_id.get(int(key)) if key.isdigit() and len(key) < 19 else None
        if question is None:
            problems.append((["body", "answers", key], _("This event has no such question.")))
            continue
        if question.kind == QuestionKind.MULTIPLE and isinstance(value, str):
            value = [value]
        given[question.pk] = value
    return given, problems


def _language(chosen: str | None) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    for language in (chosen, translation.get_language()):
        if language in codes:
            return language
    return settings.LANGUAGE_CODE


# `path`, not `int`: a POST whose id is no number must still reach this operation (and get
# the 422 JSON), because the API's catch-all for unknown paths is not exempt from Django's CSRF
# check and would answer such a POST with the HTML 403 page.
@router.post(
    "/{path:event_id}/registrations",
    response={201: RegistrationOut, 400: Error, 404: Error, 409: Error, **ERRORS},
    summary="Register for an event",
)
def registration_create(request: HttpRequest, event_id: EventId, body: RegistrationIn):
    """Register one person, as the web form does; places are counted under the event's lock.

    - 201: registered; `status` is confirmed, waitlisted (with `waitlist_position`) or pending
      (the organizers approve registrations).
    - 400: the body is not JSON.
    - 404: no such event, or one the caller may not see.
    - 409: the event refuses the registration; `code` says why: `duplicate` (the email is already
      registered; the personal link is mailed to that address again, at most once in ten
      minutes, never put in the answer), `full` (no place and no waiting list), `closed`,
      `not_open_yet`, `past`, `cancelled`.
    - 422: the body is invalid: a field, an answer, or consent missing when `consent_text` is set.
    """
    event, questions = _event_to_register(request, event_id)
    answers, problems = _answers(questions, body.answers)
    try:
        person = inputs.registration(
            event,
            questions,
            name=body.name,
            email=body.email,
            answers=answers,
            consent=body.consent,
            organization_id=body.organization_id,
            organization_name=body.organization_name,
            organizations=organizations_visible_to(request.auth),
            language=_language(body.language),
        )
    except inputs.Invalid as invalid:
        problems += [(["body", *key.split(".")], msg) for key, msg in invalid.errors.items()]
    if problems:
        return api.invalid(problems)
    # The consent as GET /events/{id} gives it in the registration's language (read here, never
    # under the event's lock; no query for German).
    wording = texts.consent_wording(event, person.language)
    try:
        outcome = services.register(event, [person], consent=body.consent, wording=wording)
    except services.RegistrationError as error:
        if error.code == "duplicate" and error.existing is not None:
            # As on the web: the link goes to the address that registered, never to the caller.
            services.resend_link(error.existing)
            return Status(
                409,
                api.error(
                    "duplicate",
                    _(
                        "This email address is already registered for this event. We have sent the "
                        "personal link to it again."
                    ),
                ),
            )
        return Status(409, api.error(error.code, error.message))
    registration = outcome.registrations[0]
    with translation.override(registration.language):
        url = request.build_absolute_uri(registration.get_absolute_url())
    return Status(
        201,
        {
            "id": registration.pk,
            "status": registration.status,
            "waitlist_position": waitlist_position(registration),
            "url": url,
        },
    )


@router.get(
    "/{int:event_id}/participants",
    response={200: ParticipantPage, 404: Error, **ERRORS},
    summary="The participants of an event (staff)",
)
def participant_list(request: HttpRequest, event_id: EventId, params: Query[ParticipantParams]):
    """Registrations in the order they came, with status and attendance.

    For the staff of the event's agency and platform admins (a token); anybody else gets 404.
    """
    event = queries.events_visible_to(request.auth).filter(pk=event_id).first()
    if event is None or not request.auth.has_perm("events.view_participants", event):
        raise Http404(_("There is no event at this address."))
    registrations = (
        Registration.objects.filter(event=event)
        .select_related("organization")
        .prefetch_related(Prefetch("answers", queryset=Answer.objects.order_by("question_id")))
        .order_by("created_at", "id")
    )
    if params.status:
        registrations = registrations.filter(status__in=[str(s.value) for s in params.status])
    rows, page = api.page(registrations, params.page, params.page_size)
    return {
        **page,
        "results": [
            {
                "id": r.pk,
                "name": r.name,
                "email": r.email,
                "status": r.status,
                "language": r.language,
                "organization": {
                    "id": r.organization.pk,
                    "slug": r.organization.slug,
                    "name": r.organization.name,
                }
                if r.organization
                else None,
                "organization_name": r.organization_label,
                "group_id": r.group_id,
                "created_at": r.created_at,
                "checked_in_at": r.checked_in_at,
                "attended": r.attended,
                "answers": [
                    {"question_id": a.question_id, "value": a.value} for a in r.answers.all()
                ],
            }
            for r in rows
        ],
    }
