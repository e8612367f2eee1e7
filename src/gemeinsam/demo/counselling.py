"""Counselling in the demo: where each agency takes requests from, who counsels on what, the
requests waiting in every intake queue, the featured cases with their timelines, the advisors'
appointments this week and next, and the history the funder report counts.

Requests go through `counselling.services` as the public form sends them (routing, suggested
advisors, contact records and consent), and are accepted, forwarded or declined through the
services too; sessions, tasks, outcomes, documents and appointments are written directly. Dates
are counted from the day the demo is loaded.

Loading again adds nothing: requests are keyed by their description, cases by their request or
by (agency, title), appointments by a fixed uid (their dates move with the day of loading), and
the history is written once (counselling_history.py). A case's timeline is written when the case
is first created.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone

from gemeinsam.agencies.models import Agency, Project, StaffMembership
from gemeinsam.counselling import services
from gemeinsam.counselling.enums import RequestStatus
from gemeinsam.counselling.inputs import RequestInput
from gemeinsam.counselling.models import (
    AdvisorProfile,
    Appointment,
    Case,
    CaseTemplate,
    ConsentRecord,
    CoverageArea,
    Forwarding,
    Request,
    Session,
    Topic,
)
from gemeinsam.organizations.models import Organization, WorkingLanguage

from . import counselling_history as history
from .counselling_specs import (
    PARTNER,
    CaseSpec,
    RequestSpec,
    appointments,
    cases,
    intake,
    requests,
)
from .counselling_timeline import write_timeline
from .days import WEEKDAYS, at
from .people import cast


@dataclass
class CounsellingSummary:
    requests: int
    cases: int
    sessions: int


@dataclass
class _Context:
    today: datetime.date
    agencies: dict[str, Agency]
    users: dict
    organizations: dict[str, Organization]
    topics: dict[str, Topic]
    languages: dict[str, WorkingLanguage]
    partner: Organization


def load(today: datetime.date | None = None) -> CounsellingSummary:
    """Create or update the demo's counselling data; returns what the demo agencies hold."""
    today = today or timezone.localdate()
    agencies = {a.slug: a for a in Agency.objects.filter(slug__in=intake().coverage)}
    staff = {s.person.email for s in cast().staff}
    users = {u.email: u for u in get_user_model().objects.filter(email__in=staff | _askers())}
    _load_coverage(agencies)
    _load_profiles(agencies)
    # The history first, so the featured cases see which organizations came before.
    taken = set(_askers()) | staff | {login.person.email for login in cast().logins}
    for item in history.histories().agencies:
        history.write(item, today, users=users, taken=taken)
    partner = (
        Organization.objects.filter(city="Münster", kind="established_provider")
        .order_by("slug")
        .first()
    ) or Organization.objects.get(name="Kommunales Integrationszentrum Münster")
    names = {n for spec in cases() for n in spec.organizations} | {
        s.organization for s in _request_specs() if s.organization
    }
    ctx = _Context(
        today=today,
        agencies=agencies,
        users=users,
        organizations={o.name: o for o in Organization.objects.filter(name__in=names)}
        | {PARTNER: partner},
        topics={t.code: t for t in Topic.objects.all()},
        languages={w.code: w for w in WorkingLanguage.objects.all()},
        partner=partner,
    )
    for spec in requests():
        _load_request(ctx, spec)
    written = {spec.key: _load_case(ctx, spec) for spec in cases()}
    _load_appointments(ctx, written)
    return CounsellingSummary(
        requests=Request.objects.filter(agency__in=agencies.values()).count(),
        cases=Case.objects.filter(agency__in=agencies.values()).count(),
        sessions=Session.objects.filter(case__agency__in=agencies.values()).count(),
    )


def _request_specs() -> list[RequestSpec]:
    return [*requests(), *(c.request for c in cases() if c.request)]


def _askers() -> set[str]:
    """The addresses of everyone asking in the featured data (history contacts avoid them)."""
    emails = {s.asker.address for s in _request_specs()}
    emails |= {c.email for spec in cases() for c in spec.contacts}
    return emails - {""}


# --- Reference data ----------------------------------------------------------------------------


def _load_coverage(agencies: dict[str, Agency]) -> None:
    for slug, coverage in intake().coverage.items():
        agency = agencies[slug]
        wanted = [(p, "") for p in coverage.postcodes] + [("", s) for s in coverage.states]
        for prefix, state in wanted:
            CoverageArea.objects.get_or_create(
                agency=agency, postcode_prefix=prefix, federal_state=state
            )
        current = agency.coverage_areas.values_list("id", "postcode_prefix", "federal_state")
        stale = [pk for pk, prefix, state in current if (prefix, state) not in wanted]
        CoverageArea.objects.filter(pk__in=stale).delete()


def _load_profiles(agencies: dict[str, Agency]) -> None:
    topics = {t.code: t for t in Topic.objects.all()}
    people = cast().people
    by_email = {people[h].email: codes for h, codes in intake().advisor_topics.items()}
    memberships = StaffMembership.objects.filter(
        agency__in=agencies.values(), user__email__in=by_email
    ).select_related("user")
    for membership in memberships:
        profile, _ = AdvisorProfile.objects.update_or_create(
            membership=membership, defaults={"accepts_requests": True}
        )
        profile.topics.set([topics[c] for c in by_email[membership.user.email]])


