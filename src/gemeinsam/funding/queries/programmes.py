"""Reads of the programme catalogue, and how programmes fit an organization."""

from __future__ import annotations

import dataclasses
import datetime

from django.db.models import Q, QuerySet

from gemeinsam.core import content
from gemeinsam.core.enums import FederalState

from .. import ruledoc
from ..enums import Level, ProgrammeKind
from ..models import Programme


@dataclasses.dataclass
class CatalogueFilters:
    kind: list[str] = dataclasses.field(default_factory=list)
    level: list[str] = dataclasses.field(default_factory=list)
    state: str = ""
    field: list[str] = dataclasses.field(default_factory=list)
    q: str = ""

    @classmethod
    def from_query(cls, query) -> CatalogueFilters:
        """Only values the catalogue knows; anything else is ignored, never an error."""
        states = set(FederalState.values)
        state = query.get("state", "")
        return cls(
            kind=[k for k in query.getlist("kind") if k in ProgrammeKind.values],
            level=[v for v in query.getlist("level") if v in Level.values],
            state=state if state in states else "",
            field=[f for f in query.getlist("field") if len(f) <= 60][:20],
            q=query.get("q", "")[:100].replace("\x00", ""),
        )


def catalogue(filters: CatalogueFilters) -> QuerySet[Programme]:
    programmes = Programme.objects.filter(is_active=True)
    if filters.kind:
        programmes = programmes.filter(kind__in=filters.kind)
    if filters.level:
        programmes = programmes.filter(level__in=filters.level)
    if filters.field:
        programmes = programmes.filter(fields__code__in=filters.field).distinct()
    if filters.q:
        programmes = programmes.filter(
            Q(name__icontains=filters.q) | Q(funder__icontains=filters.q)
        )
    programmes = content.prefetch(  # name and summary in the reader's language: one query
        programmes.prefetch_related("fields", "rule_versions").order_by("name")
    )
    if filters.state:
        # A JSON list cannot be filtered the same way on every database; the catalogue is small.
        return [p for p in programmes if not p.federal_states or filters.state in p.federal_states]
    return programmes


# How a programme fits an organization, best first.
NOW, AFTER_STEPS, NOT_KNOWN, NOT_ELIGIBLE = "now", "after_steps", "not_known", "not_eligible"
RANKS = (NOW, AFTER_STEPS, NOT_KNOWN, NOT_ELIGIBLE)


@dataclasses.dataclass
class Fit:
    programme: Programme
    result: ruledoc.Result
    deadline: datetime.date | None

    @property
    def rank(self) -> str:
        """Eligible now; eligible after named steps of its own (every missing requirement is a
        step, none a fixed condition); not yet known (nothing missing, something unknown); or
        not eligible (a fixed condition such as the Land is not met)."""
        if self.result.blocking:
            return NOT_ELIGIBLE
        if self.result.steps:
            return AFTER_STEPS
        return NOW if self.result.status == ruledoc.MET else NOT_KNOWN

    @property
    def order(self) -> tuple:
        return (
            RANKS.index(self.rank),
            len(self.result.missing),
            self.deadline or datetime.date.max,
            self.programme.name,
        )


def fits(facts: dict, programmes, *, as_of: datetime.date) -> list[Fit]:
    """Programmes ranked for an organization (see `Fit.rank`); within a rank the fewest missing
    requirements first, then the soonest deadline."""
    found = [
        Fit(
            programme=p,
            result=ruledoc.evaluate(p.current_rules.document, facts, as_of=as_of),
            deadline=p.next_deadline(as_of),
        )
        for p in programmes
        if p.current_rules is not None
    ]
    return sorted(found, key=lambda fit: fit.order)


def ranked(found: list[Fit]) -> list[tuple[str, list[Fit]]]:
    """The fits grouped by rank, in rank order, leaving out empty ranks."""
    groups = {rank: [fit for fit in found if fit.rank == rank] for rank in RANKS}
    return [(rank, group) for rank, group in groups.items() if group]
