"""The shapes of the demo's counselling data (data/counselling/*.yaml): where each agency takes
requests from and who counsels on what (intake), the requests waiting in the queues, the
featured cases with their timelines, and the advisors' appointments. counselling.py writes it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from gemeinsam.counselling.enums import CaseType, Channel, OutcomeKind

from . import records
from .days import Weekday
from .people import Person


@dataclass(frozen=True)
class Coverage:
    """Where an agency takes requests from: postcode prefixes and federal states."""

    postcodes: tuple[str, ...] = ()
    states: tuple[str, ...] = ()


@dataclass(frozen=True)
class Consent:
    version: str
    de: str
    ar: str = ""

    def text(self, language: str) -> str:
        return {"de": self.de, "ar": self.ar}.get(language) or self.de


@dataclass(frozen=True)
class Intake:
    coverage: dict[str, Coverage]  # by agency slug
    advisor_topics: dict[str, tuple[str, ...]]  # by the handle of a person who counsels
    consent: Consent  # what someone asking agrees to, by the language of their mails
    case_data_consent: str  # what an organization agrees to when its case is opened


@dataclass(frozen=True)
class Asker:
    """Someone asking for counselling: by email, by phone, or as a demo log-in (`user`)."""

    name: str = ""
    email: str = ""
    phone: str = ""
    user: Person | None = None  # a demo account that asks while logged in
    mail_language: str = "de"

    @classmethod
    def from_data(cls, value: Any, where: records.Where) -> Asker:
        found = records.record(cls, value, where)
        if not (found.name or found.user):
            raise where.error("needs a name, or the user who asks")
        return found

    @property
    def full_name(self) -> str:
        return self.name or self.user.name

    @property
    def address(self) -> str:
        return self.email or (self.user.email if self.user else "")


@dataclass(frozen=True)
class RequestSpec:
    asker: Asker
    topics: tuple[str, ...]
    language: str  # working-language code
    channel: Channel
    description: str
    days_ago: int
    organization: str = ""  # the name of a demo organization
    organization_name: str = ""  # a group not (yet) in the directory
    postcode: str = ""
    federal_state: str = ""
    preferred_times: str = ""
    # What became of it; by default it waits in the queue.
    declined: str = ""  # the reason given
    withdrawn: bool = False
    forward_to: str = ""  # agency slug
    forward_reason: str = ""
    decided_by: Person | None = None  # the staff member who declined or forwarded


@dataclass(frozen=True)
class SessionSpec:
    day: int  # days after the case was opened
    minutes: int
    channel: Channel
    participants: str
    summary: str  # internal, encrypted
    next_steps: str = ""  # shared with the organization
    advisor: Person | None = None  # default: the case's first advisor


@dataclass(frozen=True)
class NoteSpec:
    day: int
    author: Person
    body: str


@dataclass(frozen=True)
class TaskSpec:
    title: str
    due: int  # days from the day the demo is loaded
    assignee: Person
    shared: bool = False
    done: bool = False


@dataclass(frozen=True)
class OutcomeSpec:
    kind: OutcomeKind
    day: int
    programme: str = ""
    amount: Decimal | None = None
    comment: str = ""


@dataclass(frozen=True)
class DocumentSpec:
    name: str  # the file name people see; .pdf is generated, .txt written as it is
    title: str
    lines: tuple[str, ...]
    by: Person
    day: int
    shared: bool = False


@dataclass(frozen=True)
class ContactSpec:
    name: str
    email: str
    organization: str = ""


@dataclass(frozen=True)
class BreakGlassSpec:
    """A manager opened the confidential parts with a reason, days ago."""

    by: Person
    reason: str
    days_ago: int


@dataclass(frozen=True)
class ReadSpec:
    """Who read what: every read leaves a trace in the access log."""

    by: Person
    what: Literal["notes", "document"]


@dataclass(frozen=True)
class CaseSpec:
    key: str
    agency: str
    title: str
    case_type: CaseType
    advisors: tuple[Person, ...]  # the first one accepts the request and writes the sessions
    opened_ago: int
    request: RequestSpec | None = None
    # For a case opened without a request:
    organizations: tuple[str, ...] = ()
    contacts: tuple[ContactSpec, ...] = ()
    topics: tuple[str, ...] = ()
    language: str = "de"
    project: str = ""
    template: str = ""
    steps_done: int = 0  # the template's first steps, done
    step_due: dict[int, int] = field(default_factory=dict)  # step position → due in days
    sessions: tuple[SessionSpec, ...] = ()
    notes: tuple[NoteSpec, ...] = ()
    tasks: tuple[TaskSpec, ...] = ()
    outcomes: tuple[OutcomeSpec, ...] = ()
    documents: tuple[DocumentSpec, ...] = ()
    break_glass: BreakGlassSpec | None = None
    reads: tuple[ReadSpec, ...] = ()


@dataclass(frozen=True)
class AppointmentSpec:
    key: str  # stable: the appointment's uid is "demo-<key>"
    advisor: Person
    agency: str
    week: int  # 0: this week, 1: next week
    weekday: Weekday
    starts: datetime.time
    minutes: int
    channel: Channel
    title: str
    case: str = ""  # the key of a featured case; its contact people are invited
    location: str = ""
    video_link: str = ""


PARTNER = "{partner}"  # the Münster neighbourhood centre, an organization of the directory


def intake() -> Intake:
    return records.load("counselling/intake", _intake)


def requests() -> tuple[RequestSpec, ...]:
    return records.load("counselling/requests", _requests)


def cases() -> tuple[CaseSpec, ...]:
    return records.load("counselling/cases", _cases)


def appointments() -> tuple[AppointmentSpec, ...]:
    return records.load("counselling/appointments", _appointments)


def _intake(where: records.Where, content: Any) -> Intake:
    return records.record(Intake, content, where)


def _requests(where: records.Where, content: Any) -> tuple[RequestSpec, ...]:
    content = records.sections(content, where, "requests")
    return records.records(RequestSpec, content["requests"], where.at("requests"))


def _cases(where: records.Where, content: Any) -> tuple[CaseSpec, ...]:
    content = records.sections(content, where, "cases")
    found = records.records(CaseSpec, content["cases"], where.at("cases"), key="key")
    for spec in found:
        if spec.request is None and not spec.organizations:
            at = where.at("cases").at(repr(spec.key))
            raise at.error("needs a request, or the organizations it is opened for")
    return found


def _appointments(where: records.Where, content: Any) -> tuple[AppointmentSpec, ...]:
    content = records.sections(content, where, "appointments")
    found = records.records(AppointmentSpec, content["appointments"], where.at("appointments"))
    keys = {c.key for c in cases()}
    for n, spec in enumerate(found, 1):
        if spec.case and spec.case not in keys:
            raise where.at("appointments").at(f"#{n}").error(f"no case has the key {spec.case!r}")
    return found
