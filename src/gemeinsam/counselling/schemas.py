"""The shapes of the counselling API's bodies, parameters and answers (see `api.py`)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Field, Path, Schema

from gemeinsam.core.api import MAX_ID, NO_NUL, LanguageCode, Text
from gemeinsam.core.enums import FederalState

from .enums import TOPIC_CODES, CaseStatus, CaseType, Channel, RequestStatus
from .inputs import CONSENT_VERSION, DESCRIPTION_MAX

MAX_VALUES = 20
PAGE_SIZE = 20
Code = Annotated[str, Field(min_length=1, max_length=60, pattern=r"^[-a-zA-Z0-9_]+$")]
CaseId = Annotated[int, Path(ge=1, le=MAX_ID, description="From `id` in the case list.")]
ChannelCode = Literal[tuple(Channel.values)]
# Documented as an enum; the view checks the codes against the topics table, so that an unknown
# code is named by its place in the list with the other problems of the request.
TopicCode = Annotated[
    str,
    Field(
        min_length=1,
        max_length=60,
        pattern=r"^[-a-zA-Z0-9_]+$",
        json_schema_extra={"enum": list(TOPIC_CODES)},
    ),
]


# --- Bodies and answers --------------------------------------------------------------------------


class RequestIn(Schema):
    topics: list[TopicCode] = Field(
        min_length=1, max_length=MAX_VALUES, description="Codes from /counselling/topics."
    )
    description: Text = Field(
        min_length=1, max_length=DESCRIPTION_MAX, pattern=NO_NUL, description="What it is about."
    )
    channel: ChannelCode = Field(description="How the person would like to be counselled.")
    language: Code | None = Field(
        None, description="Preferred language of the counselling: a code from /reference/languages."
    )
    preferred_times: Text = Field("", max_length=300, pattern=NO_NUL)
    postcode: str = Field("", pattern=r"^(\d{5})?$", description="Routes to the regional agency.")
    federal_state: FederalState | None = Field(None, description="Routes when no postcode fits.")
    name: Text = Field("", max_length=150, pattern=NO_NUL)
    email: Text = Field(
        "",
        max_length=254,
        pattern=r"^([^@\s\x00]+@[^@\s\x00]+)?$",
        description="For the answer. Without a token, an email or a phone number is needed.",
    )
    phone: str = Field("", max_length=40, pattern=r"^(\+?[0-9][0-9 ()/.\-]{3,38})?$")
    organization: int | None = Field(
        None,
        ge=1,
        le=MAX_ID,
        description="An organization's id; counts only for a token of one of its active members.",
    )
    organization_name: Text = Field(
        "", max_length=200, pattern=NO_NUL, description="The organization, when not given by id."
    )
    mail_language: LanguageCode = Field(
        None, description="For the mails and the status page; else Accept-Language."
    )
    consent: bool = Field(
        description="Required, and must be true: the person agrees to the web form's consent "
        f"text (version {CONSENT_VERSION}), which is stored with the request.",
        json_schema_extra={"enum": [True]},
    )


class Named(Schema):
    id: int
    name: str


class ProjectRef(Schema):
    id: int
    title: str


class RequestCreated(Schema):
    id: int
    status: Literal["new"]
    agency: Named | None = Field(description="null: no agency covers the region yet.")
    status_url: str = Field(description="The status page for the person asking.")


class CaseOut(Schema):
    id: int
    reference: str = Field(description="Year opened and id, e.g. 2026-00042.")
    title: str
    case_type: Literal[tuple(CaseType.values)]
    status: Literal["open", "closed"]
    agency: Named
    opened_on: date
    closed_on: date | None
    organizations: list[Named]
    advisors: list[str] = Field(description="Names.")
    topics: list[str] = Field(description="Topic codes.")
    language: str | None = Field(description="Language code.")
    project: ProjectRef | None


class SessionOut(Schema):
    held_on: date
    duration_minutes: int
    channel: ChannelCode
    next_steps: str = Field(description="Agreed next steps (shared); never the summary.")


class TaskOut(Schema):
    id: int
    title: str
    due_on: date | None
    done: bool
    done_at: datetime | None
    is_shared: bool
    assignee: str | None


class OutcomeOut(Schema):
    kind: str
    achieved_on: date
    programme: str
    amount: str | None = Field(description="Euros, as a decimal string.")


class AppointmentOut(Schema):
    id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    channel: ChannelCode
    advisor: str
    cancelled: bool


class CaseDetail(CaseOut):
    sessions: list[SessionOut]
    tasks: list[TaskOut]
    outcomes: list[OutcomeOut]
    appointments: list[AppointmentOut]


class CasePage(Schema):
    count: int
    page: int = Field(description="This page; a page past the end answers with the last one.")
    pages: int
    results: list[CaseOut]


class CaseParams(Schema):
    status: CaseStatus | None = Field(None, description="open or closed; all when not given.")
    agency: Code | None = Field(None, description="One of the caller's agencies, by slug.")
    page: int = Field(1, ge=1, le=MAX_ID)
    page_size: int = Field(PAGE_SIZE, ge=1, le=100)


class ContactOut(Schema):
    name: str
    email: str
    phone: str


class RequestOut(Schema):
    id: int
    status: Literal[tuple(RequestStatus.values)]
    created_at: datetime
    agency: Named | None = Field(description="null: unrouted, any agency may take it.")
    routed_by: str
    topics: list[str] = Field(description="Topic codes.")
    language: str | None
    channel: ChannelCode
    preferred_times: str
    description: str
    postcode: str
    federal_state: str
    organization: Named | None
    organization_name: str
    contact: ContactOut
    suggested_advisors: list[str]


class RequestPage(Schema):
    count: int
    page: int
    pages: int
    results: list[RequestOut]


class RequestParams(Schema):
    status: RequestStatus = Field(RequestStatus.NEW, description="new (the queue) by default.")
    agency: Code | None = Field(None, description="One of the caller's agencies, by slug.")
    page: int = Field(1, ge=1, le=MAX_ID)
    page_size: int = Field(PAGE_SIZE, ge=1, le=100)
