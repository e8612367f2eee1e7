"""Invented organizations: plain specifications, no database. The loader and `bench` store them.

`organization_spec(rng, today=…)` draws one organization; the same seed gives the same one.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from random import Random
from typing import Any

from django.utils.text import slugify

from . import records
from .descriptions import describe
from .names import Community, names
from .naming import migrant_org_name, other_name, religious_name
from .places import City, District, places, regional_funders

# Founding years and old recognitions are drawn up to this year, whatever the day the demo is
# loaded: a range that grew with today's year would draw differently at New Year and give every
# organization after the first one another name. Dates near today (confirmations, AZAV) move.
HISTORY_ENDS = 2025


@dataclass(frozen=True)
class Kind:
    """A kind of organization (data/kinds.yaml): how often it is drawn, the fields of activity
    and the target groups it tends to have."""

    weight: int
    fields: tuple[str, ...]
    target_groups: tuple[str, ...]


def kinds() -> dict[str, Kind]:
    return records.load("kinds", _kinds)


def _kinds(where: records.Where, content: Any) -> dict[str, Kind]:
    return records.convert(content, dict[str, Kind], where)


@dataclass
class OrganizationSpec:
    name: str
    kind: str
    city: City
    district: District
    legal_form: str | None = None
    register_court: str = ""
    register_number: str = ""
    founded_on: datetime.date | None = None
    youth_welfare_since: datetime.date | None = None
    street: str = ""
    postcode: str = ""
    website: str = ""
    email: str = ""
    phone: str = ""
    contact_name: str = ""
    fields: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    members_count: int | None = None
    volunteers_count: int | None = None
    paid_staff_fte: Decimal | None = None
    income_band: str = ""
    board_migration_majority: bool | None = None
    is_public: bool = True
    last_confirmed_on: datetime.date | None = None
    # language → (text, the German it was translated from: today's, or an earlier one)
    descriptions: dict[str, tuple[str, str]] = field(default_factory=dict)
    # (code, authority, granted_on, valid_until)
    recognitions: list[tuple[str, str, datetime.date | None, datetime.date | None]] = field(
        default_factory=list
    )
    # (field code, "regular" | "project", funder)
    funding: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return slugify(self.name)[:100]

    def model_fields(self) -> dict:
        """The values of the Organization row itself (no slug, no related rows)."""
        return {
            "name": self.name,
            "kind": self.kind,
            "register_court": self.register_court,
            "register_number": self.register_number,
            "founded_on": self.founded_on,
            "youth_welfare_since": self.youth_welfare_since,
            "street": self.street,
            "postcode": self.postcode,
            "city": self.city.name,
            "district": self.district.name,
            "municipality": self.city.name,
            "federal_state": self.city.state,
            "website": self.website,
            "email": self.email,
            "phone": self.phone,
            "contact_name": self.contact_name,
            "members_count": self.members_count,
            "volunteers_count": self.volunteers_count,
            "paid_staff_fte": self.paid_staff_fte,
            "income_band": self.income_band,
            "board_migration_majority": self.board_migration_majority,
            "is_public": self.is_public,
            "last_confirmed_on": self.last_confirmed_on,
            "description": self.descriptions.get("de", ("", ""))[0],
        }


def _fields(rng: Random, kind: str, implied: tuple[str, ...] | None) -> tuple[str, ...]:
    choices = kinds()[kind].fields
    if implied is None:
        return tuple(rng.sample(choices, k=min(len(choices), rng.randint(1, 3))))
    fields = list(rng.sample(implied, k=rng.randint(1, len(implied))))
    # Migrant organizations work in many fields at once, not only in their "core" one.
    if kind == "migrant_org" and rng.random() < 0.5:
        fields.append(rng.choice(choices))
    return tuple(dict.fromkeys(fields))


def _legal_form(rng: Random, kind: str, name: str) -> str | None:
    if kind == "authority":
        return "public_body"
    if "gGmbH" in name:
        return "ggmbh"
    if name.endswith("e.V."):
        return "registered_association"
    if kind == "religious_community":
        return rng.choice(["religious_community", "registered_association"])
    if kind == "migrant_org":
        return rng.choices(
            ["unregistered_association", "initiative", "registered_association"], [3, 3, 4]
        )[0]
    if kind == "service_provider":
        return rng.choice(["ggmbh", None])
    if kind == "umbrella_body":
        return rng.choice(["unregistered_association", "initiative"])
    return rng.choices(["registered_association", "ggmbh", "foundation"], [5, 4, 1])[0]


def _recognitions(rng: Random, spec: OrganizationSpec, today: datetime.date) -> None:
    city, kind = spec.city, spec.kind
    if spec.legal_form in {"registered_association", "ggmbh", "foundation"}:
        share = 0.6 if kind in {"migrant_org", "religious_community", "umbrella_body"} else 0.9
        if rng.random() < share:
            granted = today - datetime.timedelta(days=rng.randint(30, 1100))
            spec.recognitions.append(("charitable", city.tax_office, granted, None))
    youth = {"youth_welfare", "youth_work", "daycare"} & set(spec.fields)
    if youth and kind != "authority":
        share = 0.8 if kind == "established_provider" else 0.15
        if rng.random() < share:
            authority = city.youth_office.format(district=spec.district.name)
            granted = datetime.date(rng.randint(2004, HISTORY_ENDS), rng.randint(1, 12), 1)
            spec.recognitions.append(("youth_welfare_75", authority, granted, None))
    if (kind == "service_provider" and rng.random() < 0.6) or (
        kind == "migrant_org" and "labour_market" in spec.fields and rng.random() < 0.15
    ):
        valid_until = today + datetime.timedelta(days=rng.randint(-90, 1500))
        granted = valid_until - datetime.timedelta(days=5 * 365)
        spec.recognitions.append(("azav", "Fachkundige Stelle nach AZAV", granted, valid_until))
    share = {"established_provider": 0.5, "umbrella_body": 0.4, "migrant_org": 0.12}.get(kind, 0)
    if rng.random() < share:
        granted = datetime.date(rng.randint(1995, HISTORY_ENDS), rng.randint(1, 12), 1)
        association = places().welfare_associations[city.state]
        spec.recognitions.append(("welfare_association", association, granted, None))


def _funding(rng: Random, spec: OrganizationSpec) -> None:
    if spec.kind == "authority" or (spec.kind == "migrant_org" and rng.random() < 0.3):
        return  # authorities are funders; many small associations live on donations alone
    funders = regional_funders(spec.city, spec.district.name)
    recognised = {code for code, *_ in spec.recognitions}
    for code in spec.fields[:2]:
        regular = spec.kind in {"established_provider", "service_provider"} or (
            code == "youth_welfare" and "youth_welfare_75" in recognised
        )
        kind = "regular" if regular and rng.random() < 0.8 else "project"
        spec.funding.append((code, kind, rng.choice(funders[kind])))


def _figures(rng: Random, spec: OrganizationSpec) -> None:
    kind = spec.kind
    if kind in {"migrant_org", "religious_community"}:
        spec.members_count = rng.randint(7, 400 if kind == "migrant_org" else 900)
        spec.volunteers_count = rng.randint(3, 80)
        spec.paid_staff_fte = Decimal("0") if rng.random() < 0.6 else Decimal(rng.randint(1, 8)) / 2
        spec.income_band = rng.choices(
            ["lt_10k", "10k_45k", "45k_100k", "100k_500k"], [45, 35, 12, 8]
        )[0]
        spec.board_migration_majority = rng.random() < 0.95
    elif kind == "umbrella_body":
        spec.members_count = rng.randint(10, 80)
        spec.volunteers_count = rng.randint(5, 40)
        spec.paid_staff_fte = Decimal(rng.randint(1, 10)) / 2
        spec.income_band = rng.choice(["10k_45k", "45k_100k", "100k_500k"])
        spec.board_migration_majority = True
    elif kind == "authority":
        spec.paid_staff_fte = Decimal(rng.randint(5, 120))
    else:
        spec.members_count = rng.choice([None, rng.randint(30, 500)])
        spec.volunteers_count = rng.randint(0, 60)
        spec.paid_staff_fte = Decimal(rng.randint(6, 160)) / 2
        spec.income_band = rng.choice(["100k_500k", "gt_500k"])
        spec.board_migration_majority = rng.choice([None, False, False, True])


def _register(rng: Random, spec: OrganizationSpec) -> None:
    """The legal form, and the register entry it comes with."""
    spec.legal_form = _legal_form(rng, spec.kind, spec.name)
    if spec.legal_form == "registered_association":
        spec.register_court = spec.city.register_court
        spec.register_number = f"VR {rng.randint(1000, 25999)}"
    elif spec.legal_form == "ggmbh":
        spec.register_court = spec.city.register_court
        spec.register_number = f"HRB {rng.randint(10000, 99999)}"


def _contact(rng: Random, spec: OrganizationSpec) -> None:
    """Addresses at example.org, a phone number reserved for fiction, a contact person."""
    slug = slugify(spec.name)[:40].strip("-")
    spec.email = f"kontakt@{slug}.example.org"
    if rng.random() < 0.45:
        spec.website = f"https://{slug}.example.org"
    if spec.city.fiction_phone and rng.random() < 0.7:
        spec.phone = f"{spec.city.fiction_phone}{rng.randint(100, 999)}"
    if spec.kind != "authority" or rng.random() < 0.5:
        spec.contact_name = f"{rng.choice(names().first_names)} {rng.choice(names().family_names)}"


def organization_spec(  # noqa: PLR0915 - draws one organization's fields in a fixed order
    rng: Random,
    *,
    today: datetime.date,
    kind: str | None = None,
    name: str | None = None,
    city: City | None = None,
    district: str | None = None,
    community: Community | None = None,
    fields: tuple[str, ...] | None = None,
    languages: tuple[str, ...] | None = None,
) -> OrganizationSpec:
    """One invented organization. Anything not given is drawn from `rng`."""
    weights = {code: k.weight for code, k in kinds().items()}
    kind = kind or rng.choices(list(weights), list(weights.values()))[0]
    cities = places().cities
    city = city or rng.choices(cities, [c.weight for c in cities])[0]
    district_obj = next((d for d in city.districts if d.name == district), None)
    district_obj = district_obj or rng.choice(city.districts)
    community = community or (
        rng.choice(names().communities) if rng.random() < 0.85 else names().mixed
    )
    own = community.languages
    if kind in {"authority", "established_provider", "service_provider"}:
        own = tuple(rng.sample(["en", "ar", "tr", "ru", "uk", "fa"], k=rng.randint(0, 3)))
    implied = None
    if name is None:
        if kind == "migrant_org":
            name, implied = migrant_org_name(rng, community, city, district_obj)
        elif kind == "religious_community":
            name, own = religious_name(rng, city, district_obj)
        else:
            name, implied = other_name(rng, kind, city, district_obj)
    spec = OrganizationSpec(name=name, kind=kind, city=city, district=district_obj)
    _register(rng, spec)

    year = (
        rng.randint(1975, HISTORY_ENDS)
        if kind in {"migrant_org", "umbrella_body"}
        else (rng.randint(1950, 2015))
    )
    if kind != "authority":
        spec.founded_on = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
    spec.street = f"{rng.choice(places().streets)} {rng.randint(1, 140)}"
    spec.postcode = rng.choice(district_obj.postcodes)

    spec.fields = fields or _fields(rng, kind, implied)
    if "youth_welfare" in spec.fields or "youth_work" in spec.fields:
        since = min(HISTORY_ENDS, year + rng.randint(0, 6))
        began = datetime.date(since, rng.randint(1, 12), 1)
        # Youth work cannot have begun before the organization was founded.
        spec.youth_welfare_since = max(began, spec.founded_on) if spec.founded_on else began
    groups = kinds()[kind].target_groups
    spec.target_groups = tuple(rng.sample(groups, k=min(len(groups), rng.randint(1, 3))))
    spec.languages = ("de", *dict.fromkeys(languages or own))

    _contact(rng, spec)
    _figures(rng, spec)
    _recognitions(rng, spec, today)
    _funding(rng, spec)
    describe(rng, spec, community, year)
    spec.is_public = rng.random() < 0.7
    roll = rng.random()
    if roll < 0.03:
        spec.last_confirmed_on = None
    elif roll < 0.2:  # confirmed more than 12 months ago: the admins get nudged
        spec.last_confirmed_on = today - datetime.timedelta(days=rng.randint(370, 900))
    else:
        spec.last_confirmed_on = today - datetime.timedelta(days=rng.randint(0, 340))
    return spec
