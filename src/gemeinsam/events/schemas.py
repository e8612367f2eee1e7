"""The events API's schemas: what the list, the detail, a registration and the participant
list accept and answer (`api.py` holds the operations)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from ninja import Field, Path, Schema
from pydantic import AfterValidator

from gemeinsam.core.api import (
    MAX_ID,
    NO_NUL,
    Day,
    LanguageCode,
    Reference,
    Text,
    TextsOut,
    encodable,
)
from gemeinsam.core.enums import FederalState

from . import queries
from .enums import EventFormat, EventKind, RegistrationStatus

MAX_VALUES = 20
PAGE_SIZE = 20


Code = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[-a-zA-Z0-9_]+$")]
EventId = Annotated[int, Path(ge=1, le=MAX_ID, description="From `id` in the list.")]


# --- Answers -------------------------------------------------------------------------------------


class SlugNamed(Schema):
    """An agency, project or organization by its slug (the counselling API names them by id)."""

    slug: str
    name: str


class QuestionOut(Schema):
    id: int = Field(description="Use as the key in `answers` when registering.")
    label: str
    kind: Literal["text", "single", "multiple", "checkbox"] = Field(
        description="text: a string; single: one of `choices`; multiple: a list of `choices`; "
        "checkbox: true or false."
    )
    choices: list[str] = Field(
        description="The values to send as answers: German, whatever the language asked for."
    )
    choice_labels: list[str] = Field(
        description="The same choices to show, in the language asked for, in the same order."
    )
    required: bool
    help_text: str
    texts: TextsOut


class SpeakerOut(Schema):
    name: str
    role: str
    organization: str


class DocumentOut(Schema):
    title: str
    kind: str
    url: str


class EventSummary(Schema):
    """An event as a list shows it."""

    id: int
    slug: str
    title: str
    kind: Reference
    format: Reference
    status: Literal["published", "cancelled", "draft"] = Field(
        description="draft only for the agency's own staff."
    )
    summary: str
    starts_at: datetime
    ends_at: datetime
    city: str
    federal_state: Reference | None
    agency: SlugNamed
    project: SlugNamed | None
    languages: list[Reference]
    topics: list[Reference]
    professions: list[Reference] = Field(description="The professions a training is made for.")
    registration_required: bool
    registration_open: bool = Field(description="Whether registrations are taken right now.")
    capacity: int | None = Field(description="Places in all; null for no limit.")
    places_left: int | None = Field(description="null for no limit.")
    url: str = Field(description="The event's page on the web.")
    texts: TextsOut = Field(
        description="The language of `title` and `summary` (in the detail: of every text) and "
        "their state in it."
    )


class EventDetail(EventSummary):
    """Everything the public event page shows; never the video link."""

    description: str
    agenda: list[str]
    venue_name: str
    street: str
    postcode: str
    accessibility: str
    interpretation: list[Reference] = Field(description="Languages interpreted into.")
    target_groups: list[Reference]
    fields: list[Reference] = Field(description="Fields of activity.")
    host_organization: SlugNamed | None = Field(description="Given when it is public.")
    speakers: list[SpeakerOut]
    documents: list[DocumentOut]
    registration_opens_at: datetime | None
    registration_closes_at: datetime | None = Field(description="null: at the start.")
    waitlist_enabled: bool
    requires_approval: bool = Field(description="Registrations wait for the organizers.")
    max_group_size: int
    consent_text: str = Field(
        description="When not empty, registering needs `consent: true`. A registration in the "
        "same language (`language`) stores this wording as what the person agreed to."
    )
    questions: list[QuestionOut]


class EventPage(Schema):
    count: int = Field(description="Events found in all pages.")
    page: int = Field(description="This page; a page past the end answers with the last one.")
    pages: int
    results: list[EventSummary]


class EventParams(Schema):
    """The web calendar's filters; several values of one filter widen the result."""

    q: str = Field("", max_length=100, pattern=NO_NUL, description="Words in title or place.")
    kind: list[EventKind] = Field([], max_length=MAX_VALUES)
    format: list[EventFormat] = Field([], max_length=MAX_VALUES)
    topic: list[Code] = Field([], max_length=MAX_VALUES)
    field: list[Code] = Field(
        [], max_length=MAX_VALUES, description="Codes from /reference/fields."
    )
    target_group: list[Code] = Field(
        [], max_length=MAX_VALUES, description="Codes from /reference/target-groups."
    )
    profession: list[Code] = Field([], max_length=MAX_VALUES)
    language: list[Code] = Field(
        [], max_length=MAX_VALUES, description="Codes from /reference/languages."
    )
    state: list[FederalState] = Field([], max_length=MAX_VALUES)
    agency: list[Code] = Field([], max_length=MAX_VALUES, description="Agency slugs.")
    project: list[Code] = Field([], max_length=MAX_VALUES, description="Project slugs.")
    date_from: Day | None = Field(None, description="Events not over before this day.")
    date_to: Day | None = Field(None, description="Events starting on or before this day.")
    places_left: bool = Field(False, description="Only events one can still get a place at.")
    page: int = Field(1, ge=1)
    page_size: int = Field(PAGE_SIZE, ge=1, le=100)
    lang: LanguageCode = Field(None, description="Language of labels; else Accept-Language.")

    def filters(self) -> queries.EventFilters:
        return queries.EventFilters(
            kind=[str(k.value) for k in self.kind],
            format=[str(f.value) for f in self.format],
            topic=list(self.topic),
            field=list(self.field),
            target_group=list(self.target_group),
            profession=list(self.profession),
            language=list(self.language),
            state=[str(s.value) for s in self.state],
            agency=list(self.agency),
            project=list(self.project),
            date_from=self.date_from,
            date_to=self.date_to,
            places_left=self.places_left,
            q=self.q.strip(),
        )


