"""Kinds of committees and bodies, and the mandate's lifecycle with its allowed steps."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class BodyLevel(models.TextChoices):
    MUNICIPALITY = "municipality", _("municipality")
    DISTRICT = "district", _("district")
    STATE = "state", pgettext_lazy("level", "Land")


class CommitteeKind(models.TextChoices):
    YOUTH_WELFARE = "youth_welfare", _("youth-welfare committee (§ 71 SGB VIII)")
    INTEGRATION_COUNCIL = "integration_council", _("integration council")
    ADVISORY_BOARD = "advisory_board", _("advisory board")
    WORKING_GROUP = "working_group", _("working group (§ 78 SGB VIII)")
    ROUND_TABLE = "round_table", _("round table")


class SeatRole(models.TextChoices):
    MEMBER = "member", pgettext_lazy("seat role", "member")
    ALTERNATE = "alternate", pgettext_lazy("seat role", "alternate")


class MandateStatus(models.TextChoices):
    INTEREST = "interest", pgettext_lazy("mandate status", "interested")
    NOMINATED = "nominated", pgettext_lazy("mandate status", "nominated")
    PROPOSED = "proposed", pgettext_lazy("mandate status", "proposed")
    APPOINTED = "appointed", pgettext_lazy("mandate status", "appointed")
    REPORTED = "reported", pgettext_lazy("mandate status", "reported back")
    SUCCEEDED = "succeeded", pgettext_lazy("mandate status", "succeeded")
    WITHDRAWN = "withdrawn", pgettext_lazy("mandate status", "withdrawn")


class MandateAction(models.TextChoices):
    NOMINATE = "nominate", pgettext_lazy("mandate action", "Nominate")
    PROPOSE = "propose", pgettext_lazy("mandate action", "Propose to the appointer")
    APPOINT = "appoint", pgettext_lazy("mandate action", "Record the appointment")
    ATTEND = "attend", pgettext_lazy("mandate action", "Record attendance at a meeting")
    REPORT = "report", pgettext_lazy("mandate action", "Record a report-back to the network")
    WITHDRAW = "withdraw", pgettext_lazy("mandate action", "Withdraw")


# The mandate's lifecycle: from which statuses each action may start, and where it leads.
# Attendance keeps the status. Succession is no action: appointing a successor to the same
# seat and role ends the holder's mandate (`services.advance_mandate`).
STEPS: dict[str, tuple[frozenset[str], str | None]] = {
    MandateAction.NOMINATE: (frozenset({MandateStatus.INTEREST}), MandateStatus.NOMINATED),
    MandateAction.PROPOSE: (frozenset({MandateStatus.NOMINATED}), MandateStatus.PROPOSED),
    MandateAction.APPOINT: (frozenset({MandateStatus.PROPOSED}), MandateStatus.APPOINTED),
    MandateAction.ATTEND: (frozenset({MandateStatus.APPOINTED, MandateStatus.REPORTED}), None),
    MandateAction.REPORT: (
        frozenset({MandateStatus.APPOINTED, MandateStatus.REPORTED}),
        MandateStatus.REPORTED,
    ),
    MandateAction.WITHDRAW: (
        frozenset({MandateStatus.INTEREST, MandateStatus.NOMINATED, MandateStatus.PROPOSED}),
        MandateStatus.WITHDRAWN,
    ),
}


def steps_from(status: str) -> list[tuple[str, str]]:
    """The actions the lifecycle allows from `status`, with their labels."""
    return [(a.value, a.label) for a in MandateAction if status in STEPS[a][0]]


# A mandate in these statuses holds its seat (also after the term ended, until a successor
# is appointed).
HOLDING = (MandateStatus.APPOINTED, MandateStatus.REPORTED)
# On the way to a seat.
PENDING = (MandateStatus.INTEREST, MandateStatus.NOMINATED, MandateStatus.PROPOSED)

# Days before a term ends on which staff are reminded to prepare the succession.
REMINDER_DAYS = 60
