"""Writes of the events app, one transaction each, by part: `registration` (registering,
changing, cancelling, the waiting list), `participants` (staff's decisions, attendance, check-in
and mail to participants) and `staff` (events, series, copies and downloads).

Registering is what the website, the API, the demo and most tests do, so the operations on a
registration are also named here: `services.register(...)`.
"""

from ..enums import ACTIVE_STATUSES
from ..inputs import Person, validate_answers
from . import participants, registration, staff
from .participants import (
    cancel_many,
    capacity_changed,
    check_in,
    decide,
    decide_many,
    mail_participants,
    record_attendance,
    set_attendance,
)
from .registration import (
    Outcome,
    RegistrationError,
    cancel,
    change,
    check_open,
    promote_waitlist,
    register,
    resend_link,
)

__all__ = [
    "ACTIVE_STATUSES",
    "Outcome",
    "Person",
    "RegistrationError",
    "cancel",
    "cancel_many",
    "capacity_changed",
    "change",
    "check_in",
    "check_open",
    "decide",
    "decide_many",
    "mail_participants",
    "participants",
    "promote_waitlist",
    "record_attendance",
    "register",
    "registration",
    "resend_link",
    "set_attendance",
    "staff",
    "validate_answers",
]
