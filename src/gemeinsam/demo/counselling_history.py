"""Past counselling, so the funder report has something to count: two and a half years of KomMig
(mostly its project on organizational development), a year and a half of VIA and of DRK Münster.

Generated deterministically (a fixed seed per agency; dates counted back from the day the demo
is first loaded) and written with bulk_create. It is written once: an agency that already has
cases opened more than `MARK_DAYS` ago keeps its history, so loading again adds nothing.
Summaries are encrypted by their field as they are written, like every other.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from random import Random

from django.utils.text import slugify

from gemeinsam.agencies.models import Agency, Project
from gemeinsam.counselling.enums import (
    CaseStatus,
    CaseType,
    ConsentPurpose,
    OutcomeKind,
    RequestStatus,
    RoutedBy,
)
from gemeinsam.counselling.models import (
    Case,
    ConsentRecord,
    Contact,
    Outcome,
    Request,
    Session,
    Topic,
)
from gemeinsam.organizations.models import Organization, WorkingLanguage

from .counselling_history_specs import History, histories
from .counselling_specs import intake
from .days import at
from .names import names

MARK_DAYS = 180  # featured cases are younger than this; history cases mostly older


@dataclass
class _Case:
    org: Organization
    contact: Contact
    project: str
    topics: list[str]
    language: str
    advisor: str
    case_type: str
    opened: datetime.date
    is_new: bool
    sessions: list[tuple] = field(default_factory=list)
    outcomes: list[tuple] = field(default_factory=list)
    closed: datetime.date | None = None
    request: Request | None = None


def _pick(rng: Random, weighted):
    items, weights = zip(*weighted, strict=True)
    return rng.choices(items, weights=weights)[0]


def has_history(agency: Agency, today: datetime.date) -> bool:
    return agency.cases.filter(opened_on__lt=today - datetime.timedelta(days=MARK_DAYS)).exists()


def write(history: History, today: datetime.date, *, users: dict, taken: set[str]) -> int:
    """Write one agency's history unless it has one; returns the number of sessions written."""
    agency = Agency.objects.get(slug=history.agency)
    if has_history(agency, today):
        return 0
    rng = Random(history.seed)  # noqa: S311 - deterministic demo data, not security
    orgs = list(Organization.objects.filter(**history.organizations.filters()).order_by("slug"))
    projects = {p.slug: p for p in Project.objects.filter(agency=agency)}
    topics = {t.code: t for t in Topic.objects.all()}
    languages = {w.code: w for w in WorkingLanguage.objects.all()}
    plans = _plan(history, today, rng, orgs, taken)
    _write_requests(agency, plans, rng, users, languages, topics)
    cases = Case.objects.bulk_create(
        Case(
            agency=agency,
            title=f"{p.org.name}: {topics[p.topics[0]].label_in('de')}"[:200],
            case_type=p.case_type,
            status=CaseStatus.CLOSED if p.closed else CaseStatus.OPEN,
            request=p.request,
            language=languages[p.language],
            project=projects[p.project],
            is_new_client=p.is_new,
            organization_kind=p.org.kind,
            opened_on=p.opened,
            closed_on=p.closed,
        )
        for p in plans
    )
    pairs = list(zip(cases, plans, strict=True))
    _write_links(pairs, users, topics)
    return _write_sessions_and_outcomes(pairs, users)


def _write_links(pairs: list[tuple[Case, _Case]], users: dict, topics: dict) -> None:
    """Each case's organization, contact, advisor and topics."""
    through = Case.organizations.through
    through.objects.bulk_create(through(case_id=c.pk, organization_id=p.org.pk) for c, p in pairs)
    through = Case.contacts.through
    through.objects.bulk_create(through(case_id=c.pk, contact_id=p.contact.pk) for c, p in pairs)
    through = Case.advisors.through
    through.objects.bulk_create(
        through(case_id=c.pk, user_id=users[p.advisor].pk) for c, p in pairs
    )
    through = Case.topics.through
    through.objects.bulk_create(
        through(case_id=c.pk, topic_id=topics[code].pk) for c, p in pairs for code in p.topics
    )


