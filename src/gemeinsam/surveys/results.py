"""Results: how many respondents of each audience gave each answer to an item, as shares with
n and a 95 % Wilson interval, and the stored indicators' values.

The item bank makes the audiences comparable: every questionnaire of the agency that asks an
item counts, whichever version (a repeated survey adds its responses). The denominator of a
share is every response whose version asks the item (so "54 % of MOs" means of all responding
MOs, including those who left the question out). The counts are two grouped queries for any
number of items; a multiple answer ("youth culture") counts once for each value it names.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count

from gemeinsam.core import content

from .enums import CHOICE_KINDS, Audience
from .models import Answer, Choice, Indicator, Item, Response

Z_95 = 1.959963984540054


def wilson(count: int, n: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval of a share (Wilson 1927), good for small n and shares near
    0 or 1, where the normal approximation leaves [0, 1]."""
    if n == 0:
        return (0.0, 0.0)
    p = count / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    denominator = 1 + z * z / n
    return (max(0.0, (centre - spread) / denominator), min(1.0, (centre + spread) / denominator))


@dataclass(frozen=True)
class Share:
    value: str
    count: int
    n: int

    @property
    def share(self) -> float:
        return self.count / self.n if self.n else 0.0

    @property
    def interval(self) -> tuple[float, float]:
        return wilson(self.count, self.n)

    @property
    def percent(self) -> int:
        return round(100 * self.share)

    @property
    def interval_percent(self) -> tuple[int, int]:
        low, high = self.interval
        return round(100 * low), round(100 * high)


@dataclass
class Tally:
    """One item's answers in one audience: respondents asked (n) and counts per value."""

    n: int = 0
    counts: Counter | None = None

    def share(self, value: str) -> Share:
        return Share(value, (self.counts or Counter())[value], self.n)


def tallies(agency, item_ids) -> dict[int, dict[str, Tally]]:
    """item id → audience → Tally, for the agency's responses; two queries."""
    item_ids = list(item_ids)
    found: dict[int, dict[str, Tally]] = defaultdict(lambda: defaultdict(Tally))
    asked = (
        Response.objects.filter(
            version__questionnaire__agency=agency, version__questions__item_id__in=item_ids
        )
        .values_list("version__questions__item_id", "version__questionnaire__audience")
        .annotate(n=Count("pk", distinct=True))
    )
    for item_id, audience, n in asked:
        found[item_id][audience].n = n
    given = (
        Answer.objects.filter(
            question__item_id__in=item_ids, response__version__questionnaire__agency=agency
        )
        .values_list("question__item_id", "response__version__questionnaire__audience", "value")
        .annotate(n=Count("pk"))
    )
    for item_id, audience, value, n in given:
        tally = found[item_id][audience]
        if tally.counts is None:
            tally.counts = Counter()
        for part in value.split():
            tally.counts[part] += n
    return found


@dataclass
class ItemResult:
    item: Item
    choices: list[Choice]
    by_audience: dict[str, Tally]

    def rows(self):
        """Per choice: the choice and its Share in each audience, in the audiences' order."""
        for choice in self.choices:
            yield (
                choice,
                [
                    self.by_audience[a].share(choice.value) if a in self.by_audience else None
                    for a in Audience.values
                ],
            )

    def sizes(self) -> list[int | None]:
        return [self.by_audience[a].n if a in self.by_audience else None for a in Audience.values]


def choice_results(agency, language: str | None = None) -> list[ItemResult]:
    """Every choice item the agency's launched questionnaires ask, with its shares per
    audience; a fixed number of queries (items, choices, their translations, two counts)."""
    items = list(
        Item.objects.filter(
            agency=agency,
            questions__kind__in=list(CHOICE_KINDS),
            questions__version__launched_at__isnull=False,
        )
        .distinct()
        .order_by("code")
    )
    # One list of choices per item: those of its most recent question.
    choices = content.prefetch(
        Choice.objects.filter(question__item__in=items).order_by(
            "question__item_id", "-question__version__number", "-question_id", "position"
        ),
        language,
    )
    per_item: dict[int, list[Choice]] = {}
    seen_question: dict[int, int] = {}
    for choice in choices.select_related("question"):
        item_id = choice.question.item_id
        if seen_question.setdefault(item_id, choice.question_id) == choice.question_id:
            per_item.setdefault(item_id, []).append(choice)
    counted = tallies(agency, [item.pk for item in items])
    return [ItemResult(item, per_item.get(item.pk, []), counted.get(item.pk, {})) for item in items]


def indicators(agency, language: str | None = None) -> list[tuple[Indicator, Share]]:
    """The agency's indicators with their values now; four queries for any number."""
    stored = list(
        content.prefetch(
            Indicator.objects.filter(agency=agency).select_related("item").order_by("code"),
            language,
        )
    )
    counted = tallies(agency, {indicator.item_id for indicator in stored})
    return [(i, counted.get(i.item_id, {}).get(i.audience, Tally()).share(i.value)) for i in stored]


def long_table(results: list[ItemResult], language: str | None = None) -> list[list]:
    """The results as one row per item, audience and answer (for CSV and Excel)."""
    header = ["item", "audience", "value", "label", "count", "n", "share", "ci_low", "ci_high"]
    rows = [header]
    for result in results:
        for choice, shares in result.rows():
            for audience, share in zip(Audience.values, shares, strict=True):
                if share is None:
                    continue
                low, high = share.interval
                rows.append(
                    [
                        result.item.code,
                        audience,
                        choice.value,
                        content.text(choice, "label", language),
                        share.count,
                        share.n,
                        round(share.share, 4),
                        round(low, 4),
                        round(high, 4),
                    ]
                )
    return rows
