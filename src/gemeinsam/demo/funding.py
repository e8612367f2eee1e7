"""Funding in the demo: organizations at each stage the readiness checks describe, and results
kept over time for the member's organization. The organizations are featured ones the loader
writes (loader.FEATURED); this module brings what the checks read to their stage.

- Elternnetzwerk Kreuzberg: a young parents' initiative, no legal form, five people — the
  association check is not met (VR-01, VR-02).
- Mriya – Ukrainische Familien in Altona e.V.: registered a few months ago, no tax office notice
  yet — charitable status (GN-02) is unknown until the notice comes.
- Deutsch-Syrischer Kulturverein Bochum e.V. (the demo member's organization): youth work since
  2021 and a current tax office notice — ready to apply for recognition under § 75 SGB VIII.
- Interkultureller Pflegedienst Anadolu: courses for care assistants with an AZAV approval valid
  until next year.

Loading again adds nothing: recognitions are keyed by type, and the member organization's results
are written once (when it has none for a check yet).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from gemeinsam.funding import services
from gemeinsam.funding.models import (
    Programme,
    ReadinessCheck,
    ReadinessResult,
    WatchedProgramme,
)
from gemeinsam.funding.profile import profile_facts
from gemeinsam.organizations import search
from gemeinsam.organizations.models import (
    FieldOfActivity,
    LegalForm,
    Organization,
    OrganizationDescription,
    Recognition,
    RecognitionType,
)

from . import people
from .days import at
from .places import places

INITIATIVE = "Elternnetzwerk Kreuzberg"
YOUNG_ASSOCIATION = "Mriya – Ukrainische Familien in Altona e.V."
READY_FOR_75 = "Deutsch-Syrischer Kulturverein Bochum e.V."  # the demo member's organization
AZAV_PROVIDER = "Interkultureller Pflegedienst Anadolu"

# When the member's organization checked before, its notice had run out (more than five years
# old); the new one came some weeks later, and both checks are met today.
EARLIER_CHECK_DAYS_AGO = 91
NEW_NOTICE_DAYS_AGO = 75
OLD_NOTICE = datetime.date(2019, 6, 14)
YOUTH_WORK_SINCE = datetime.date(2021, 3, 1)  # as the § 75 counselling case records


@dataclass
class FundingSummary:
    organizations: int
    results: int
    watched: int = 0


@dataclass
class _Stage:
    name: str
    legal_form: str | None
    values: dict  # the Organization row's own fields
    # (recognition type, authority, granted on, valid until); every other recognition goes
    recognitions: list[tuple[str, str, datetime.date | None, datetime.date | None]]
    description: str = ""  # the German profile text, where the drawn one does not fit the stage
    add_fields: tuple[str, ...] = ()
    no_funding: bool = False
    min_members: int = 0  # the drawn number stays if it is at least this


def _days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def stages(today: datetime.date) -> list[_Stage]:
    azav_until = datetime.date(today.year + 1, 9, 30)
    return [
        _Stage(
            INITIATIVE,
            "initiative",
            {
                "founded_on": today - _days(240),
                "members_count": 5,
                "register_court": "",
                "register_number": "",
                "youth_welfare_since": None,
                "paid_staff_fte": Decimal("0"),
                "income_band": "lt_10k",
                "board_migration_majority": True,
            },
            [],
            no_funding=True,
        ),
        _Stage(
            YOUNG_ASSOCIATION,
            "registered_association",
            {
                "founded_on": today - _days(150),
                "members_count": 11,
                "register_court": places().city("Hamburg").register_court,
                "register_number": "VR 24817",
                "paid_staff_fte": Decimal("0"),
                "income_band": "lt_10k",
                "board_migration_majority": True,
            },
            [],
            description="Seit 2022 betreiben wir in Altona eine Spielgruppe für ukrainische "
            "Kinder und begleiten Familien nach der Flucht zu Ämtern und Ärzten. Seit diesem "
            "Jahr sind wir ein eingetragener Verein; die Anerkennung der Gemeinnützigkeit haben "
            "wir beim Finanzamt beantragt.",
        ),
        _Stage(
            READY_FOR_75,
            "registered_association",
            {
                "founded_on": datetime.date(2016, 4, 9),
                "youth_welfare_since": YOUTH_WORK_SINCE,
                "board_migration_majority": True,
            },
            [
                (
                    "charitable",
                    places().city("Bochum").tax_office,
                    today - _days(NEW_NOTICE_DAYS_AGO),
                    None,
                )
            ],
            min_members=7,
        ),
        _Stage(
            AZAV_PROVIDER,
            "ggmbh",
            {
                "register_court": "Amtsgericht Essen",
                "register_number": "HRB 31872",
                "members_count": None,
            },
            [
                ("charitable", places().city("Essen").tax_office, today - _days(410), None),
                (
                    "azav",
                    "Fachkundige Stelle nach AZAV",
                    azav_until - _days(5 * 365),
                    azav_until,
                ),
                (
                    "welfare_association",
                    places().welfare_associations["NW"],
                    datetime.date(2015, 1, 1),
                    None,
                ),
            ],
            add_fields=("labour_market",),
        ),
    ]


def load(today: datetime.date | None = None) -> FundingSummary:
    """Bring the featured organizations to their stage and write the member's results."""
    today = today or timezone.localdate()
    types = {t.code: t for t in RecognitionType.objects.all()}
    organizations = [_apply(stage, types) for stage in stages(today)]
    search.reindex(organizations)
    ready = next(o for o in organizations if o.name == READY_FOR_75)
    results = _history(ready, today)
    return FundingSummary(
        organizations=len(organizations), results=results, watched=_watch_list(ready)
    )


def _apply(stage: _Stage, types: dict) -> Organization:
    org = Organization.objects.get(name=stage.name)
    values = dict(stage.values)
    values["legal_form"] = LegalForm.objects.filter(code=stage.legal_form).first()
    if (org.members_count or 0) < stage.min_members:
        values["members_count"] = 38
    for name, value in values.items():
        setattr(org, name, value)
    org.save(update_fields=list(values))
    for code, authority, granted_on, valid_until in stage.recognitions:
        Recognition.objects.update_or_create(
            organization=org,
            type=types[code],
            defaults={
                "authority": authority,
                "granted_on": granted_on,
                "valid_until": valid_until,
            },
        )
    org.recognitions.exclude(type__code__in=[r[0] for r in stage.recognitions]).delete()
    if stage.description:
        OrganizationDescription.objects.update_or_create(
            organization=org,
            language="de",
            defaults={"text": stage.description, "status": "up_to_date"},
        )
        org.descriptions.exclude(language="de").delete()
    if stage.add_fields:
        org.fields.add(*FieldOfActivity.objects.filter(code__in=stage.add_fields))
    if stage.no_funding:
        org.funding_sources.all().delete()
    return org


# The member watches what fits a Bochum association on its way to § 75 recognition: two
# programmes with the yearly 30 November deadline and the AMIF's fixed date.
WATCHED = ("integrationsagenturen-nrw", "kjp-bund", "amif")


def _watch_list(org: Organization) -> int:
    member = get_user_model().objects.filter(email=people.cast().member.email).first()
    if member is None:
        return 0
    for programme in Programme.objects.filter(code__in=WATCHED):
        WatchedProgramme.objects.get_or_create(
            user=member, programme=programme, defaults={"organization": org}
        )
    return WatchedProgramme.objects.filter(user=member).count()


def _history(org: Organization, today: datetime.date) -> int:
    """Before the new notice, and today: each check's result, written once per check."""
    by = get_user_model().objects.filter(email=people.cast().member.email).first()
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
