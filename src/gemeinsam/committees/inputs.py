"""Typed input for the register's services, and the checks the web form and a service share."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .enums import STEPS, CommitteeKind, MandateAction, MandateStatus, SeatRole


@dataclass(frozen=True)
class CommitteeInput:
    body_id: int
    name: str
    kind: str
    seats_total: int
    seats_voting: int
    legal_basis: str = ""
    description: str = ""
    website: str = ""
    is_active: bool = True

    def check(self) -> None:
        if self.kind not in CommitteeKind.values:
            raise ValidationError({"kind": _("Choose a kind of committee.")})
        if self.seats_voting > self.seats_total:
            raise ValidationError({"seats_voting": _("More seats with a vote than seats in all.")})


@dataclass(frozen=True)
class MeetingInput:
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    location: str = ""
    is_public: bool = True

    def check(self) -> None:
        if self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A meeting ends after it starts.")})


@dataclass(frozen=True)
class SeatInput:
    label: str
    proposing_body: str = ""
    appointer: str = ""
    term_id: int | None = None
    voting_right: bool = True
    requires_recognition_id: int | None = None


@dataclass(frozen=True)
class MandateInput:
    seat_id: int
    holder_name: str
    role: str = SeatRole.MEMBER
    organization_id: int | None = None
    note: str = ""

    def check(self) -> None:
        if self.role not in SeatRole.values:
            raise ValidationError({"role": _("Choose member or alternate.")})
        if not self.holder_name.strip():
            raise ValidationError({"holder_name": _("Name the person.")})


def check_step(status: str, action: str) -> str | None:
    """The status `action` leads to from `status` (None: it stays); a clear, translated error
    when the lifecycle does not allow the step."""
    if action not in STEPS:
        raise ValidationError(_("This step is not part of a mandate's lifecycle."))
    allowed, to = STEPS[action]
    if status not in allowed:
        raise ValidationError(
            _("“%(action)s” is not possible for a mandate that is “%(status)s”.")
            % {"action": MandateAction(action).label, "status": MandateStatus(status).label}
        )
    return to
