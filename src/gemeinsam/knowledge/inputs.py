"""What writing a guide takes: the guide's fields and its steps as rows (`core.inline`), with
the checks the web form and a service both ask."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .enums import Addressee


@dataclass(frozen=True)
class StepRow:
    """One step as the form sends it; `id` None for a new one, `delete` to remove it."""

    position: int = 0
    title: str = ""
    text: str = ""
    documents: str = ""
    legal_basis: str = ""
    decides: str = ""
    links: str = ""
    optional: bool = False
    group: str = ""
    readiness_check_id: int | None = None
    requirement_key: str = ""
    id: int | None = None
    delete: bool = False


@dataclass(frozen=True)
class GuideInput:
    title: str
    summary: str
    as_of: datetime.date
    review_on: datetime.date | None = None  # None: six months after `as_of`
    change_note: str = ""
    counselling_topic_id: int | None = None
    owner_id: int | None = None
    steps: tuple[StepRow, ...] = ()


def guide_problems(data: GuideInput) -> dict[str, str]:
    """What keeps the guide from being stored, by field; empty when nothing does."""
    problems = {}
    if not data.title.strip():
        problems["title"] = _("This value must not be empty.")
    if data.review_on is not None and data.review_on < data.as_of:
        problems["review_on"] = _("The review cannot come before the as-of date.")
    kept = [row for row in data.steps if not row.delete]
    positions = [row.position for row in kept]
    if len(positions) != len(set(positions)):
        problems["steps"] = _("Two steps have the same position.")
    return problems


@dataclass(frozen=True)
class PortraitInput:
    organization_id: int
    title: str
    text: str
    review_on: datetime.date
    guide_ids: tuple[int, ...] = ()
    programme_ids: tuple[int, ...] = ()
    recognition_ids: tuple[int, ...] = ()
    consent_by_id: int | None = None
    consent_on: datetime.date | None = None


def portrait_problems(data: PortraitInput) -> dict[str, str]:
    """A consent names both who gave it and when."""
    problems = {}
    if not data.title.strip():
        problems["title"] = _("This value must not be empty.")
    if (data.consent_by_id is None) != (data.consent_on is None):
        problems["consent_on"] = _("A consent names who gave it and on which day.")
    return problems


@dataclass(frozen=True)
class RecommendationInput:
    title: str
    text: str
    basis: str
    addressees: tuple[str, ...]
    guide_id: int | None = None


@dataclass(frozen=True)
class UpdateInput:
    on: datetime.date
    text: str


def recommendation_problems(data: RecommendationInput) -> dict[str, str]:
    problems = {}
    if not data.title.strip():
        problems["title"] = _("This value must not be empty.")
    if not data.addressees or not set(data.addressees) <= set(Addressee.values):
        problems["addressees"] = _("Choose whom the recommendation is addressed to.")
    return problems
