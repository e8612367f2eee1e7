"""The events app's models, by part: the event and what belongs to it (`events`), and the
registrations (`registration`). Django and the migrations find every model (and the functions
the migrations name, `new_token` and `document_path`) here."""

from .events import (
    REGISTRATION_FIELDS,
    Event,
    EventDocument,
    EventQuerySet,
    EventSeries,
    Profession,
    Question,
    Speaker,
    Topic,
    document_path,
)
from .registration import Answer, Registration, RegistrationGroup, RegistrationQuerySet, new_token

__all__ = [
    "REGISTRATION_FIELDS",
    "Answer",
    "Event",
    "EventDocument",
    "EventQuerySet",
    "EventSeries",
    "Profession",
    "Question",
    "Registration",
    "RegistrationGroup",
    "RegistrationQuerySet",
    "Speaker",
    "Topic",
    "document_path",
    "new_token",
]
