"""Writing the demo data. Idempotent: every row is keyed by a slug or an email address."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from random import Random

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from gemeinsam.agencies.models import (
    Agency,
    AgencyDescription,
    Project,
    ProjectMeasure,
    StaffMembership,
)
from gemeinsam.organizations import search
from gemeinsam.organizations.enums import MembershipRole, MembershipStatus
from gemeinsam.organizations.models import (
    FieldOfActivity,
    FundingSource,
    LegalForm,
    Organization,
    OrganizationDescription,
    OrganizationMembership,
    Recognition,
    RecognitionType,
    TargetGroup,
    WorkingLanguage,
)

from . import counselling as demo_counselling
from . import events as demo_events
from . import funding as demo_funding
from . import people
from . import rooms as demo_rooms
from .agencies import AGENCIES
from .names import COMMUNITIES
from .organizations import MIXED, OrganizationSpec, organization_spec
from .places import CITIES

ORGANIZATION_COUNT = 300
SEED = 20240614  # the day of the closing event in Bochum; any fixed number would do

_CITY = {c.name: c for c in CITIES}
_COMMUNITY = {c.adjective: c for c in COMMUNITIES}

# The organizations the demo's people act for, and a few the seeds' projects speak of.
FEATURED = (
    {
        "name": "Deutsch-Syrischer Kulturverein Bochum e.V.",
        "kind": "migrant_org",
        "city": "Bochum",
        "district": "Bochum-Mitte",
        "community": "Syrisch",
        "fields": ("youth_work", "education", "counselling"),
    },
    {
        "name": "Alevitische Gemeinde Gelsenkirchen e.V.",
        "kind": "religious_community",
        "city": "Gelsenkirchen",
        "district": "Ückendorf",
        "languages": ("tr", "ku"),
        "fields": ("youth_work", "women_family", "elderly_care"),
    },
    {
        "name": "Eritreischer Kulturverein Köln e.V.",
        "kind": "migrant_org",
        "city": "Köln",
        "district": "Ehrenfeld",
        "community": "Eritreisch",
        "fields": ("culture", "youth_work"),
    },
    {
        "name": "Afrikanischer Frauenverein Münster",
        "kind": "migrant_org",
        "city": "Münster",
        "district": "Münster-Mitte",
        "community": "Afrikanisch",
        "fields": ("women_family", "health"),
    },
    {
        "name": "Elternnetzwerk Kreuzberg",
        "kind": "migrant_org",
        "city": "Berlin",
        "district": "Friedrichshain-Kreuzberg",
        "fields": ("women_family", "education"),
    },
    {
        "name": "Jugendmigrationsdienst Dortmund",
        "kind": "established_provider",
        "city": "Dortmund",
        "district": "Innenstadt-Nord",
        "languages": ("ar", "tr", "ru"),
        "fields": ("youth_welfare", "counselling", "labour_market"),
    },
    {
        "name": "Bezirksamt Neukölln – Integrationsbüro",
        "kind": "authority",
        "city": "Berlin",
        "district": "Neukölln",
        "fields": ("migration_integration",),
    },
    {
        "name": "Kurdisches Elternforum Wilhelmsburg e.V.",
        "kind": "migrant_org",
        "city": "Hamburg",
        "district": "Hamburg-Mitte",
        "community": "Kurdisch",
        "fields": ("youth_welfare", "women_family"),
    },
    {
        "name": "Mriya – Ukrainische Familien in Altona e.V.",
        "kind": "migrant_org",
        "city": "Hamburg",
        "district": "Altona",
        "community": "Ukrainisch",
        "fields": ("refugee_help", "education", "daycare"),
    },
    {
        "name": "Afghanischer Jugendverein Paiwand Harburg e.V.",
        "kind": "migrant_org",
        "city": "Hamburg",
        "district": "Harburg",
        "community": "Afghanisch",
        "fields": ("youth_work", "sports"),
    },
    {
        "name": "Vietnamesischer Kulturverein Lichtenberg e.V.",
        "kind": "migrant_org",
        "city": "Berlin",
        "district": "Lichtenberg",
        "community": "Vietnamesisch",
        "fields": ("culture", "elderly_care"),
    },
    {
        "name": "Arabischer Elternverein Neukölln e.V.",
        "kind": "migrant_org",
        "city": "Berlin",
        "district": "Neukölln",
        "community": "Arabisch",
        "fields": ("youth_welfare", "daycare"),
    },
    {
        "name": "Türkischer Seniorentreff Marxloh",
        "kind": "migrant_org",
        "city": "Duisburg",
        "district": "Hamborn",
        "community": "Türkisch",
        "fields": ("elderly_care", "health"),
    },
    {
        "name": "Islamische Gemeinde Münster-Kinderhaus e.V.",
        "kind": "religious_community",
        "city": "Münster",
        "district": "Münster-Nord",
        "languages": ("tr", "ar"),
        "fields": ("youth_work", "women_family"),
    },
    {
        "name": "Kommunales Integrationszentrum Münster",
        "kind": "authority",
        "city": "Münster",
        "district": "Münster-Mitte",
        "fields": ("migration_integration", "youth_welfare"),
    },
    {
        "name": "Verband der Migrant*innenorganisationen Bochum e.V.",
        "kind": "umbrella_body",
        "city": "Bochum",
        "district": "Bochum-Mitte",
        "fields": ("civic_engagement", "migration_integration"),
    },
    {
        "name": "Interkultureller Pflegedienst Anadolu",
        "kind": "service_provider",
        "city": "Essen",
        "district": "Altenessen",
        "languages": ("tr", "ku"),
        "fields": ("elderly_care", "health"),
    },
    {
        "name": "Nachbarschaftsheim Wilhelmsburg e.V.",
        "kind": "established_provider",
        "city": "Hamburg",
        "district": "Hamburg-Mitte",
        "languages": ("tr", "ar", "en"),
        "fields": ("youth_work", "counselling", "migration_integration"),
    },
)

MEMBERSHIPS = (  # (person, organization name, role, status, message)
    (people.MEMBER, FEATURED[0]["name"], MembershipRole.ADMIN, MembershipStatus.ACTIVE, ""),
    (people.COLLEAGUE, FEATURED[0]["name"], MembershipRole.MEMBER, MembershipStatus.ACTIVE, ""),
    (people.SECOND_MEMBER, FEATURED[1]["name"], MembershipRole.ADMIN, MembershipStatus.ACTIVE, ""),
    (
        people.CLAIMANT,
        FEATURED[2]["name"],
        MembershipRole.ADMIN,
        MembershipStatus.PENDING,
        "Ich bin seit 2021 im Vorstand und möchte unser Profil pflegen. Unser Vorsitzender kann "
        "das bestätigen.",
    ),
)


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


def organization_specs(today: datetime.date) -> list[OrganizationSpec]:
    """The demo's organizations: the featured ones, then invented ones up to 300."""
    rng = Random(SEED)  # noqa: S311 - deterministic demo data, not security
    specs = []
    for item in FEATURED:
        item = dict(item)
        community = _COMMUNITY.get(item.pop("community", ""), MIXED)
        city = _CITY[item.pop("city")]
        specs.append(organization_spec(rng, today=today, city=city, community=community, **item))
    # The member's profile is overdue for confirmation, so the nudge shows on her dashboard.
    specs[0].last_confirmed_on = today - datetime.timedelta(days=400)
    specs[0].is_public = True
    specs[2].is_public = True
    slugs = {s.slug for s in specs}
    while len(specs) < ORGANIZATION_COUNT:
        spec = organization_spec(rng, today=today)
        if spec.slug not in slugs:
            slugs.add(spec.slug)
            specs.append(spec)
    return specs


