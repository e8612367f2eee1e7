"""Registrations for the demo's events (data/events.yaml): invented participants for upcoming
events, the past closing event's attendance, and the demo's log-ins taking part.

Registrations for upcoming events go through `events.services.register`, as on the website:
places, waiting list and approvals are counted by the service and one mail per person is
queued (the demo's worker sends them). The past event's registrations are written directly,
since the service refuses registrations for past events.

Every person is invented (names from names.yaml, addresses at example.org).
"""

from __future__ import annotations

import datetime
import zlib
from dataclasses import dataclass
from random import Random
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.text import slugify

from gemeinsam.events import services
from gemeinsam.events.enums import QuestionKind, RegistrationStatus
from gemeinsam.events.models import Answer, Event, Registration
from gemeinsam.organizations.models import Organization

from .days import Moment
from .names import names
from .people import Person, cast

if TYPE_CHECKING:  # for annotations only: the events module reads these shapes
    from .events import Context, Events, EventSpec


@dataclass(frozen=True)
class Answers:
    """What invented participants write where a text answer is required, and sometimes where
    it is not."""

    required: tuple[str, ...]
    optional: tuple[str, ...]


@dataclass(frozen=True)
class Participant:
    """Someone with a log-in (`person`), or someone named with an address."""

    person: Person | None = None
    name: str = ""
    email: str = ""
    organization: str = ""
    language: str = settings.LANGUAGE_CODE

    @property
    def full_name(self) -> str:
        return self.person.name if self.person else self.name

    @property
    def address(self) -> str:
        return self.person.email if self.person else self.email


@dataclass(frozen=True)
class Attendance:
    """The past event's registrations: the known people, then invented ones up to the number;
    positions count from 0."""

    event: str
    registrations: int
    opened: Moment  # when the first registration came
    cancelled_at: Moment
    known: tuple[Participant, ...]
    no_shows: tuple[int, ...] = ()  # confirmed, but did not come
    cancelled: tuple[int, ...] = ()  # cancelled a few days before


@dataclass(frozen=True)
class GroupSpec:
    """Demo log-ins registered for an event: as a group when someone booked it for all."""

    event: str
    organization: str
    people: tuple[Participant, ...]
    booked_by: Person | None = None


def _email(name: str) -> str:
    folded = name.replace("ı", "i").replace("ß", "ss").replace("ł", "l")
    first, _, last = folded.partition(" ")
    return f"{slugify(first)}.{slugify(last)}@example.org"


def _taken(data: Events) -> tuple[set[str], set[str]]:
    """The names and addresses invented participants avoid: the demo's people and everyone
    registered by name."""
    people = cast().people.values()
    emails = {p.email for p in people}
    emails |= {p.address for group in data.registrations for p in group.people}
    return {p.name for p in people}, emails


def _participants(rng: Random, count: int, skip: set[str], data: Events) -> list[tuple[str, str]]:
    """`count` invented (name, email) pairs whose addresses are not in `skip`."""
    taken_names, _ = _taken(data)
    first_names, family_names = names().first_names, names().family_names
    found = []
    while len(found) < count:
        name = f"{rng.choice(first_names)} {rng.choice(family_names)}"
        email = _email(name)
        if name in taken_names or email in skip:
            continue
        skip.add(email)
        found.append((name, email))
    return found


def _rng(data: Events, slug: str) -> Random:
    return Random(data.seed + zlib.crc32(slug.encode()))  # noqa: S311 - demo data, not security


def _answers(rng: Random, event: Event, org: Organization | None, data: Events) -> dict:
    """Plausible answers to the event's questions, valid for `validate_answers`."""
    answers: dict[int, object] = {}
    for q in event.questions.all():
        if q.kind == QuestionKind.CHECKBOX:
            answers[q.pk] = q.required or rng.random() < 0.2
        elif q.kind == QuestionKind.SINGLE:
            answers[q.pk] = q.choices[0] if rng.random() < 0.6 else rng.choice(q.choices)
        elif q.kind == QuestionKind.MULTIPLE:
            answers[q.pk] = [c for c in q.choices if rng.random() < 0.25]
        elif q.required and q.label.startswith("Rechnungsanschrift"):
            answers[q.pk] = f"{org.name if org else 'privat'}, {org.city if org else 'Hamburg'}"
        elif q.required:
            answers[q.pk] = rng.choice(data.answers.required)
        elif rng.random() < 0.15:
            answers[q.pk] = rng.choice(data.answers.optional)
    return answers


def _register(event: Event, registrants: list[services.Person], **extra) -> services.Outcome:
    return services.register(event, registrants, consent=True, **extra)