# --- Requests -------------------------------------------------------------------------------------


def _load_request(ctx: _Context, spec: RequestSpec) -> Request:
    existing = Request.objects.filter(description=spec.description).first()
    if existing is not None:
        return existing
    asker = spec.asker
    request = services.public.submit_request(
        RequestInput(
            name=asker.full_name,
            email=asker.email,
            phone=asker.phone,
            organization=ctx.organizations.get(spec.organization),
            organization_name=spec.organization_name,
            topics=tuple(ctx.topics[c] for c in spec.topics),
            language=ctx.languages[spec.language],
            channel=spec.channel,
            preferred_times=spec.preferred_times,
            description=spec.description,
            postcode=spec.postcode,
            federal_state=spec.federal_state,
            consent=True,
            mail_language=asker.mail_language,
        ),
        by=ctx.users.get(asker.user.email) if asker.user else None,
        consent_version=intake().consent.version,
        consent_text=intake().consent.text(asker.mail_language),
    )
    day = ctx.today - datetime.timedelta(days=spec.days_ago)
    received = at(day, 8 + len(spec.description) % 11, len(spec.description) % 60)
    Request.objects.filter(pk=request.pk).update(created_at=received)
    consent = ConsentRecord.objects.filter(contact=request.contact).order_by("-id").first()
    ConsentRecord.objects.filter(pk=consent.pk).update(given_at=received)
    decided = received + datetime.timedelta(days=1, hours=1)
    by = ctx.users.get(spec.decided_by.email) if spec.decided_by else None
    if spec.declined:
        services.intake.decline_request(request, reason=spec.declined, by=by)
    elif spec.withdrawn:
        services.public.withdraw_request(request)
    elif spec.forward_to:
        to_agency = ctx.agencies[spec.forward_to]
        services.intake.forward_request(
            request, to_agency=to_agency, reason=spec.forward_reason, by=by
        )
        Forwarding.objects.filter(request=request).update(at=decided)
    if spec.declined or spec.withdrawn:
        Request.objects.filter(pk=request.pk).update(decided_at=decided)
    request.refresh_from_db()
    return request


# --- Cases ----------------------------------------------------------------------------------------


def _load_case(ctx: _Context, spec: CaseSpec) -> Case | None:
    agency = ctx.agencies[spec.agency]
    advisors = [ctx.users[p.email] for p in spec.advisors]
    opened = ctx.today - datetime.timedelta(days=spec.opened_ago)
    project = Project.objects.filter(agency=agency, slug=spec.project).first()
    template = CaseTemplate.objects.filter(code=spec.template).first() if spec.template else None
    if spec.request is not None:
        request = _load_request(ctx, spec.request)
        existing = Case.objects.filter(request=request).first()
        if existing is not None or request.status != RequestStatus.NEW:
            return existing  # written before (or decided otherwise by someone in the demo)
        case = services.intake.accept_request(
            request,
            by=advisors[0],
            advisors=advisors,
            case_type=spec.case_type,
            title=spec.title,
            project=project,
            template=template,
        )
        Request.objects.filter(pk=request.pk).update(decided_at=at(opened, 9, 30))
        Case.objects.filter(pk=case.pk).update(opened_on=opened)
        case.opened_on = opened
    else:
        existing = Case.objects.filter(agency=agency, title=spec.title).first()
        if existing is not None:
            return existing
        contacts = [
            services.public.contact_for(
                name=c.name, email=c.email, organization=ctx.organizations.get(c.organization)
            )
            for c in spec.contacts
        ]
        case = services.cases.open_case(
            agency=agency,
            by=advisors[0],
            title=spec.title,
            case_type=spec.case_type,
            organizations=[ctx.organizations[n] for n in spec.organizations],
            contacts=contacts,
            advisors=advisors,
            topics=[ctx.topics[c] for c in spec.topics],
            language=ctx.languages[spec.language],
            project=project,
            template=template,
            opened_on=opened,
        )
    write_timeline(
        case,
        spec,
        today=ctx.today,
        users=ctx.users,
        fill=lambda text: text.replace(PARTNER, ctx.partner.name),
    )
    return case


# --- Appointments ---------------------------------------------------------------------------------


def _load_appointments(ctx: _Context, written: dict[str, Case | None]) -> None:
    monday = ctx.today - datetime.timedelta(days=ctx.today.weekday())
    for spec in appointments():
        day = monday + datetime.timedelta(days=7 * spec.week + WEEKDAYS.index(spec.weekday))
        starts = at(day, spec.starts)
        case = written.get(spec.case)
        appointment, _ = Appointment.objects.update_or_create(
            uid=f"demo-{spec.key}",
            defaults={
                "case": case,
                "agency": ctx.agencies[spec.agency],
                "advisor": ctx.users[spec.advisor.email],
                "title": spec.title,
                "starts_at": starts,
                "ends_at": starts + datetime.timedelta(minutes=spec.minutes),
                "channel": spec.channel,
                "location": spec.location,
                "video_link": spec.video_link,
                "cancelled_at": None,
            },
        )
        appointment.attendees.set(case.contacts.all() if case else [])
