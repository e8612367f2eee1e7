"""Writes to the register: typed input in, one transaction each, audited.

Side effects: `advance_mandate` ends the predecessor's mandate when a successor is appointed;
every change writes an audit entry.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gemeinsam.core import audit
from gemeinsam.core.enums import AuditAction
from gemeinsam.core.slugs import unique_slug

from .enums import HOLDING, MandateAction, MandateStatus
from .inputs import CommitteeInput, MandateInput, MeetingInput, SeatInput, check_step
from .models import Committee, LegislativeTerm, Mandate, Meeting, Seat

COMMITTEE_FIELDS = [
    "body_id",
    "name",
    "kind",
    "seats_total",
    "seats_voting",
    "legal_basis",
    "description",
    "website",
    "is_active",
]


@transaction.atomic
def save_committee(agency, data: CommitteeInput, *, by, committee: Committee | None = None):
    data.check()
    if committee is None:
        committee = Committee(agency=agency)
        committee.slug = unique_slug(
            data.name,
            taken=Committee.objects.filter(body_id=data.body_id),
            fallback="committee",
            max_length=80,
        )
        action = AuditAction.CREATE
    else:
        action = AuditAction.UPDATE
    before = audit.snapshot(committee, COMMITTEE_FIELDS)
    for name in COMMITTEE_FIELDS:
        setattr(committee, name, getattr(data, name))
    committee.save()
    audit.record(
        by=by,
        action=action,
        obj=committee,
        changes=audit.diff(before, audit.snapshot(committee, COMMITTEE_FIELDS)),
    )
    return committee


@transaction.atomic
def add_meeting(committee: Committee, data: MeetingInput, *, by) -> Meeting:
    data.check()
    meeting = Meeting.objects.create(
        committee=committee,
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        location=data.location,
        is_public=data.is_public,
    )
    audit.record(by=by, action=AuditAction.CREATE, obj=committee, changes={"meeting": meeting.pk})
    return meeting


@transaction.atomic
def add_seat(committee: Committee, data: SeatInput, *, by) -> Seat:
    if (
        data.term_id is not None
        and not LegislativeTerm.objects.filter(pk=data.term_id, body_id=committee.body_id).exists()
    ):
        raise ValidationError({"term": _("Choose a term of this committee's body.")})
    if committee.seats.count() >= committee.seats_total:
        raise ValidationError(_("All statutory seats of this committee are listed already."))
    seat = Seat.objects.create(
        committee=committee,
        label=data.label,
        proposing_body=data.proposing_body,
        appointer=data.appointer,
        term_id=data.term_id,
        voting_right=data.voting_right,
        requires_recognition_id=data.requires_recognition_id,
        position=committee.seats.count() + 1,
    )
    audit.record(by=by, action=AuditAction.CREATE, obj=seat)
    return seat


@transaction.atomic
def start_mandate(committee: Committee, data: MandateInput, *, by) -> Mandate:
    """Someone is interested in a seat of the committee (the lifecycle's first step)."""
    data.check()
    if not committee.seats.filter(pk=data.seat_id).exists():
        raise ValidationError({"seat": _("Choose a seat of this committee.")})
    mandate = Mandate.objects.create(
        seat_id=data.seat_id,
        role=data.role,
        holder_name=data.holder_name.strip(),
        organization_id=data.organization_id,
        note=data.note,
    )
    audit.record(by=by, action=AuditAction.CREATE, obj=mandate)
    return mandate


@transaction.atomic
def advance_mandate(
    mandate: Mandate, action: str, *, by, today: datetime.date | None = None
) -> Mandate:
    """One step of the lifecycle; a step the lifecycle does not allow from the mandate's status
    is refused with a translated `ValidationError`. Appointing ends the mandate of whoever holds
    the same seat and role (also after their term), naming the successor."""
    today = today or timezone.localdate()
    # Read again under the write lock, so two clicks cannot both take the same step.
    mandate = Mandate.objects.select_for_update().get(pk=mandate.pk)
    before = mandate.status
    to = check_step(mandate.status, action)
    if action == MandateAction.APPOINT:
        predecessors = list(
            Mandate.objects.select_for_update()
            .filter(seat_id=mandate.seat_id, role=mandate.role, status__in=HOLDING)
            .exclude(pk=mandate.pk)
        )
        for old in predecessors:
            was = old.status
            old.status, old.ended_on, old.successor = MandateStatus.SUCCEEDED, today, mandate
            old.save(update_fields=["status", "ended_on", "successor", "updated_at"])
            audit.record(
                by=by,
                action=AuditAction.UPDATE,
                obj=old,
                changes={"status": [was, MandateStatus.SUCCEEDED]},
            )
        mandate.appointed_on = today
    if action == MandateAction.ATTEND:
        mandate.meetings_attended = F("meetings_attended") + 1
    if action == MandateAction.REPORT:
        mandate.reports_given = F("reports_given") + 1
    if action == MandateAction.WITHDRAW:
        mandate.ended_on = today
    if to is not None:
        mandate.status = to
    mandate.save()
    mandate.refresh_from_db()
    audit.record(
        by=by, action=AuditAction.UPDATE, obj=mandate, changes={"status": [before, mandate.status]}
    )
    return mandate