def _no_default(schema: dict) -> None:
    schema.pop("default", None)


AnswerText = Annotated[str, Field(max_length=2000, pattern=NO_NUL), AfterValidator(encodable)]
AnswerChoice = Annotated[str, Field(max_length=300, pattern=NO_NUL), AfterValidator(encodable)]
AnswerValue = AnswerText | bool | Annotated[list[AnswerChoice], Field(max_length=50)]


class RegistrationIn(Schema):
    name: Text = Field(min_length=1, max_length=200, pattern=NO_NUL)
    email: Text = Field(
        min_length=3,
        max_length=254,
        pattern=r"^[^@\s\x00]+@[^@\s\x00]+$",
        description="The confirmation and the personal link go here. Once per event.",
    )
    organization_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="An organization from /organizations, if listed."
    )
    organization_name: Text = Field(
        "", max_length=200, pattern=NO_NUL, description="The organization, if not listed."
    )
    # Not `| None`: null is no language, and leaving the field out already means "not given".
    language: LanguageCode = Field(
        None, description="For the mails and the personal page; else Accept-Language."
    )
    answers: dict[Annotated[str, Field(max_length=20)], AnswerValue] = Field(
        {}, max_length=100, description="The event's questions: {question id: answer}."
    )
    # Not defaulting to false in the document: an event with a `consent_text` refuses a
    # registration without `consent: true`, and the document must not suggest it may be left out.
    consent: bool = Field(
        False,
        description="Agreement to the event's `consent_text`: required, and must be true, when "
        "the event has one (see GET /events/{event_id}); leave it out otherwise.",
        json_schema_extra=_no_default,
    )


class RegistrationOut(Schema):
    id: int
    status: Literal["confirmed", "waitlisted", "pending"]
    waitlist_position: int | None = Field(description="1 for the first in line.")
    url: str = Field(description="The participant's personal page: see, change, cancel.")


class OrganizationRef(Schema):
    id: int
    slug: str
    name: str


class AnswerOut(Schema):
    question_id: int
    value: Any = Field(description="A string, true/false, or a list of choices.")


class ParticipantOut(Schema):
    id: int
    name: str
    email: str
    status: Literal["pending", "confirmed", "waitlisted", "declined", "cancelled"]
    language: str
    organization: OrganizationRef | None = Field(description="When in the directory.")
    organization_name: str = Field(description="The organization's name, listed or not.")
    group_id: int | None = Field(description="Registrations of one group share it.")
    created_at: datetime
    checked_in_at: datetime | None
    attended: bool | None = Field(description="null: not recorded yet.")
    answers: list[AnswerOut]


class ParticipantPage(Schema):
    count: int
    page: int
    pages: int
    results: list[ParticipantOut]


class ParticipantParams(Schema):
    status: list[RegistrationStatus] = Field([], max_length=5, description="Any of these.")
    page: int = Field(1, ge=1)
    page_size: int = Field(100, ge=1, le=500)


# --- Building answers ----------------------------------------------------------------------------