@transaction.atomic
def load_demo_data(*, today: datetime.date | None = None) -> DemoSummary:
    """Create or update every demo row; running it again changes nothing but timestamps."""
    today = today or timezone.localdate()
    agencies = _load_agencies()
    users = _load_people(agencies)
    organizations = _load_organizations(organization_specs(today))
    for person, org_name, role, status, message in MEMBERSHIPS:
        org = next(o for o in organizations if o.name == org_name)
        decided = status == MembershipStatus.ACTIVE
        OrganizationMembership.objects.update_or_create(
            organization=org,
            user=users[person.email],
            defaults={
                "role": role,
                "status": status,
                "message": message,
                "decided_at": timezone.now() if decided else None,
            },
        )
    search.reindex(Organization.objects.filter(id__in=[o.id for o in organizations]))
    # Events and rooms refer to the agencies, projects, organizations and people above.
    events = demo_events.load_events(today)
    rooms = demo_rooms.load_rooms(today)
    # Counselling refers to all of the above: agencies, staff, organizations and members.
    counselling = demo_counselling.load(today)
    # Funding: organizations at each stage of the readiness checks, and results over time.
    funding = demo_funding.load(today)
    return DemoSummary(
        agencies=len(agencies),
        projects=Project.objects.filter(agency__in=agencies.values()).count(),
        organizations=len(organizations),
        people=len(users),
        events=len(events),
        rooms=len(rooms),
        counselling_cases=counselling.cases,
        readiness_results=funding.results,
    )


def _load_agencies() -> dict[str, Agency]:
    agencies = {}
    for data in AGENCIES:
        fields = {k: v for k, v in data.items() if k not in {"slug", "descriptions", "projects"}}
        outdated = fields.pop("outdated_translations", ())
        agency, _ = Agency.objects.update_or_create(slug=data["slug"], defaults=fields)
        for language, text in data["descriptions"].items():
            status = "outdated" if language in outdated else "up_to_date"
            AgencyDescription.objects.update_or_create(
                agency=agency, language=language, defaults={"text": text, "status": status}
            )
        for item in data["projects"]:
            project, _ = Project.objects.update_or_create(
                agency=agency,
                slug=item["slug"],
                defaults={
                    "title": item["title"],
                    "funder": item["funder"],
                    "starts_on": item["starts_on"],
                    "ends_on": item["ends_on"],
                    "goals": "\n".join(item["goals"]),
                    "is_public": True,
                },
            )
            for position, measure in enumerate(item["measures"]):
                title, description = measure if isinstance(measure, tuple) else (measure, "")
                ProjectMeasure.objects.update_or_create(
                    project=project,
                    position=position,
                    defaults={"title": title, "description": description},
                )
            project.measures.filter(position__gte=len(item["measures"])).delete()
        agencies[agency.slug] = agency
    return agencies


def _load_people(agencies: dict[str, Agency]) -> dict:
    everyone = {p.email: p for _, p, _ in people.LOGINS}
    everyone.update({s.person.email: s.person for s in people.STAFF})
    everyone[people.COLLEAGUE.email] = people.COLLEAGUE
    # One hash for all: the password is the same, and hashing is deliberately slow.
    password = make_password(people.DEMO_PASSWORD)
    users = {}
    for email, person in everyone.items():
        user, _ = get_user_model().objects.update_or_create(
            email=email,
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
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        users[email] = user
    for staff in people.STAFF:
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
        for language, (text, status) in spec.descriptions.items():
            OrganizationDescription.objects.update_or_create(
                organization=org, language=language, defaults={"text": text, "status": status}
            )
        org.descriptions.exclude(language__in=spec.descriptions).delete()
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
