"""Building blocks every app's API router shares: the error body, reference items, `?lang=`.

The API itself (`gemeinsam.api`) answers every error with `Error`; routers declare it for the
statuses they can answer, so that the OpenAPI document describes error bodies too.
"""

from __future__ import annotations

import contextlib
import re
from datetime import date
from typing import Annotated, Literal

from django.conf import settings
from django.core.paginator import Paginator
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Schema, Status
from pydantic import AfterValidator, BeforeValidator
from pydantic_core import PydanticCustomError

LanguageCode = Literal[tuple(code for code, _name in settings.LANGUAGES)]
# Ids beyond a 64-bit integer cannot exist, and SQLite fails on them instead of finding nothing.
MAX_ID = 2**63 - 1
# Text parameters refuse NUL, which PostgreSQL cannot store.
NO_NUL = r"^[^\x00]*$"


def encodable(value: str) -> str:
    """A lone surrogate survives JSON parsing but not the database's UTF-8: refuse it here."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValueError("not valid text") from error
    return value


Text = Annotated[str, AfterValidator(encodable)]

# Rules look up to 200 years back and events are planned ahead; days far from now are nobody's
# question, and cannot be turned into times in Berlin and back.
EARLIEST_DAY, LATEST_DAY = date(1900, 1, 1), date(9000, 12, 31)


def _iso_day(value):
    # pydantic would also take a number of seconds since 1970 as a date; only YYYY-MM-DD is one.
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("not a date")
    if not isinstance(value, str | date):
        raise ValueError("not a date")
    return value


def _sensible_day(value: date) -> date:
    # Not Field(ge=…, le=…): its error would name the limit as a Python repr, and the document
    # would carry "ge" and "le", which are no JSON Schema keywords.
    if value < EARLIEST_DAY:
        raise PydanticCustomError(
            "day_too_early", "before {day}", {"day": EARLIEST_DAY.isoformat()}
        )
    if value > LATEST_DAY:
        raise PydanticCustomError("day_too_late", "after {day}", {"day": LATEST_DAY.isoformat()})
    return value


Day = Annotated[date, BeforeValidator(_iso_day), AfterValidator(_sensible_day)]


class ErrorDetail(Schema):
    loc: list[str | int] = Field(description='Where the problem is, e.g. ["query", "page"].')
    message: str = Field(description="What is wrong, in the caller's language.")
    type: str = Field(description="A stable code for the kind of problem, e.g. int_parsing.")


class Error(Schema):
    """The body of every error answer."""

    code: str = Field(description="A stable code, e.g. not_found or invalid_request.")
    detail: str = Field(description="What went wrong, in the caller's language.")
    errors: list[ErrorDetail] = Field(
        default_factory=list, description="One entry per invalid parameter (422 only)."
    )


# What any operation may answer besides its own statuses: a bad or expired token, a token used
# beyond its scopes (or of staff without two-factor log-in), bad parameters, too many requests.
ERRORS = {401: Error, 403: Error, 422: Error, 429: Error}


class Reference(Schema):
    """A code the API takes or gives, with its label."""

    code: str
    label: str = Field(description="In the language of Accept-Language or ?lang=.")


TextState = Literal["up_to_date", "outdated", "missing"]


class TextsOut(Schema):
    """In which language an object's texts are given, and each text's state in it (every API
    that gives translated content answers with this)."""

    language: str = Field(
        description="The language asked for (`lang`, else Accept-Language); German is the "
        "source every translation is made from."
    )
    status: dict[str, TextState] = Field(
        description="Per text: up_to_date; outdated (the German has changed since it was "
        "translated; the translation is given); missing (not translated, or only in part: the "
        "German is given for what is missing)."
    )


class LanguageParam(Schema):
    # Not `| None`: null is no language, and leaving the parameter out already means "not given".
    lang: LanguageCode = Field(None, description="Language of labels; else Accept-Language.")


def in_language(lang: str | None):
    """Labels in `lang` when the caller asked for one; else the request's language stays."""
    return translation.override(lang) if lang else contextlib.nullcontext()


def page(rows, number: int, page_size: int):
    """The page `number` of `rows` (the last one if past the end) and its counts for the answer."""
    paginator = Paginator(rows, page_size)
    current = paginator.get_page(number)
    return current, {"count": paginator.count, "page": current.number, "pages": paginator.num_pages}


def error(code: str, detail, errors: list | None = None) -> dict:
    """An `Error` body."""
    return {"code": code, "detail": str(detail), "errors": errors or []}


def invalid(problems: list[tuple[list, str]]) -> Status:
    """422 with one entry per problem: (where, e.g. ["body", "email"], and the message)."""
    return Status(
        422,
        error(
            "invalid_request",
            _("Some parameters are not valid."),
            [{"loc": loc, "message": str(message), "type": "invalid"} for loc, message in problems],
        ),
    )
