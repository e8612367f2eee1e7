"""Counselling: requests, cases and their timeline, appointments, and the confidentiality trail.

A case belongs to one agency (its tenant). Internal notes and session summaries are encrypted at
rest (`crypto.EncryptedTextField`). Contacts are the people counselled, one record per person
across channels; nothing about their origin or religion is ever stored.
"""

from .appointments import Appointment
from .cases import Case, CaseQuerySet, CaseTemplate, TemplateStep
from .intake import AdvisorProfile, CoverageArea, Forwarding
from .public import ConsentRecord, Contact, Request, Topic, new_token
from .timeline import (
    AccessLogEntry,
    BreakGlass,
    Document,
    KeyCheck,
    Note,
    Outcome,
    Session,
    Task,
    _private_storage,
    document_path,
    private_storage,
)

# new_token, document_path and _private_storage are named here by the migrations.
__all__ = [
    "AccessLogEntry",
    "AdvisorProfile",
    "Appointment",
    "BreakGlass",
    "Case",
    "CaseQuerySet",
    "CaseTemplate",
    "ConsentRecord",
    "Contact",
    "CoverageArea",
    "Document",
    "Forwarding",
    "KeyCheck",
    "Note",
    "Outcome",
    "Request",
    "Session",
    "Task",
    "TemplateStep",
    "Topic",
    "_private_storage",
    "document_path",
    "new_token",
    "private_storage",
]