def invented(ctx: Context, event: Event, spec: EventSpec, data: Events) -> None:
    """Single registrations of invented people, once (an existing address is skipped)."""
    if not spec.signups:
        return
    rng = _rng(data, spec.slug)
    pool = [o for state in spec.signup_region for o in ctx.orgs_by_state.get(state, [])]
    pool = [o for o in pool if o.kind == "migrant_org"] * 2 + pool  # MO come most often
    registered = set(event.registrations.values_list("email", flat=True))
    made = []
    for name, email in _participants(rng, spec.signups, set(_taken(data)[1]), data):
        org = rng.choice(pool) if pool else None
        answers = _answers(rng, event, org, data)
        language = rng.choice(("de", "de", "de", "ar", "tr", "en"))
        if email in registered:
            continue
        person = services.Person(
            name=name,
            email=email,
            organization_id=org.id if org else None,
            language=language,
            answers=answers,
        )
        made.extend(_register(event, [person]).registrations)
    if spec.accepted_signups and made:
        # Staff accepted the first requests; the others still wait for a decision.
        organizer = ctx.users[data.organizers[spec.agency].email]
        services.decide(made[: spec.accepted_signups], accept=True, by=organizer)


def featured(ctx: Context, events: dict[str, Event], data: Events) -> None:
    """The demo's log-ins take part too, once (while the first of a group is not registered)."""
    for group in data.registrations:
        event = events[group.event]
        if event.registrations.filter(email=group.people[0].address).exists():
            continue
        org = ctx.orgs_by_name[group.organization]
        people = []
        for p in group.people:
            user = ctx.users.get(p.address) if p.person else None
            people.append(
                services.Person(
                    name=p.full_name,
                    email=p.address,
                    user_id=user.id if user else None,
                    organization_id=org.id,
                    language=p.language,
                )
            )
        extra = {}
        if group.booked_by:
            booker = ctx.users[group.booked_by.email]
            extra = {"booked_by": booker, "contact_email": booker.email, "organization_id": org.id}
        _register(event, people, **extra)


def past(ctx: Context, event: Event, data: Events) -> None:
    """The past event's registrations, written directly (the service refuses past events),
    with attendance: most came, some did not, a few cancelled beforehand."""
    attendance, rng = data.attendance, _rng(data, event.slug)
    nrw = ctx.orgs_by_state.get("NW", [])
    migrant = [o for o in nrw if o.kind == "migrant_org"]
    others = [o for o in nrw if o.kind != "migrant_org"]
    rows = [
        (p.full_name, p.address, ctx.orgs_by_name.get(p.organization), p.language)
        for p in attendance.known
    ]
    skip = set(_taken(data)[1]) | {p.address for p in attendance.known}
    invented_count = attendance.registrations - len(rows)
    for i, (name, email) in enumerate(_participants(rng, invented_count, skip, data)):
        # Two in three come from a migrant organization, the rest from their tandem partners.
        org = rng.choice(migrant) if i % 3 != 2 and migrant else rng.choice(others or migrant)
        rows.append((name, email, org, settings.LANGUAGE_CODE))
    questions = list(event.questions.all())
    opened, start = attendance.opened.before(), event.starts_at
    for i, (name, email, org, language) in enumerate(rows):
        signed_up = opened + datetime.timedelta(days=i * 0.9, hours=rng.randint(0, 9))
        cancelled = i in attendance.cancelled
        attended = None if cancelled else i not in attendance.no_shows
        registration, created = Registration.objects.update_or_create(
            event=event,
            email=email,
            defaults={
                "name": name,
                "user": ctx.users.get(email),
                "organization": org,
                "status": (
                    RegistrationStatus.CANCELLED if cancelled else RegistrationStatus.CONFIRMED
                ),
                "language": language,
                "consent_text": event.consent_text,
                "consented_at": signed_up,
                "queued_at": signed_up,
                "cancelled_at": attendance.cancelled_at.before() if cancelled else None,
                "attended": attended,
                "checked_in_at": (
                    start + datetime.timedelta(minutes=rng.randint(-20, 40)) if attended else None
                ),
            },
        )
        if created:
            Registration.objects.filter(pk=registration.pk).update(created_at=signed_up)
            choice = rng.choice(questions[0].choices)
            Answer.objects.bulk_create(
                [Answer(registration=registration, question=questions[0], value=choice)]
            )
    confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    Event.objects.filter(pk=event.pk).update(seats_taken=confirmed)
    event.seats_taken = confirmed
