"""A tandem's agreement: goals and milestones are added by either side or the agency's staff;
each change makes a new version that both sides accept again. Every change is audited."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gemeinsam.core import audit
from gemeinsam.core.enums import AuditAction

from ..enums import Side
from ..inputs import Invalid
from ..models import Goal, Milestone, Tandem


def _new_version(tandem: Tandem) -> None:
    Tandem.objects.filter(pk=tandem.pk).update(agreement_version=F("agreement_version") + 1)
    tandem.refresh_from_db(fields=["agreement_version"])


def add_goal(tandem: Tandem, *, text: str, owner: str, by) -> Goal:
    text = text.strip()
    if not text or owner not in Side.values:
        raise Invalid({"__all__": [_("Write the goal and choose the side that owns it.")]})
    with transaction.atomic():
        goal = Goal.objects.create(tandem=tandem, text=text[:300], owner=owner)
        _new_version(tandem)
        audit.record(
            by=by,
            action=AuditAction.UPDATE,
            obj=tandem,
            changes={
                "goal": [None, goal.text],
                "agreement_version": [None, tandem.agreement_version],
            },
        )
    return goal


def add_milestone(tandem: Tandem, *, title: str, due_on: datetime.date, by) -> Milestone:
    title = title.strip()
    if not title:
        raise Invalid({"__all__": [_("Write the milestone and its date.")]})
    call = tandem.call
    if not call.project_starts_on <= due_on <= call.project_ends_on:
        raise Invalid({"__all__": [_("A milestone lies within the project period.")]})
    with transaction.atomic():
        milestone = Milestone.objects.create(tandem=tandem, title=title[:300], due_on=due_on)
        _new_version(tandem)
        audit.record(
            by=by,
            action=AuditAction.UPDATE,
            obj=tandem,
            changes={
                "milestone": [None, f"{due_on.isoformat()} {milestone.title}"],
                "agreement_version": [None, tandem.agreement_version],
            },
        )
    return milestone


def sign_agreement(tandem: Tandem, *, side: str, version: int, by) -> Tandem:
    """One side accepts the agreement as shown (`version`); a version changed meanwhile is
    refused, so nobody accepts what they have not seen."""
    with transaction.atomic():
        locked = Tandem.objects.select_for_update().get(pk=tandem.pk)
        if locked.agreement_version != version:
            raise Invalid(
                {"__all__": [_("The agreement has changed meanwhile. Please read it again.")]}
            )
        prefix = "mo" if side == Side.MIGRANT_ORG else "partner"
        setattr(locked, f"{prefix}_signed_version", version)
        setattr(locked, f"{prefix}_signed_by", by)
        setattr(locked, f"{prefix}_signed_at", timezone.now())
        locked.save(
            update_fields=[f"{prefix}_signed_version", f"{prefix}_signed_by", f"{prefix}_signed_at"]
        )
        audit.record(
            by=by,
            action=AuditAction.UPDATE,
            obj=locked,
            changes={f"{prefix}_signed_version": [None, version]},
        )
    return locked