def _write_sessions_and_outcomes(pairs: list[tuple[Case, _Case]], users: dict) -> int:
    sessions = Session.objects.bulk_create(
        Session(
            case_id=c.pk,
            held_on=held_on,
            duration_minutes=minutes,
            channel=channel,
            participants=participants,
            summary=summary,
            next_steps=next_steps,
            advisor=users[p.advisor],
        )
        for c, p in pairs
        for held_on, minutes, channel, participants, summary, next_steps in p.sessions
    )
    Outcome.objects.bulk_create(
        Outcome(
            case_id=c.pk,
            kind=kind,
            achieved_on=day,
            programme=programme,
            amount=amount,
            recorded_by=users[p.advisor],
        )
        for c, p in pairs
        for kind, day, programme, amount in p.outcomes
    )
    return len(sessions)


def _plan(history: History, today, rng: Random, orgs, taken: set[str]) -> list[_Case]:
    first = today - datetime.timedelta(days=history.months * 30)
    last = today - datetime.timedelta(days=21)
    span = (last - first).days
    openings = sorted(
        first + datetime.timedelta(days=rng.randrange(span)) for _ in range(history.cases)
    )
    contacts: dict[int, Contact] = {}
    plans = []
    for opened in openings:
        seen = [o for o in orgs if o.pk in contacts]
        org = rng.choice(seen) if seen and rng.random() < 0.35 else rng.choice(orgs)
        language = _pick(rng, history.languages.items())
        is_new = org.pk not in contacts
        if is_new:
            contacts[org.pk] = _contact(rng, org, language, taken)
        mix = _pick(rng, [(p, p.weight) for p in history.projects])
        chosen = rng.sample(list(mix.topics), k=1 if rng.random() < 0.6 else 2)
        advisors = history.advisor_languages()
        speakers = [a for a, spoken in advisors.items() if language in spoken]
        advisor = rng.choice(speakers or sorted(advisors))
        plan = _Case(
            org=org,
            contact=contacts[org.pk],
            project=mix.slug,
            topics=chosen,
            language=language,
            advisor=advisor,
            case_type=_case_type(rng, chosen[0]),
            opened=opened,
            is_new=is_new,
        )
        _sessions(rng, plan, last)
        _close(rng, plan, today)
        _outcomes(rng, plan, history, today)
        plans.append(plan)
    Contact.objects.bulk_create(contacts.values())
    ConsentRecord.objects.bulk_create(
        ConsentRecord(
            contact=contact,
            purpose=ConsentPurpose.COUNSELLING,
            text_version=intake().consent.version,
            text=intake().consent.text("ar" if contact.preferred_language == "ar" else "de"),
            given_at=at(next(p.opened for p in plans if p.contact is contact), 9),
        )
        for contact in contacts.values()
    )
    return plans


def _contact(rng: Random, org: Organization, language: str, taken: set[str]) -> Contact:
    """An invented contact person at example.org whose address nobody else in the demo has."""
    while True:
        first, family = rng.choice(names().first_names), rng.choice(names().family_names)
        email = f"{_fold(first)}.{_fold(family)}@example.org"
        if email not in taken:
            taken.add(email)
            return Contact(
                name=f"{first} {family}",
                email=email,
                organization=org,
                preferred_language="ar" if language == "ar" else "de",
            )


def _fold(name: str) -> str:
    return slugify(name.replace("ı", "i").replace("ß", "ss").replace("ł", "l"))


def _case_type(rng: Random, topic: str) -> str:
    if topic == "committee_participation":
        return CaseType.COMMITTEE_COACHING
    if topic == "mediation":
        return CaseType.MEDIATION
    long_running = {"association_founding", "funding_applications", "youth_welfare", "cooperation"}
    if topic in long_running and rng.random() < 0.6:
        return CaseType.PROCESS_SUPPORT
    return CaseType.SINGLE


def _sessions(rng: Random, plan: _Case, last: datetime.date) -> None:
    data = histories()
    count = _pick(rng, data.sessions_per_case.items())
    day = min(plan.opened + datetime.timedelta(days=rng.randint(0, 3)), last)
    for n in range(count):
        if day > last:
            break
        topic = plan.topics[min(n, len(plan.topics) - 1)]
        summary = rng.choice(data.summaries[topic])
        steps = data.next_steps["ar" if plan.language == "ar" else "de"]
        next_steps = rng.choice(steps) if rng.random() < 0.7 else ""
        participants = rng.choice(data.participants).format(name=plan.contact.name)
        plan.sessions.append(
            (
                day,
                _pick(rng, data.minutes.items()),
                _pick(rng, data.channels.items()),
                participants,
                summary,
                next_steps,
            )
        )
        day += datetime.timedelta(days=rng.randint(5, 35))


