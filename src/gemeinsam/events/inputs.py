"""What a registration is made of, checked the same way for the web form and the API.

`registration()` turns what someone sent into a `Person`, or raises `Invalid` with every
problem by field; the form shows them next to its fields, the API lists them by place. Services
take a `Person`, never a form.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from .enums import QuestionKind

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
