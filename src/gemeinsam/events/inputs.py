"""What the events' services take, and the checks the forms (and the API) share with them.

`registration()` turns what someone sent into a `Person`, or raises `Invalid` with every
problem by field; the form shows them next to its fields, the API lists them by place. Services
take a `Person`, never a form.

Staff's event pages hand the services an `EventInput` (with its `QuestionInput` and
`SpeakerInput` rows) and a `DocumentInput`; `event_problems()` and `upload_problem()` are what
both the forms and the services check.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from datetime import datetime
from pathlib import PurePath
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.validators import validate_email
from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .enums import (
    DOCUMENT_EXTENSIONS,
    DOCUMENT_MAX_BYTES,
    MAX_GROUP_SIZE,
    DocumentKind,
    EventFormat,
    EventStatus,
    QuestionKind,
)

if TYPE_CHECKING:  # for annotations only: inputs sit below the models
    from .models import Event, Question


@dataclass(frozen=True)
class Person:
    """One participant as entered in the form or sent to the API."""

    name: str
    email: str
    organization_id: int | None = None
    organization_name: str = ""
    language: str = settings.LANGUAGE_CODE
    answers: Mapping[int, object] = field(default_factory=dict)
    user_id: int | None = None


class Invalid(Exception):
    """What is wrong with an input, by field: "name", "email", "organization_id", "consent",
    and "answers.<question id>" for an answer; each message translated."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(errors)
        self.errors = errors


def validate_answers(questions, raw: dict) -> tuple[dict[int, object], dict[int, str]]:
    """Check answers against an event's questions; return (clean answers, errors by id)."""
    clean, errors = {}, {}
    for question in questions:
        value = raw.get(question.pk, raw.get(str(question.pk)))
        if question.kind == QuestionKind.CHECKBOX:
            value = bool(value) and value not in ("0", "false", "off")
        elif question.kind == QuestionKind.MULTIPLE:
            if isinstance(value, str):
                value = [value]
            value = [v for v in (value or []) if v]
            if any(v not in question.choices for v in value):
                errors[question.pk] = str(_("Please pick from the choices given."))
        elif question.kind == QuestionKind.SINGLE:
            value = (value or "").strip() if isinstance(value, str) else value
            if value and value not in question.choices:
                errors[question.pk] = str(_("Please pick from the choices given."))
        else:
            value = (value or "").strip() if isinstance(value, str) else ""
            if len(value) > 2000:
                errors[question.pk] = str(_("Please keep the answer under 2,000 characters."))
        if question.required and value in (None, "", [], False):
            errors.setdefault(question.pk, str(_("This question must be answered.")))
        clean[question.pk] = value
    return clean, errors


def registration(
    event: Event,
    questions: list[Question],
    *,
    name: str,
    email: str,
    answers: Mapping,
    consent: bool,
    organization_id: int | None = None,
    organization_name: str = "",
    organizations: QuerySet | None = None,
    language: str = settings.LANGUAGE_CODE,
    user_id: int | None = None,
) -> Person:
    """The person registering, if everything they sent is right; else `Invalid`.

    `organizations` are the ones the sender may name by id (the API asks it; the web form
    offers only those in its select).
    """
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = _("This value must not be empty.")
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = _("Enter a valid email address.")
    if (
        organization_id is not None
        and organizations is not None
        and not organizations.filter(pk=organization_id).exists()
    ):
        errors["organization_id"] = _("There is no organization with this id.")
    clean, answer_errors = validate_answers(questions, answers)
    errors |= {f"answers.{pk}": message for pk, message in answer_errors.items()}
    if event.consent_text and not consent:
        errors["consent"] = _("Please agree to the consent text.")
    if errors:
        raise Invalid(errors)
    return Person(
        name=name,
        email=email,
        organization_id=organization_id,
        organization_name=organization_name,
        language=language,
        answers=clean,
        user_id=user_id,
    )


# --- An event as staff edit it ----------------------------------------------------------------


@dataclass(frozen=True)
class QuestionInput:
    """One of the event's questions: a new one (`id` None), a change to the one with `id`, or,
    with `delete`, its removal (then only `id` counts)."""

    label: str = ""
    kind: str = QuestionKind.TEXT
    choices: tuple[str, ...] = ()
    required: bool = False
    help_text: str = ""
    position: int = 0
    id: int | None = None
    delete: bool = False


@dataclass(frozen=True)
class SpeakerInput:
    """One speaker, new, changed or removed like a `QuestionInput`."""

    name: str = ""
    role: str = ""
    organization_name: str = ""
    position: int = 0
    id: int | None = None
    delete: bool = False