def _close(rng: Random, plan: _Case, today: datetime.date) -> None:
    end = plan.sessions[-1][0]
    quiet = (today - end).days
    if quiet > 60 or (quiet > 21 and rng.random() < 0.5):
        plan.closed = min(end + datetime.timedelta(days=rng.randint(0, 14)), today)


def _outcomes(rng: Random, plan: _Case, history: History, today: datetime.date) -> None:
    end = plan.closed or plan.sessions[-1][0]
    latest = today - datetime.timedelta(days=7)
    for topic in plan.topics:
        chance = histories().outcomes.get(topic)
        if chance is None or rng.random() >= chance.chance:
            continue
        kind = chance.kind
        day = min(end + datetime.timedelta(days=rng.randint(0, 40)), latest)
        if kind == OutcomeKind.FUNDING_SUBMITTED:
            chosen = rng.choice(history.programmes)
            amount = Decimal(rng.randrange(chosen.smallest, chosen.largest + 1, 500))
            programme = chosen.name
            plan.outcomes.append((kind, day, programme, amount))
            approved = day + datetime.timedelta(days=rng.randint(45, 120))
            if approved <= latest and rng.random() < 0.55:
                plan.outcomes.append((OutcomeKind.FUNDING_APPROVED, approved, programme, amount))
            continue
        plan.outcomes.append((kind, day, "", None))
        registered = day + datetime.timedelta(days=rng.randint(30, 90))
        charitable = rng.random() < 0.4
        if kind == OutcomeKind.ASSOCIATION_REGISTERED and registered <= latest and charitable:
            plan.outcomes.append((OutcomeKind.CHARITABLE_STATUS, registered, "", None))


def _write_requests(agency, plans, rng, users, languages, topics) -> None:
    """Three in four cases began as a request; a few requests were declined."""
    data = histories()
    asked, declined = [], []
    for p in plans:
        if rng.random() < 0.75:
            asked.append(p)
        elif rng.random() < 0.25:  # asked before, about something the agency does not do
            declined.append(p)
    rows, row_topics = [], []
    for n, p in enumerate(asked + declined):
        created = p.opened - datetime.timedelta(days=rng.randint(1, 10))
        if n < len(asked):
            described = data.descriptions.get(p.language, {})
            language = p.language if p.topics[0] in described else "de"
            description = rng.choice(data.descriptions[language][p.topics[0]])
            topic_codes, status, reason = p.topics, RequestStatus.ACCEPTED, ""
            decided = p.opened
        else:
            declined_request = rng.choice(data.declined)
            code = declined_request.topic
            description, reason = declined_request.description, declined_request.reason
            created -= datetime.timedelta(days=rng.randint(20, 90))
            topic_codes, status = [code], RequestStatus.DECLINED
            decided = created + datetime.timedelta(days=1)
        row_topics.append(topic_codes)
        rows.append(
            Request(
                agency=agency,
                routed_by=RoutedBy.POSTCODE if p.org.postcode else RoutedBy.FEDERAL_STATE,
                contact=p.contact,
                organization=p.org,
                language=languages[p.language],
                channel=_pick(rng, data.channels.items()),
                description=description,
                postcode=p.org.postcode,
                federal_state=p.org.federal_state,
                status=status,
                decline_reason=reason,
                decided_by=users[p.advisor],
                decided_at=at(decided, 10),
                created_at=at(created, rng.randint(8, 20), rng.choice((0, 15, 30, 45))),
            )
        )
    Request.objects.bulk_create(rows)
    for p, request in zip(asked, rows, strict=False):
        p.request = request
    through = Request.topics.through
    through.objects.bulk_create(
        through(request_id=r.pk, topic_id=topics[code].pk)
        for r, codes in zip(rows, row_topics, strict=True)
        for code in codes
    )
