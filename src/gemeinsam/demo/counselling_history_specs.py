"""What the generated counselling history is made of (data/counselling/history.yaml): per
agency, its projects and their topics, advisors, languages, organizations and funding
programmes; how counselling is held; and short texts: what people asked, what advisors wrote
down (internal) and what was agreed (shared)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gemeinsam.counselling.enums import Channel, OutcomeKind

from . import records
from .people import Person


@dataclass(frozen=True)
class ProjectMix:
    slug: str
    weight: int
    topics: tuple[str, ...]


@dataclass(frozen=True)
class Programme:
    name: str
    smallest: int  # amount applied for, in euros
    largest: int


@dataclass(frozen=True)
class Clients:
    """Which demo organizations come for counselling."""

    federal_state: str = ""
    city: str = ""

    def filters(self) -> dict[str, str]:
        return {name: value for name, value in vars(self).items() if value}


@dataclass(frozen=True)
class History:
    agency: str
    seed: int
    months: int
    cases: int
    projects: tuple[ProjectMix, ...]
    advisors: dict[Person, tuple[str, ...]]  # advisor → languages besides German
    languages: dict[str, int]  # weights
    organizations: Clients
    programmes: tuple[Programme, ...]

    def advisor_languages(self) -> dict[str, tuple[str, ...]]:
        """By the advisor's email."""
        return {person.email: spoken for person, spoken in self.advisors.items()}


@dataclass(frozen=True)
class OutcomeChance:
    kind: OutcomeKind
    chance: float


@dataclass(frozen=True)
class Declined:
    """A request about something the agencies do not counsel on."""

    topic: str
    description: str
    reason: str


@dataclass(frozen=True)
class Histories:
    agencies: tuple[History, ...]
    channels: dict[Channel, int]  # weights
    minutes: dict[int, int]  # a session's length → weight
    sessions_per_case: dict[int, int]  # number → weight
    outcomes: dict[str, OutcomeChance]  # by topic
    summaries: dict[str, tuple[str, ...]]  # by topic
    next_steps: dict[str, tuple[str, ...]]  # by language: "de", and "ar"
    participants: tuple[str, ...]  # {name} is the contact person
    descriptions: dict[str, dict[str, tuple[str, ...]]]  # by language ("de" has all), by topic
    declined: tuple[Declined, ...]


def histories() -> Histories:
    return records.load("counselling/history", _build)


def _build(where: records.Where, content: Any) -> Histories:
    found = records.record(Histories, content, where)
    if "de" not in found.next_steps or "de" not in found.descriptions:
        raise where.error("next_steps and descriptions need German (de)")
    return found