@dataclass(frozen=True)
class EventInput:
    """An event's fields as staff set them: the project, the host organization and the lists
    (languages, topics …) by id. `questions` and `speakers` are the rows that change; rows not
    named stay as they are. Places taken, the reminder sent and the series are never part of
    it: only the services change them."""

    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime
    format: str = EventFormat.IN_PERSON
    status: str = EventStatus.DRAFT
    summary: str = ""
    description: str = ""
    agenda: str = ""
    venue_name: str = ""
    street: str = ""
    postcode: str = ""
    city: str = ""
    federal_state: str = ""
    accessibility: str = ""
    online_url: str = ""
    project_id: int | None = None
    host_organization_id: int | None = None
    registration_required: bool = True
    registration_opens_at: datetime | None = None
    registration_closes_at: datetime | None = None
    capacity: int | None = None
    waitlist_enabled: bool = True
    requires_approval: bool = False
    max_group_size: int = 10
    consent_text: str = ""
    reminder_days: int | None = None
    languages: tuple[int, ...] = ()
    interpretation: tuple[int, ...] = ()
    topics: tuple[int, ...] = ()
    fields: tuple[int, ...] = ()
    professions: tuple[int, ...] = ()
    target_groups: tuple[int, ...] = ()
    questions: tuple[QuestionInput, ...] = ()
    speakers: tuple[SpeakerInput, ...] = ()


# The many-to-many fields of an `EventInput`, each a tuple of ids.
EVENT_LISTS = ("languages", "interpretation", "topics", "fields", "professions", "target_groups")
# Its fields that are the event's own columns (the lists and inline rows are not).
EVENT_COLUMNS = tuple(
    f.name
    for f in dataclass_fields(EventInput)
    if f.name not in EVENT_LISTS and f.name not in ("questions", "speakers")
)


def event_problems(values: Mapping[str, object], *, seats_taken: int = 0) -> list[tuple[str, str]]:
    """What is wrong with an event's fields together, as (field, message) pairs in the order the
    form shows them (a field may have two). `values` are the form's cleaned data or an
    `EventInput`'s fields; a value left out is not checked. `seats_taken`: the people already
    confirmed, whom the places must still hold."""
    problems = []
    starts, ends = values.get("starts_at"), values.get("ends_at")
    opens, closes = values.get("registration_opens_at"), values.get("registration_closes_at")
    size = values.get("max_group_size")
    if size is not None and not 1 <= size <= MAX_GROUP_SIZE:
        problems.append(
            (
                "max_group_size",
                _("A group may have between 1 and %(count)d people.") % {"count": MAX_GROUP_SIZE},
            )
        )
    if starts and ends and ends < starts:
        problems.append(("ends_at", _("The event cannot end before it starts.")))
    if opens and closes and not opens < closes:
        problems.append(("registration_closes_at", _("Registration must close after it opens.")))
    if starts and closes and closes > starts:
        problems.append(
            (
                "registration_closes_at",
                _("Registration must close when the event starts at the latest."),
            )
        )
    if starts and opens and opens >= starts:
        problems.append(("registration_opens_at", _("Registration must open before the event.")))
    capacity = values.get("capacity")
    if capacity is not None and capacity < seats_taken:
        problems.append(
            (
                "capacity",
                _("%(count)d people are already confirmed; the places cannot be fewer.")
                % {"count": seats_taken},
            )
        )
    if values.get("format") in (EventFormat.ONLINE, EventFormat.HYBRID) and not values.get(
        "online_url"
    ):
        problems.append(("online_url", _("An online event needs its video link.")))
    return problems


# --- A download -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentInput:
    """A download for an event page: its title, kind and the uploaded file (anything with a
    `name` and a `size` that Django's storage can save, e.g. an `UploadedFile`)."""

    title: str
    file: File
    kind: str = DocumentKind.OTHER


def upload_problem(name: str, size: int) -> str | None:
    """Why a file cannot be a download (its type, its size), or None."""
    types = ", ".join(ext.upper() for ext in DOCUMENT_EXTENSIONS)
    if PurePath(name).suffix.lower().lstrip(".") not in DOCUMENT_EXTENSIONS:
        return _("Files of this type cannot be uploaded. Allowed: %(types)s.") % {"types": types}
    if size > DOCUMENT_MAX_BYTES:
        return _("The file is too large (at most %(size)s).") % {
            "size": filesizeformat(DOCUMENT_MAX_BYTES)
        }
    return None
