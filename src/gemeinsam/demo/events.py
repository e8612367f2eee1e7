"""The demo's events (data/events.yaml): the Bochum closing event of 14 June 2024 and upcoming
dates of every kind, counted from the day the demo is loaded (`days.When`).

Events are keyed by slug, questions and speakers by their position, registrations by (event,
email), so loading again changes nothing. The registrations are written by `registrations`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from gemeinsam.agencies.models import Agency, Project
from gemeinsam.events.enums import EventFormat, EventKind, EventStatus, QuestionKind
from gemeinsam.events.models import Event, EventSeries, Profession, Question, Speaker, Topic
from gemeinsam.organizations.models import (
    FieldOfActivity,
    Organization,
    TargetGroup,
    WorkingLanguage,
)

from . import records, registrations
from .days import Moment, When
from .people import Person, cast


@dataclass(frozen=True)
class QuestionSpec:
    label: str
    kind: QuestionKind
    choices: tuple[str, ...] = ()
    required: bool = False
    help_text: str = ""


@dataclass(frozen=True)
class SpeakerSpec:
    name: str
    role: str
    organization: str = ""  # the name of a demo organization, linked when found
    organization_name: str = ""  # an institution outside the directory


@dataclass(frozen=True)
class Consent:
    agency: str  # who keeps the answers, as the consent text names them
    extra: str = ""  # a sentence more


@dataclass(frozen=True)
class Venue:
    venue_name: str = ""
    street: str = ""
    postcode: str = ""
    city: str = ""
    federal_state: str = ""
    accessibility: str = ""


@dataclass(frozen=True)
class EventSpec:
    slug: str
    agency: str
    title: str
    kind: EventKind
    when: When
    summary: str
    description: tuple[str, ...]  # paragraphs
    consent: Consent
    agenda: tuple[str, ...] = ()
    project: str = ""
    series: str = ""
    format: EventFormat = EventFormat.IN_PERSON
    venue_name: str = ""
    street: str = ""
    postcode: str = ""
    city: str = ""
    federal_state: str = ""
    accessibility: str = ""
    online_url: str = ""
    venue: str = ""  # the name of a venue under venues, whose fields it takes
    languages: tuple[str, ...] = ("de",)
    interpretation: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    professions: tuple[str, ...] = ()
    host: str = ""  # name of the hosting demo organization; the event takes place there
    capacity: int | None = None
    waitlist_enabled: bool = True
    requires_approval: bool = False
    max_group_size: int = 10
    registration_closes: Moment | None = None
    reminder_days: int | None = None
    questions: tuple[QuestionSpec, ...] = ()
    speakers: tuple[SpeakerSpec, ...] = ()
    signups: int = 0  # single registrations of invented participants
    signup_region: tuple[str, ...] = ()  # federal states their organizations are picked from
    accepted_signups: int = 0  # of those asking for approval, staff accepted the first ones


@dataclass(frozen=True)
class Events:
    seed: int
    consent: str  # the text every registration agrees to, with {agency} and {extra}
    organizers: dict[str, Person]  # who creates each agency's events
    answers: registrations.Answers
    events: tuple[EventSpec, ...]
    attendance: registrations.Attendance
    registrations: tuple[registrations.GroupSpec, ...]
    venues: dict[str, Venue]
    questions: dict[str, QuestionSpec]  # the questions several events ask, by name

    def consent_text(self, consent: Consent) -> str:
        extra = f"{consent.extra} " if consent.extra else ""
        return self.consent.format(agency=consent.agency, extra=extra)


SECTIONS = (
    "seed",
    "consent",
    "organizers",
    "venues",
    "questions",
    "answers",
    "events",
    "attendance",
    "registrations",
)


def events_data() -> Events:
    return records.load("events", _build)


def _build(where: records.Where, content: Any) -> Events:
    content = records.sections(content, where, *SECTIONS)
    venues = records.convert(content["venues"], dict[str, Venue], where.at("venues"))
    shared = records.mapping(content["questions"], where.at("questions"))
    questions = records.convert(shared, dict[str, QuestionSpec], where.at("questions"))
    raw = [
        _resolve(item, venues, shared, where.at("events").at(f"#{n}"))
        for n, item in enumerate(records.sequence(content["events"], where.at("events")), 1)
    ]
    found = Events(
        seed=records.convert(content["seed"], int, where.at("seed")),
        consent=records.convert(content["consent"], str, where.at("consent")),
        organizers=records.convert(
            content["organizers"], dict[str, Person], where.at("organizers")
        ),
        answers=records.record(registrations.Answers, content["answers"], where.at("answers")),
        events=records.records(EventSpec, raw, where.at("events"), key="slug"),
        attendance=records.record(
            registrations.Attendance, content["attendance"], where.at("attendance")
        ),
        registrations=records.records(
            registrations.GroupSpec, content["registrations"], where.at("registrations")
        ),
        venues=venues,
        questions=questions,
    )
    _check(found, where)
    return found


def _resolve(item: Any, venues: dict[str, Venue], shared: dict, where: records.Where) -> dict:
    """The event's fields with its venue's filled in and its shared questions written out."""
    item = dict(records.mapping(item, where))
    if "venue" in item:
        name = item["venue"]
        if name not in venues:
            raise where.at("venue").error(f"no venue {name!r} under venues")
        item = {**{k: v for k, v in vars(venues[name]).items() if v}, **item}
    questions = []
    for n, question in enumerate(records.sequence(item.get("questions", []), where), 1):
        if isinstance(question, str) and question not in shared:
            raise where.at("questions").at(n).error(f"no question {question!r} under questions")
        questions.append(shared[question] if isinstance(question, str) else question)
    if questions:
        item["questions"] = questions
    return item


def _check(found: Events, where: records.Where) -> None:
    slugs = {e.slug for e in found.events}
    for spec in found.events:
        if spec.agency not in found.organizers:
            at = where.at("events").at(repr(spec.slug)).at("agency")
            raise at.error(f"no organizer for {spec.agency!r} under organizers")
    named = [("attendance", found.attendance.event)]
    named += [(f"registrations › #{n}", g.event) for n, g in enumerate(found.registrations, 1)]
    for place, slug in named:
        if slug not in slugs:
            raise where.at(place).error(f"no event has the slug {slug!r}")


@dataclass
class Context:
    today: datetime.date
    agencies: dict[str, Agency]
    users: dict[str, object]
    codes: dict[type, dict[str, object]]
    orgs_by_name: dict[str, Organization]
    orgs_by_state: dict[str, list[Organization]]


def load_events(today: datetime.date | None = None) -> list[Event]:
    """Create or update every demo event and its registrations; returns the events."""
    today = today or timezone.localdate()
    data, ctx = events_data(), _context(today)
    taken: dict[str, set[datetime.date]] = {}
    events = []
    for spec in data.events:
        event = _save_event(ctx, data, spec, spec.when.span(today, taken))
        if spec.slug == data.attendance.event:
            registrations.past(ctx, event, data)
        else:
            registrations.invented(ctx, event, spec, data)
        events.append(event)
    registrations.featured(ctx, {e.slug: e for e in events}, data)
    return events


def _context(today: datetime.date) -> Context:
    orgs = list(
        Organization.objects.only("id", "name", "kind", "federal_state", "city").order_by("slug")
    )
    by_state: dict[str, list[Organization]] = {}
    for org in orgs:
        by_state.setdefault(org.federal_state, []).append(org)
    return Context(
        today=today,
        agencies={a.slug: a for a in Agency.objects.all()},
        users={u.email: u for u in get_user_model().objects.filter(email__in=cast().emails())},
        codes={
            model: {row.code: row for row in model.objects.all()}
            for model in (WorkingLanguage, TargetGroup, FieldOfActivity, Topic, Profession)
        },
        orgs_by_name={o.name: o for o in orgs},
        orgs_by_state=by_state,
    )


def _save_event(ctx: Context, data: Events, spec: EventSpec, span) -> Event:
    first_day, starts_at, ends_at = span
    agency = ctx.agencies[spec.agency]
    project = (
        Project.objects.filter(agency=agency, slug=spec.project).first() if spec.project else None
    )
    series = None
    if spec.series:
        series, _ = EventSeries.objects.get_or_create(agency=agency, title=spec.series)
    host = ctx.orgs_by_name.get(spec.host) if spec.host else None
    place = host or spec  # a labour-market talk takes place at the host's address
    closes = spec.registration_closes
    event, _ = Event.objects.update_or_create(
        slug=spec.slug,
        defaults={
            "agency": agency,
            "project": project,
            "series": series,
            "title": spec.title,
            "kind": spec.kind,
            "format": spec.format,
            "status": EventStatus.PUBLISHED,
            "summary": spec.summary,
            "description": "\n\n".join(spec.description),
            "agenda": "\n".join(spec.agenda),
            "starts_at": starts_at,
            "ends_at": ends_at,
            "venue_name": host.name if host else spec.venue_name,
            "street": place.street,
            "postcode": place.postcode,
            "city": place.city,
            "federal_state": spec.federal_state,
            "accessibility": spec.accessibility,
            "online_url": spec.online_url,
            "host_organization": host,
            "registration_required": True,
            "registration_opens_at": None,
            "registration_closes_at": closes.before(first_day) if closes else None,
            "capacity": spec.capacity,
            "waitlist_enabled": spec.waitlist_enabled,
            "requires_approval": spec.requires_approval,
            "max_group_size": spec.max_group_size,
            "consent_text": data.consent_text(spec.consent),
            "reminder_days": spec.reminder_days,
            "created_by": ctx.users.get(data.organizers[spec.agency].email),
        },
    )
    _set_codes(ctx, event, spec)
    _set_questions_and_speakers(ctx, event, spec)
    return event


def _set_questions_and_speakers(ctx: Context, event: Event, spec: EventSpec) -> None:
    for position, q in enumerate(spec.questions):
        Question.objects.update_or_create(
            event=event,
            position=position,
            defaults={
                "label": q.label,
                "kind": q.kind,
                "choices": list(q.choices),
                "required": q.required,
                "help_text": q.help_text,
            },
        )
    event.questions.filter(position__gte=len(spec.questions)).delete()
    for position, s in enumerate(spec.speakers):
        Speaker.objects.update_or_create(
            event=event,
            position=position,
            defaults={
                "name": s.name,
                "role": s.role,
                "organization": ctx.orgs_by_name.get(s.organization) if s.organization else None,
                "organization_name": s.organization_name,
            },
        )
    event.speakers.filter(position__gte=len(spec.speakers)).delete()


def _set_codes(ctx: Context, event: Event, spec: EventSpec) -> None:
    codes = ctx.codes
    event.languages.set([codes[WorkingLanguage][c] for c in spec.languages])
    event.interpretation.set([codes[WorkingLanguage][c] for c in spec.interpretation])
    event.target_groups.set([codes[TargetGroup][c] for c in spec.target_groups])
    event.fields.set([codes[FieldOfActivity][c] for c in spec.fields])
    event.topics.set([codes[Topic][c] for c in spec.topics])
    event.professions.set([codes[Profession][c] for c in spec.professions])
