"""What asking for counselling takes, shared by the web form and the API.

Both parse what the person sent into a `RequestInput` and ask `request_problems()` the same
questions, and `services.public.submit_request()` asks them once more before it stores anything.
The consent text shown is the one stored with the request (`CONSENT_TEXT`, in the language of the
mails, with `CONSENT_VERSION`); change the version whenever the wording changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

CONSENT_VERSION = "2026-01"
CONSENT_TEXT = gettext_lazy(
    "I agree that the details I give here are stored and passed on to the agency that takes on "
    "my request, so that it can answer and counsel me. Only the agency's staff see them. They "
    "are deleted or anonymised when the counselling has ended and the retention period is over. "
    "I can withdraw my consent at any time by writing to the agency."
)
DESCRIPTION_MAX = 4000

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ()/.\-]{3,38}$",
    gettext_lazy("Enter a phone number with digits, spaces and + ( ) / - only."),
)


@dataclass(frozen=True)
class RequestInput:
    """A request for counselling as the person sent it, parsed.

    Topics, language and organization are the rows the parser found (the form offers only
    those; the API names an unknown code by its place). An organization counts only when the
    person asking is one of its active members, which the parser checks
    (`queries.own_organizations`).
    """

    topics: tuple[Any, ...]
    description: str
    channel: str
    consent: bool
    language: Any = None
    preferred_times: str = ""
    postcode: str = ""
    federal_state: str = ""
    name: str = ""
    email: str = ""
    phone: str = ""
    organization: Any = None
    organization_name: str = ""
    mail_language: str = "de"


def request_problems(data: RequestInput, *, answered_by_account: bool) -> dict[str, str]:
    """What keeps the request from being stored, by field; empty when nothing does.

    Someone logged in is answered through their account; everybody else leaves an email
    address or a phone number.
    """
    problems = {}
    if not data.topics:
        problems["topics"] = _("Please choose at least one topic.")
    if not data.description.strip():
        problems["description"] = _("This value must not be empty.")
    if data.email:
        try:
            validate_email(data.email)
        except ValidationError:
            problems["email"] = _("Enter a valid email address.")
    elif not answered_by_account and not data.phone:
        problems["email"] = _("Please give an email address or a phone number for the answer.")
    if data.phone:
        try:
            phone_validator(data.phone)
        except ValidationError as error:
            problems["phone"] = error.messages[0]
    if not data.consent:
        problems["consent"] = _("Please agree, so that we may store your request.")
    return problems


def mail_language(*choices: str | None) -> str:
    """The first of the choices that is one of the site's languages, else the default."""
    codes = {code for code, _name in settings.LANGUAGES}
    for language in choices:
        if language in codes:
            return language
    return settings.LANGUAGE_CODE
