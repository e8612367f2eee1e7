"""Funding in the demo: organizations at each stage the readiness checks describe, and results
kept over time for the member's organization.

- Elterninitiative Nordstadt Dortmund: a young parents' initiative, no legal form, five people —
  the association check is not met (VR-01, VR-02).
- Frauen- und Familienverein Nour Billstedt e.V.: registered a few months ago with nine members,
  no tax office notice yet — charitable status (GN-02) is unknown.
- Deutsch-Syrischer Kulturverein Bochum e.V. (the demo member's organization): youth work since
  2021 and a current tax office notice — ready to apply for recognition under § 75 SGB VIII.
- Köprü Bildungswerk Wedding e.V.: an education association in Berlin with an AZAV approval
  valid until next year.

Loading again adds nothing: the organizations are keyed by slug, their recognitions by type, and
the member organization's results are written once (when it has none for a check yet).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from random import Random

from django.contrib.auth import get_user_model
from django.utils import timezone

from gemeinsam.funding import services
from gemeinsam.funding.models import ReadinessCheck, ReadinessResult
from gemeinsam.funding.profile import profile_facts
from gemeinsam.organizations import search
from gemeinsam.organizations.models import LegalForm, Organization, Recognition, RecognitionType

from . import people
from .events import at
from .names import COMMUNITIES
from .organizations import organization_spec
from .places import CITIES, STATE_WELFARE_ASSOCIATION

SEED = 20200407  # the day KomMig's note on counselling by phone and video was published

INITIATIVE = "Elterninitiative Nordstadt Dortmund"
YOUNG_ASSOCIATION = "Frauen- und Familienverein Nour Billstedt e.V."
READY_FOR_75 = "Deutsch-Syrischer Kulturverein Bochum e.V."  # the demo member's organization
AZAV_PROVIDER = "Köprü Bildungswerk Wedding e.V."

# When the member's organization checked before: its old notice had run out (more than five
# years old); the new one came some weeks later, and the checks are met today.
EARLIER_CHECK_DAYS_AGO = 91
NEW_NOTICE_DAYS_AGO = 75
OLD_NOTICE = datetime.date(2019, 6, 14)
YOUTH_WORK_SINCE = datetime.date(2021, 3, 1)  # as the § 75 counselling case records


@dataclass
class FundingSummary:
    organizations: int
    results: int


@dataclass
class _Stage:
    name: str
    city: str
    district: str
    community: str
    fields: tuple[str, ...]
    legal_form: str
    founded_days_ago: int
    members: int
    description: str
    register_number: str = ""
    board_migration_majority: bool = True
    paid_staff_fte: Decimal = Decimal("0")
    income_band: str = "lt_10k"
    funding: list[tuple[str, str, str]] = field(default_factory=list)
    founded_on: datetime.date | None = None


STAGES = (
    _Stage(
        INITIATIVE,
        "Dortmund",
        "Innenstadt-Nord",
        "Arabisch",
        ("education", "women_family"),
        "initiative",
        240,
        5,
        "Wir sind Eltern aus der Nordstadt, die meisten aus Syrien, dem Irak und Marokko. Seit "
        "dem Frühjahr treffen wir uns jeden Donnerstag im Nachbarschaftstreff: Elterncafé, "
        "Lernhilfe für die Kinder und Austausch über Schule und Kita. Wir überlegen, einen "
        "Verein zu gründen.",
    ),
    _Stage(
        YOUNG_ASSOCIATION,
        "Hamburg",
        "Hamburg-Mitte",
        "Irakisch",
        ("women_family", "education"),
        "registered_association",
        130,
        9,
        "Wir sind ein junger Verein von Frauen aus dem Irak, aus Syrien und Afghanistan in "
        "Billstedt. Wir bieten Sprachcafés, Hausaufgabenhilfe und Begleitung zu Ämtern an. Der "
        "Verein ist eingetragen; den Antrag auf Gemeinnützigkeit haben wir beim Finanzamt "
        "gestellt.",
        register_number="VR 24817",
        funding=[("women_family", "project", "Spenden und Mitgliedsbeiträge")],
    ),
    _Stage(
        AZAV_PROVIDER,
        "Berlin",
        "Mitte",
        "Türkisch",
        ("labour_market", "education"),
        "registered_association",
        0,
        46,
        "Köprü heißt Brücke: Seit 2009 begleiten wir im Wedding Menschen mit Einwanderungs"
        "geschichte in Ausbildung und Arbeit – mit Bewerbungstraining, berufsbezogenen "
        "Deutschkursen und Beratung zur Anerkennung ausländischer Abschlüsse. Als zugelassener "
        "Träger nach AZAV führen wir Maßnahmen mit Bildungsgutschein durch.",
        register_number="VR 28634 B",
        paid_staff_fte=Decimal("6.5"),
        income_band="100k_500k",
        funding=[
            ("labour_market", "regular", "Agentur für Arbeit – Bildungsgutscheine"),
            ("education", "project", "Europäischer Sozialfonds Plus"),
        ],
        founded_on=datetime.date(2009, 9, 15),
    ),
)


def load(today: datetime.date | None = None) -> FundingSummary:
    """Create or update the organizations at each stage and the member organization's results."""
    # The loader imports this module; its way of storing an organization is used from there.
    from .loader import _load_organizations

    today = today or timezone.localdate()
    stored = _load_organizations([_spec(stage, today, i) for i, stage in enumerate(STAGES)])
    organizations = {o.name: o for o in stored}
    types = {t.code: t for t in RecognitionType.objects.all()}

    young = organizations[YOUNG_ASSOCIATION]
    young.recognitions.all().delete()  # no tax office notice yet: that is its stage

    provider = organizations[AZAV_PROVIDER]
    berlin = _CITY["Berlin"]
    _recognise(provider, types["charitable"], berlin.tax_office, today - _days(410))
    valid_until = datetime.date(today.year + 1, 9, 30)
    _recognise(
        provider,
        types["azav"],
        "Fachkundige Stelle nach AZAV",
        valid_until - _days(5 * 365),
        valid_until,
    )
    _recognise(
        provider,
        types["welfare_association"],
        STATE_WELFARE_ASSOCIATION["BE"],
        datetime.date(2014, 1, 1),
    )
    provider.recognitions.exclude(
        type__code__in=["charitable", "azav", "welfare_association"]
    ).delete()

    ready = _ready_for_75(today, types)
    organizations[ready.name] = ready
    search.reindex(list(organizations.values()))
    results = _history(ready, today)
    return FundingSummary(organizations=len(organizations), results=results)


