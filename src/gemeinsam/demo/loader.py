"""Writing the demo data. Idempotent: every row is keyed by a slug or an email address."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from gemeinsam.agencies.models import (
    Agency,
    Project,
    ProjectMeasure,
    StaffMembership,
)
from gemeinsam.organizations import search
from gemeinsam.organizations.enums import MembershipStatus
from gemeinsam.organizations.models import (
    FieldOfActivity,
    FundingSource,
    LegalForm,
    Organization,
    OrganizationMembership,
    Recognition,
    RecognitionType,
    TargetGroup,
    WorkingLanguage,
)

from . import committees as demo_committees
from . import counselling as demo_counselling
from . import (
    counselling_history_specs,
    counselling_specs,
    descriptions,
    names,
    naming,
    places,
    translated,
)
from . import events as demo_events
from . import events_texts as demo_events_texts
from . import funding as demo_funding
from . import knowledge as demo_knowledge
from . import organizations as demo_organizations
from . import rooms as demo_rooms
from . import surveys as demo_surveys
from . import tandems as demo_tandems
from .agencies import agencies as agency_records
from .featured import organization_specs, organizations
from .organizations import OrganizationSpec
from .people import cast


@dataclass
class DemoSummary:
    agencies: int
    projects: int
    organizations: int
    people: int
    events: int = 0
    rooms: int = 0
    counselling_cases: int = 0
    readiness_results: int = 0


def check_data() -> None:
    """Read and check every data file (each is read once), so that a malformed one stops the
    demo with a DataError naming the file and the record before anything is written."""
    for read in (
        cast,
        names.names,
        places.places,
        naming.organization_names,
        demo_organizations.kinds,
        descriptions.descriptions,
        agency_records,
        organizations,
        demo_events.events_data,
        demo_events_texts.texts_data,
        demo_rooms.rooms_data,
        counselling_specs.intake,
        counselling_specs.requests,
        counselling_specs.cases,
        counselling_specs.appointments,
        counselling_history_specs.histories,
        demo_funding.funding_data,
        demo_knowledge.knowledge_data,
        demo_tandems.tandems_data,
        demo_committees.committees_data,
        demo_surveys.surveys_data,
    ):
        read()


@transaction.atomic
def load_demo_data(*, today: datetime.date | None = None) -> DemoSummary:
    """Create or update every demo row; running it again changes nothing but timestamps."""
    today = today or timezone.localdate()
    agencies = _load_agencies()
    users = _load_people(agencies)
    stored = _load_organizations(organization_specs(today))
    for m in organizations().memberships:
        org = next(o for o in stored if o.name == m.organization)
        decided = m.status == MembershipStatus.ACTIVE
        OrganizationMembership.objects.update_or_create(
            organization=org,
            user=users[m.person.email],
            defaults={
                "role": m.role,
                "status": m.status,
                "message": m.message,
                "decided_at": timezone.now() if decided else None,
            },
        )
    search.reindex(Organization.objects.filter(id__in=[o.id for o in stored]))
    # Events and rooms refer to the agencies, projects, organizations and people above.
    events = demo_events.load_events(today)
    demo_events_texts.translate_events({event.slug: event for event in events})
    rooms = demo_rooms.load_rooms(today)
    # Counselling refers to all of the above: agencies, staff, organizations and members.
    counselling = demo_counselling.load(today)
    # Funding: organizations at each stage of the readiness checks, and results over time.
    funding = demo_funding.load(today)
    # Guides: steps bound to the readiness checks, read for the member's organization above.
    demo_knowledge.load(today)
    # Tandems: calls of NRW and Hamburg, the NRW tandems paired from the directory above.
    demo_tandems.load(today)
    # Committees: Lichtenberg's, in VIA's register, with a representative of an MO above.
    demo_committees.load(today)
    # Surveys: seed 004's questionnaires and raw responses for Der Paritätische NRW.
    demo_surveys.load(today)
    return DemoSummary(
        agencies=len(agencies),
        projects=Project.objects.filter(agency__in=agencies.values()).count(),
        organizations=len(stored),
        people=len(users),
        events=len(events),
        rooms=len(rooms),
        counselling_cases=counselling.cases,
        readiness_results=funding.results,
    )


def _load_agencies() -> dict[str, Agency]:
    found = {}
    for data in agency_records():
        agency, _ = Agency.objects.update_or_create(slug=data.slug, defaults=data.model_fields())
        others = {lang: text for lang, text in data.descriptions.items() if lang != "de"}
        translated.store(agency, "description", others, data.translated_from)
        translated.store(agency, "region_served", data.region_served_translated)
        for item in data.projects:
            project, _ = Project.objects.update_or_create(
                agency=agency,
                slug=item.slug,
                defaults={
                    "title": item.title,
                    "funder": item.funder,
                    "starts_on": item.starts_on,
                    "ends_on": item.ends_on,
                    "goals": "\n".join(item.goals),
                    "is_public": True,
                },
            )
            translated.store(project, "title", item.title_translated)
            goals = {lang: "\n".join(lines) for lang, lines in item.goals_translated.items()}
            translated.store(project, "goals", goals)
            measures = item.measure_list()
            for position, measure in enumerate(measures):
                row, _ = ProjectMeasure.objects.update_or_create(
                    project=project,
                    position=position,
                    defaults={"title": measure.title, "description": measure.description},
                )
                translated.store(row, "title", measure.title_translated)
            project.measures.filter(position__gte=len(measures)).delete()
        found[agency.slug] = agency
    return found


def _load_people(agencies: dict[str, Agency]) -> dict:
    people = cast()
    # One hash for all: the password is the same, and hashing is deliberately slow.
    password = make_password(people.password)
    users = {}
    for person in people.people.values():
        user, _ = get_user_model().objects.update_or_create(
            email=person.email,
            defaults={
                "name": person.name,
                "password": password,
                "is_active": True,
                "is_staff": person.is_platform_admin,
                "is_superuser": person.is_platform_admin,
            },
        )
        # Log-in needs a confirmed address (ACCOUNT_EMAIL_VERIFICATION is mandatory).
        EmailAddress.objects.update_or_create(
            user=user, email=person.email, defaults={"verified": True, "primary": True}
        )
        users[person.email] = user
    for staff in people.staff:
        StaffMembership.objects.update_or_create(
            agency=agencies[staff.agency],
            user=users[staff.person.email],
            defaults={
                "role": staff.role,
                "is_active": True,
                "is_public_contact": staff.is_public_contact,
                "public_title": staff.public_title,
                "public_phone": staff.public_phone,
                "public_email": staff.public_email,
                "languages": staff.languages,
            },
        )
    return users


def _load_organizations(specs: list[OrganizationSpec]) -> list[Organization]:
    by_code = {
        model: {row.code: row for row in model.objects.all()}
        for model in (FieldOfActivity, TargetGroup, WorkingLanguage, LegalForm, RecognitionType)
    }
    organizations = []
    for spec in specs:
        values = spec.model_fields()
        values["legal_form"] = by_code[LegalForm].get(spec.legal_form)
        org, _ = Organization.objects.update_or_create(slug=spec.slug, defaults=values)
        org.fields.set([by_code[FieldOfActivity][c] for c in spec.fields])
        org.target_groups.set([by_code[TargetGroup][c] for c in spec.target_groups])
        org.languages.set([by_code[WorkingLanguage][c] for c in spec.languages])
        others = {lang: found for lang, found in spec.descriptions.items() if lang != "de"}
        translated.store(
            org,
            "description",
            {lang: text for lang, (text, _made_from) in others.items()},
            {lang: made_from for lang, (_text, made_from) in others.items()},
        )
        types = by_code[RecognitionType]
        for code, authority, granted_on, valid_until in spec.recognitions:
            Recognition.objects.update_or_create(
                organization=org,
                type=types[code],
                defaults={
                    "authority": authority,
                    "granted_on": granted_on,
                    "valid_until": valid_until,
                },
            )
        org.recognitions.exclude(type__code__in=[r[0] for r in spec.recognitions]).delete()
        _set_funding(org, spec, by_code[FieldOfActivity])
        organizations.append(org)
    return organizations


def _set_funding(org: Organization, spec: OrganizationSpec, fields: dict) -> None:
    wanted = [(fields[code].id, kind, funder) for code, kind, funder in spec.funding]
    current = list(org.funding_sources.order_by("id").values_list("field_id", "kind", "funder"))
    if current != wanted:
        org.funding_sources.all().delete()
        FundingSource.objects.bulk_create(
            FundingSource(organization=org, field_id=f, kind=k, funder=funder)
            for f, k, funder in wanted
        )
