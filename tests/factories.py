"""Plain factory functions: every argument visible, no hidden randomness."""

from __future__ import annotations

import datetime
import itertools

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from gemeinsam.agencies.models import Agency, Project, StaffMembership
from gemeinsam.organizations import search
from gemeinsam.organizations.enums import MembershipRole, MembershipStatus, OrganizationKind
from gemeinsam.organizations.models import (
    FieldOfActivity,
    LegalForm,
    Organization,
    OrganizationMembership,
    Recognition,
    RecognitionType,
    WorkingLanguage,
)

_seq = itertools.count(1)
PASSWORD = "correct horse battery staple"


def make_user(email: str | None = None, *, name: str = "", **extra):
    email = email or f"person{next(_seq)}@example.org"
    user = get_user_model().objects.create_user(email=email, password=PASSWORD, name=name, **extra)
    # Log-ins in tests skip the confirmation mail, as a confirmed person would.
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def make_agency(
    name: str = "Kompetenzzentrum Migration", *, slug: str | None = None, **extra
) -> Agency:
    return Agency.objects.create(name=name, slug=slug or f"agency-{next(_seq)}", **extra)


def make_staff(agency: Agency, *, role: str = "advisor", user=None, **extra) -> StaffMembership:
    return StaffMembership.objects.create(
        agency=agency, user=user or make_user(), role=role, **extra
    )


def make_project(agency: Agency, *, title: str = "Gemeinsam aktiv", **extra) -> Project:
    defaults = {
        "funder": "Asyl-, Migrations- und Integrationsfonds",
        "starts_on": datetime.date(2024, 1, 1),
        "slug": f"project-{next(_seq)}",
    }
    defaults.update(extra)
    return Project.objects.create(agency=agency, title=title, **defaults)


def make_organization(
    name: str = "Deutsch-Arabischer Kulturverein",
    *,
    kind: str = OrganizationKind.MIGRANT_ORG,
    is_public: bool = True,
    city: str = "Bochum",
    federal_state: str = "NW",
    description: str = "",
    fields: tuple[str, ...] = (),
    languages: tuple[str, ...] = (),
    recognitions: tuple[str, ...] = (),
    legal_form: str | None = "registered_association",
    index: bool = True,
    **extra,
) -> Organization:
    org = Organization.objects.create(
        name=name,
        slug=f"org-{next(_seq)}",
        kind=kind,
        is_public=is_public,
        city=city,
        federal_state=federal_state,
        legal_form=LegalForm.objects.get(code=legal_form) if legal_form else None,
        last_confirmed_on=extra.pop("last_confirmed_on", datetime.date.today()),
        description=description,
        **extra,
    )
    org.fields.set(FieldOfActivity.objects.filter(code__in=fields))
    org.languages.set(WorkingLanguage.objects.filter(code__in=languages))
    for code in recognitions:
        Recognition.objects.create(organization=org, type=RecognitionType.objects.get(code=code))
    if index:
        search.reindex([org])
    return org


def make_membership(
    organization: Organization,
    user=None,
    *,
    role: str = MembershipRole.ADMIN,
    status: str = MembershipStatus.ACTIVE,
) -> OrganizationMembership:
    return OrganizationMembership.objects.create(
        organization=organization, user=user or make_user(), role=role, status=status
    )


def make_event(
    agency: Agency,
    title: str = "Runder Tisch Migrantenorganisationen",
    *,
    starts_in: datetime.timedelta = datetime.timedelta(days=14),
    hours: int = 3,
    capacity: int | None = 10,
    status: str = "published",
    kind: str = "round_table",
    **extra,
):
    """A published event two weeks ahead, in Münster, with ten places unless told otherwise."""
    from django.utils import timezone

    from gemeinsam.events.models import Event

    starts_at = (timezone.now() + starts_in).replace(minute=0, second=0, microsecond=0)
    extra.setdefault("city", "Münster")
    extra.setdefault("federal_state", "NW")
    return Event.objects.create(
        agency=agency,
        title=title,
        slug=extra.pop("slug", f"event-{next(_seq)}"),
        kind=kind,
        status=status,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=hours),
        capacity=capacity,
        **extra,
    )


def person(name: str = "Leyla Aydın", email: str | None = None, **extra):
    """A participant as the registration service takes it."""
    from gemeinsam.events.services import Person

    return Person(name=name, email=email or f"teilnehmer{next(_seq)}@example.org", **extra)


def make_room(agency: Agency, name: str = "Seminarraum 1", *, capacity: int = 20, **extra):
    """An active event room of the agency, for twenty people unless told otherwise."""
    from gemeinsam.rooms.models import Room

    extra.setdefault("kind", "room")
    return Room.objects.create(
        agency=agency,
        name=name,
        slug=extra.pop("slug", f"room-{next(_seq)}"),
        capacity=capacity,
        **extra,
    )


def make_booking(
    room,
    *,
    by=None,
    organization=None,
    starts_in: datetime.timedelta = datetime.timedelta(days=7),
    hours: int = 2,
    status: str = "requested",
    **extra,
):
    """A booking a week ahead, two hours long, requested unless told otherwise."""
    from django.utils import timezone

    from gemeinsam.rooms.models import Booking

    starts_at = (timezone.now() + starts_in).replace(minute=0, second=0, microsecond=0)
    return Booking.objects.create(
        room=room,
        title=extra.pop("title", "Vorstandssitzung"),
        organization=organization,
        requested_by=by,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=hours),
        status=status,
        **extra,
    )


def topics(*codes: str):
    """Counselling topics by code (the reference data the migration loads)."""
    from gemeinsam.counselling.models import Topic

    found = list(Topic.objects.filter(code__in=codes or ("association_founding",)))
    assert found, codes
    return found


def make_case(
    agency: Agency,
    *,
    advisors=(),
    organizations=(),
    contacts=(),
    title: str = "Vereinsgründung Frauenverein Al-Amal",
    case_type: str = "process_support",
    **extra,
):
    """An open case of the agency, counselled by the given advisors (staff of that agency)."""
    from gemeinsam.counselling.services.cases import open_case

    advisors = list(advisors)
    return open_case(
        agency=agency,
        by=advisors[0] if advisors else None,
        title=title,
        case_type=case_type,
        organizations=organizations,
        contacts=contacts,
        advisors=advisors,
        topics=extra.pop("topics", topics("association_founding")),
        **extra,
    )


def make_request(
    *, email: str = "fragende@example.org", postcode: str = "", federal_state: str = "NW", **extra
):
    """A counselling request as the public form makes it, routed by its region."""
    from gemeinsam.counselling.inputs import RequestInput
    from gemeinsam.counselling.services.public import submit_request

    user = extra.pop("user", None)
    consent_version = extra.pop("consent_version", "2026-01")
    consent_text = extra.pop(
        "consent_text",
        "Ich bin einverstanden, dass meine Angaben für die Beratung gespeichert werden.",
    )
    extra.setdefault("topics", topics("association_founding"))
    extra.setdefault("channel", "phone")
    extra.setdefault(
        "description", "Wir möchten einen Verein gründen und brauchen Hilfe bei der Satzung."
    )
    data = RequestInput(
        email=email,
        postcode=postcode,
        federal_state=federal_state,
        consent=True,
        **{**extra, "topics": tuple(extra["topics"])},
    )
    return submit_request(data, by=user, consent_version=consent_version, consent_text=consent_text)