_CITY = {c.name: c for c in CITIES}
_COMMUNITY = {c.adjective: c for c in COMMUNITIES}


def _days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def _spec(stage: _Stage, today: datetime.date, index: int):
    rng = Random(SEED + index)  # noqa: S311 - deterministic demo data, not security
    city = _CITY[stage.city]
    spec = organization_spec(
        rng,
        today=today,
        kind="migrant_org",
        name=stage.name,
        city=city,
        district=stage.district,
        community=_COMMUNITY[stage.community],
        fields=stage.fields,
    )
    spec.legal_form = stage.legal_form
    registered = stage.legal_form == "registered_association"
    spec.register_court = city.register_court if registered else ""
    spec.register_number = stage.register_number
    spec.founded_on = stage.founded_on or today - _days(stage.founded_days_ago)
    spec.youth_welfare_since = None
    spec.members_count = stage.members
    spec.board_migration_majority = stage.board_migration_majority
    spec.paid_staff_fte = stage.paid_staff_fte
    spec.income_band = stage.income_band
    spec.recognitions = []
    spec.funding = list(stage.funding)
    spec.descriptions = {"de": (stage.description, "up_to_date")}
    spec.is_public = True
    spec.last_confirmed_on = today - _days(20 + index * 9)
    return spec


def _recognise(org, type_, authority, granted_on, valid_until=None) -> None:
    Recognition.objects.update_or_create(
        organization=org,
        type=type_,
        defaults={"authority": authority, "granted_on": granted_on, "valid_until": valid_until},
    )


def _ready_for_75(today: datetime.date, types: dict) -> Organization:
    """The member's organization: youth work since 2021, a new notice, no § 75 recognition yet."""
    org = Organization.objects.get(name=READY_FOR_75)
    org.legal_form = LegalForm.objects.get(code="registered_association")
    org.founded_on = datetime.date(2016, 4, 9)
    org.youth_welfare_since = YOUTH_WORK_SINCE
    org.members_count = org.members_count if (org.members_count or 0) >= 7 else 38
    org.board_migration_majority = True
    org.save(
        update_fields=[
            "legal_form",
            "founded_on",
            "youth_welfare_since",
            "members_count",
            "board_migration_majority",
        ]
    )
    city = _CITY[org.city]
    _recognise(org, types["charitable"], city.tax_office, today - _days(NEW_NOTICE_DAYS_AGO))
    org.recognitions.filter(type__code__in=["youth_welfare_75", "azav"]).delete()
    return org


def _history(org: Organization, today: datetime.date) -> int:
    """Before the new notice, and today: each check's result, written once per check."""
    by = get_user_model().objects.filter(email=people.MEMBER.email).first()
    earlier = today - _days(EARLIER_CHECK_DAYS_AGO)
    now = profile_facts(org, as_of=today)
    before = now | {"charitable_notice_on": OLD_NOTICE}
    for check in ReadinessCheck.objects.filter(code__in=["association", "youth_welfare"]):
        version = check.current_rules
        if version is None:
            continue
        done = ReadinessResult.objects.filter(organization=org, rule_version__readiness_check=check)
        if done.exists():
            continue
        for day, facts, hour in ((earlier, before, 18), (today, now, 9)):
            result = services.save_result(org, version, facts, as_of=day, by=by)
            ReadinessResult.objects.filter(pk=result.pk).update(created_at=at(day, hour, 30))
    return ReadinessResult.objects.filter(organization=org).count()
