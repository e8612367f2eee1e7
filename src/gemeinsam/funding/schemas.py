"""The shapes of the funding API's parameters, bodies and answers (see `api.py`)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from ninja import Field, Path, Schema
from pydantic import ConfigDict

from gemeinsam.core.api import NO_NUL, Day, LanguageCode, Text, TextsOut
from gemeinsam.core.enums import FederalState

from .enums import Level, ProgrammeKind
from .facts import BOOL, CHOICE, DATE, FACTS, INT, MONEY

MAX_VALUES = 20
PAGE_SIZE = 20
Code = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[-a-zA-Z0-9_]+$")]
ProgrammeCode = Annotated[
    str,
    Path(min_length=1, max_length=80, pattern=r"^[-a-zA-Z0-9_]+$", description="From `code`."),
]
CheckCode = Annotated[
    str,
    Path(min_length=1, max_length=60, pattern=r"^[-a-zA-Z0-9_]+$", description="From `code`."),
]
KindCode = Literal[tuple(ProgrammeKind.values)]
LevelCode = Literal[tuple(Level.values)]
Status = Literal["met", "not_met", "unknown"]
Amount = Annotated[str, Field(description='A decimal number as text, e.g. "110000.00".')]


# --- Parameters and bodies -----------------------------------------------------------------------


class ProgrammeParams(Schema):
    """The catalogue's facets; several values of one facet widen the result."""

    kind: list[ProgrammeKind] = Field([], max_length=MAX_VALUES, description="Kind of funding.")
    level: list[Level] = Field([], max_length=MAX_VALUES, description="Who funds.")
    state: FederalState | None = Field(
        None, description="Programmes open in this Land: its own and the nationwide ones."
    )
    field: list[Code] = Field(
        [], max_length=MAX_VALUES, description="Codes from /reference/fields."
    )
    q: Text = Field("", max_length=100, pattern=NO_NUL, description="Words in name or funder.")
    page: int = Field(1, ge=1)
    page_size: int = Field(PAGE_SIZE, ge=1, le=100)
    lang: LanguageCode = Field(None, description="Language of texts; else Accept-Language.")


_FACT_TYPES = {BOOL: "boolean", INT: "integer", MONEY: "number", DATE: "string", CHOICE: "string"}


class EvaluateIn(Schema):
    # Also makes ninja validate the body itself, not its attributes: a list is no body here.
    model_config = ConfigDict(extra="forbid")

    facts: dict[str, Any] = Field(
        {},
        max_length=len(FACTS),
        description=(
            "What is known about the organization: {fact: value}, with the facts the check "
            "asks (see /funding/readiness-checks). Yes/no facts take true or false, numbers "
            "and amounts a number, dates YYYY-MM-DD, choices one of their codes. A fact left "
            "out, null or empty is not known, and makes its requirements unknown."
        ),
        json_schema_extra={
            "propertyNames": {"enum": list(FACTS)},
            "additionalProperties": {
                "anyOf": [
                    {"type": "boolean"},
                    {"type": "number"},
                    {"type": "string"},
                    {"type": "null"},
                ]
            },
        },
    )
    as_of: Day | None = Field(None, description="The day to judge on; today when left out.")


# --- Answers -------------------------------------------------------------------------------------


class ProgrammeOut(Schema):
    code: str
    name: str = Field(description="In the requested language, else German.")
    funder: str
    kind: KindCode
    level: LevelCode
    federal_states: list[str] = Field(description="Empty: open nationwide.")
    fields: list[str] = Field(description="Codes from /reference/fields.")
    amount_min: Amount | None
    amount_max: Amount | None
    funding_rate_percent: Amount | None
    own_share_percent: Amount | None
    duration_months: int | None
    next_deadline: date | None = Field(description="null: rolling, by call, or none ahead.")
    checked_on: date = Field(description="When the values were last checked against the source.")
    possibly_outdated: bool = Field(description="Not checked for twelve months.")
    unverified: list[str] = Field(description="Values nobody has confirmed yet, by name.")
    summary: str = Field(description="In the requested language, else German.")
    source_url: str
    application_url: str
    texts: TextsOut


class ProgrammePage(Schema):
    count: int = Field(description="Programmes found in all pages.")
    page: int = Field(description="This page; a page past the end answers with the last one.")
    pages: int
    results: list[ProgrammeOut]


class RequirementOut(Schema):
    key: str
    title: str
    explanation: str
    legal_basis: str


class ProgrammeDetail(ProgrammeOut):
    deadline_kind: Literal["fixed", "yearly", "rolling", "calls", ""] = Field(
        description="fixed dates, once a year, rolling (any time), by call, or not known."
    )
    passes_on: bool | None = Field(description="Funds may be passed on to partners.")
    volunteer_work_counts: bool | None = Field(description="Volunteer work counts as own share.")
    rule_version: int | None = Field(description="The version of the rules shown.")
    requirements: list[RequirementOut]


class FactOut(Schema):
    name: str
    type: Literal["bool", "int", "money", "date", "choice"]
    label: str
    choices: list[str] = Field(description="The codes a choice takes; empty for other types.")


class CheckOut(Schema):
    code: str
    name: str
    rule_version: int
    facts: list[FactOut] = Field(description="What the check asks, in order.")


class RouteOut(Schema):
    name: str
    status: Status


class AuthorityOut(Schema):
    text: str = Field(description="Who decides.")
    name: str = Field(description="Whom to ask in the Land of the facts; empty if not known.")


class GuideOut(Schema):
    title: str
    url: str
    states: list[str] = Field(
        description="The Länder this guide is for, named when the facts give no federal_state "
        "(an empty list: every Land's). With a federal_state, other Länder's guides are left out."
    )


class RequirementResultOut(Schema):
    key: str
    status: Status
    fixed: bool = Field(
        description="A condition no step of the organization's own changes (such as its Land)."
    )
    routes: list[RouteOut] = Field(
        description="For a requirement met by any one of several routes: each route's status."
    )
    met_on: date | None = Field(
        description="For a requirement that only needs time passing: the day it will be met."
    )
    title: str
    explanation: str
    next_step: str
    legal_basis: str
    documents: list[str] = Field(description="Documents to prepare.")
    source: str
    unknown_facts: list[str] = Field(description="Facts that would settle an unknown status.")


class EvaluationOut(Schema):
    check: str
    rule_version: int
    as_of: date
    status: Status = Field(description="met only when every requirement is met.")
    requirements: list[RequirementResultOut]
    authority: AuthorityOut | None
    guides: list[GuideOut]
