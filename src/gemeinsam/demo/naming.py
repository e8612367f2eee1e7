"""Invented names of organizations (data/organization_names.yaml), by kind, each with the fields
of activity it implies.

The draws keep a fixed order, so the same seed gives the same names: the quarter, then what the
kind needs (a qualified motto; a provider and an adjective), then a motto or a kita for each
template that has one, in the file's order, and last the template.
"""

from __future__ import annotations

from dataclasses import dataclass
from random import Random
from typing import Any

from . import records
from .names import Community, names
from .places import City, District


@dataclass(frozen=True)
class NameTemplate:
    name: str
    fields: tuple[str, ...] | None = None  # the fields of activity the name implies
    country_only: bool = False  # not for a language group ("Russischsprachig")


@dataclass(frozen=True)
class ReligiousName:
    name: str
    languages: tuple[str, ...]  # the working languages the community implies


@dataclass(frozen=True)
class OrganizationNames:
    migrant_org: tuple[NameTemplate, ...]
    religious_community: tuple[ReligiousName, ...]
    established_provider: tuple[NameTemplate, ...]
    authority: dict[str, tuple[NameTemplate, ...]]  # by federal state; "other" for the rest
    service_provider: tuple[NameTemplate, ...]
    umbrella_body: tuple[NameTemplate, ...]


def organization_names() -> OrganizationNames:
    return records.load("organization_names", _build)


def _build(where: records.Where, content: Any) -> OrganizationNames:
    found = records.record(OrganizationNames, content, where)
    if "other" not in found.authority:
        raise where.at("authority").error("missing 'other', the names in every other state")
    return found


def quarter_of(rng: Random, district: District) -> str:
    return rng.choice(district.quarters) if district.quarters else district.name


def migrant_org_name(rng: Random, c: Community, city: City, district: District):
    """(name, the fields of activity the name implies or None)."""
    quarter = quarter_of(rng, district)
    qualified = rng.choice(list(names().qualified_mottos))
    values = {
        "adjective": c.adjective,
        "adjective_lower": c.adjective.lower(),
        "city": city.name,
        "quarter": quarter,
        "qualified": qualified,
        "qualified_field": names().qualified_mottos[qualified],
    }
    templates = [
        t for t in organization_names().migrant_org if not (t.country_only and c.is_language_group)
    ]
    return _choose(rng, templates, values)


def religious_name(rng: Random, city: City, district: District) -> tuple[str, tuple[str, ...]]:
    """(name, the working languages it implies)."""
    chosen = rng.choice(organization_names().religious_community)
    quarter = f"{city.name}-{quarter_of(rng, district)}"
    return chosen.name.format(city=city.name, quarter=quarter), chosen.languages


def other_name(rng: Random, kind: str, city: City, district: District):
    """(name, implied fields or None) for every kind but migrant organizations and religious
    communities."""
    quarter, provider = quarter_of(rng, district), rng.choice(names().provider_names)
    adjective = rng.choice([c.adjective for c in names().communities if not c.is_language_group])
    values = {
        "quarter": quarter,
        "provider": provider,
        "adjective_lower": adjective.lower(),
        "city": city.name,
        "district": district.name,
    }
    found = organization_names()
    if kind == "authority":
        templates = found.authority.get(city.state) or found.authority["other"]
    else:
        templates = getattr(found, kind)
    return _choose(rng, templates, values)


def _choose(rng: Random, templates, values: dict):
    """Fill every template (drawing a motto or kita for each that has one), then pick one."""
    drawn = {"motto": names().mottos, "kita": names().kitas}
    filled = []
    for template in templates:
        own = {
            key: rng.choice(choices)
            for key, choices in drawn.items()
            if f"{{{key}}}" in template.name
        }
        fields = tuple(f.format(**values) for f in template.fields) if template.fields else None
        filled.append((template.name.format(**values, **own), fields))
    return rng.choice(filled)
