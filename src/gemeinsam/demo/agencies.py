"""The five agencies of the seed texts with their funded projects (data/agencies.yaml)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from . import records
from .translated import unfold


@dataclass(frozen=True)
class Measure:
    title: str
    description: str = ""
    title_translated: dict[str, str] = field(default_factory=dict)  # by language


@dataclass(frozen=True)
class ProjectRecord:
    slug: str
    title: str
    funder: str
    starts_on: datetime.date
    goals: tuple[str, ...]
    measures: tuple[str | Measure, ...]
    ends_on: datetime.date | None = None
    title_translated: dict[str, str] = field(default_factory=dict)  # by language
    # By language, goal n translating goal n; a shorter list leaves the last goals in German.
    goals_translated: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def measure_list(self) -> list[Measure]:
        return [Measure(m) if isinstance(m, str) else m for m in self.measures]


@dataclass(frozen=True)
class AgencyRecord:
    slug: str
    name: str
    short_name: str
    federal_state: str
    region_served: str
    federal_states_served: tuple[str, ...]
    email: str
    descriptions: dict[str, str]  # by language; German ("de") is the original
    projects: tuple[ProjectRecord, ...]
    parent_body: str = ""
    street: str = ""
    postcode: str = ""
    city: str = ""
    website: str = ""
    phone: str = ""
    region_served_translated: dict[str, str] = field(default_factory=dict)  # by language
    # The German a language's description was translated from, where it was an earlier one:
    # its paragraphs that differ from today's read as outdated. A translation with fewer
    # paragraphs than the German leaves the rest missing (shown in German).
    translated_from: dict[str, str] = field(default_factory=dict)

    def model_fields(self) -> dict:
        """The values of the Agency row itself (no slug, no related rows)."""
        return {
            "name": self.name,
            "short_name": self.short_name,
            "parent_body": self.parent_body,
            "street": self.street,
            "postcode": self.postcode,
            "city": self.city,
            "federal_state": self.federal_state,
            "region_served": self.region_served,
            "federal_states_served": list(self.federal_states_served),
            "website": self.website,
            "email": self.email,
            "phone": self.phone,
            "description": unfold(self.descriptions.get("de", "")),
        }


def agencies() -> tuple[AgencyRecord, ...]:
    return records.load("agencies", _build)


def _build(where: records.Where, content: Any) -> tuple[AgencyRecord, ...]:
    content = records.mapping(content, where)
    return records.records(AgencyRecord, content.get("agencies"), where.at("agencies"), key="slug")
