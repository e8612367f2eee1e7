"""Writes of guides: create, change (with its steps), publish or take back, and ask for
counselling from a step. One transaction each; changes are audited."""

from __future__ import annotations

import dataclasses

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gemeinsam.core import audit, inline, slugs
from gemeinsam.core.enums import AuditAction
from gemeinsam.counselling.enums import Channel
from gemeinsam.counselling.inputs import RequestInput, mail_language
from gemeinsam.counselling.services.public import submit_request

from .enums import GuideStatus, StepState
from .inputs import (
    GuideInput,
    PortraitInput,
    RecommendationInput,
    UpdateInput,
    guide_problems,
    portrait_problems,
    recommendation_problems,
)
from .models import Guide, Portrait, Recommendation, RecommendationUpdate, Step

# Words the guides' addresses use themselves.
RESERVED = frozenset({"manage", "portraits", "recommendations"})
GUIDE_FIELDS = ("title", "summary", "as_of", "change_note", "counselling_topic_id", "owner_id")


def _check(data: GuideInput) -> None:
    problems = guide_problems(data)
    if problems:
        raise ValidationError(problems)


def _write(guide: Guide, data: GuideInput) -> dict:
    changes = {}
    for name in GUIDE_FIELDS:
        new = getattr(data, name)
        old = getattr(guide, name)
        if old != new:
            changes[name] = [
                str(old) if old is not None else None,
                str(new) if new is not None else None,
            ]
            setattr(guide, name, new)
    review_on = data.review_on or Guide.default_review(data.as_of)
    if guide.review_on != review_on:
        changes["review_on"] = [str(guide.review_on) if guide.review_on else None, str(review_on)]
        guide.review_on = review_on
    guide.full_clean(exclude=["slug", "agency", "owner", "counselling_topic"])
    guide.save()
    if data.steps:
        # Positions may swap within one save: move the rows named out of the way first.
        named = [row.id for row in data.steps if row.id is not None]
        for step in Step.objects.filter(guide=guide, pk__in=named):
            step.position = 10_000 + step.pk
            step.save(update_fields=["position"])
        inline.save_rows(Step, data.steps, guide=guide)
        changes["steps"] = [None, len(data.steps)]
    return changes


@transaction.atomic
def create_guide(agency, data: GuideInput, *, by) -> Guide:
    """A new draft of `agency`'s, owned by its author unless another owner is named."""
    _check(data)
    if data.owner_id is None:
        data = dataclasses.replace(data, owner_id=by.pk)
    slug = slugs.unique_slug(
        data.title, taken=Guide.objects.all(), fallback="guide", max_length=100, reserved=RESERVED
    )
    guide = Guide(agency=agency, slug=slug)
    _write(guide, data)
    audit.record(
        by=by, action=AuditAction.CREATE, obj=guide, changes={"title": [None, guide.title]}
    )
    return guide


@transaction.atomic
def update_guide(guide: Guide, data: GuideInput, *, by) -> Guide:
    """Change the guide's fields and the steps the input names; other steps stay."""
    _check(data)
    guide = Guide.objects.select_for_update().get(pk=guide.pk)
    changes = _write(guide, data)
    if changes:
        audit.record(by=by, action=AuditAction.UPDATE, obj=guide, changes=changes)
    return guide


@transaction.atomic
def set_status(guide: Guide, status: str, *, by) -> Guide:
    """Publish a guide or take it back to a draft (readers no longer find it at once)."""
    guide = Guide.objects.select_for_update().get(pk=guide.pk)
    if guide.status == status:
        return guide
    old = guide.status
    guide.status = status
    guide.published_at = timezone.now() if status == GuideStatus.PUBLISHED else guide.published_at
    guide.save(update_fields=["status", "published_at", "updated_at"])
    audit.record(by=by, action=AuditAction.UPDATE, obj=guide, changes={"status": [old, status]})
    return guide


def ask_for_counselling(guide: Guide, step: Step, organization, *, by, state: str = ""):
    """A request for counselling on one step, through counselling's own service (routing,
    consent record, confirmation mail), for an organization the person is a member of. The
    request names guide and step in German, the agencies' working language. The person agreed
    to the consent text shown beside the button."""
    if guide.counselling_topic_id is None:
        raise ValidationError(_("This guide names no counselling topic."))
    with translation.override(settings.LANGUAGE_CODE):
        description = _(
            "Question about the guide “%(guide)s”, step %(position)s “%(step)s”%(state)s."
        ) % {
            "guide": guide.title,
            "position": step.position,
            "step": step.title,
            "state": f" ({StepState(state).label})" if state else "",
        }
    data = RequestInput(
        topics=(guide.counselling_topic,),
        description=description,
        channel=Channel.EMAIL,
        consent=True,
        organization=organization,
        mail_language=mail_language(translation.get_language()),
    )
    return submit_request(data, by=by)


# --- Portraits ------------------------------------------------------------------------------


def _check_portrait(data: PortraitInput, organization) -> None:
    problems = portrait_problems(data)
    if (
        data.consent_by_id is not None
        and not organization.memberships.active().filter(user_id=data.consent_by_id).exists()
    ):
        problems["consent_by"] = _("Consent can only be given by a member of the organization.")
    if problems:
        raise ValidationError(problems)


def _write_portrait(portrait: Portrait, data: PortraitInput) -> dict:
    changes = {}
    for name in ("organization_id", "title", "text", "review_on", "consent_by_id", "consent_on"):
        old, new = getattr(portrait, name), getattr(data, name)
        if old != new:
            changes[name] = [None if old is None else str(old), None if new is None else str(new)]
            setattr(portrait, name, new)
    if (
        portrait.withdrawn_at is not None
        and data.consent_on is not None
        and data.consent_on >= timezone.localdate(portrait.withdrawn_at)
        and "consent_on" in changes
    ):
        # A consent given again after its withdrawal: the portrait may be published again.
        portrait.withdrawn_at = None
        changes["withdrawn_at"] = ["withdrawn", None]
    portrait.save()
    portrait.guides.set(Guide.objects.filter(agency=portrait.agency, pk__in=data.guide_ids))
    portrait.programmes.set(data.programme_ids)
    portrait.recognitions.set(data.recognition_ids)
    return changes


@transaction.atomic
def create_portrait(agency, organization, data: PortraitInput, *, by) -> Portrait:
    _check_portrait(data, organization)
    portrait = Portrait(agency=agency)
    _write_portrait(portrait, data)
    audit.record(
        by=by, action=AuditAction.CREATE, obj=portrait, changes={"title": [None, portrait.title]}
    )
    return portrait


@transaction.atomic
def update_portrait(portrait: Portrait, organization, data: PortraitInput, *, by) -> Portrait:
    _check_portrait(data, organization)
    portrait = Portrait.objects.select_for_update().get(pk=portrait.pk)
    changes = _write_portrait(portrait, data)
    if changes:
        audit.record(by=by, action=AuditAction.UPDATE, obj=portrait, changes=changes)
    return portrait


@transaction.atomic
def set_portrait_status(portrait: Portrait, status: str, *, by) -> Portrait:
    """Publish (only with a consent that stands) or take back to a draft."""
    portrait = Portrait.objects.select_for_update().get(pk=portrait.pk)
    if status == GuideStatus.PUBLISHED and (
        portrait.consent_on is None or portrait.withdrawn_at is not None
    ):
        raise ValidationError(_("A portrait is published only with the organization's consent."))
    if portrait.status != status:
        audit.record(
            by=by,
            action=AuditAction.UPDATE,
            obj=portrait,
            changes={"status": [portrait.status, status]},
        )
        portrait.status = status
        portrait.save(update_fields=["status", "updated_at"])
    return portrait


@transaction.atomic
def withdraw_consent(portrait: Portrait, *, by) -> Portrait:
    """The organization (or the agency for it) withdraws its consent: the portrait is
    unpublished in the same transaction, so no page shows it from then on."""
    portrait = Portrait.objects.select_for_update().get(pk=portrait.pk)
    if portrait.withdrawn_at is not None:
        return portrait
    portrait.withdrawn_at = timezone.now()
    old = portrait.status
    portrait.status = GuideStatus.DRAFT
    portrait.save(update_fields=["withdrawn_at", "status", "updated_at"])
    audit.record(
        by=by,
        action=AuditAction.UPDATE,
        obj=portrait,
        changes={"status": [old, GuideStatus.DRAFT], "withdrawn_at": [None, "withdrawn"]},
    )
    return portrait


# --- Recommendations --------------------------------------------------------------------------


def _check_recommendation(data: RecommendationInput) -> None:
    problems = recommendation_problems(data)
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def save_recommendation(
    agency, data: RecommendationInput, *, by, recommendation: Recommendation | None = None
) -> Recommendation:
    """Create (without `recommendation`) or change a recommendation; a guide it names must be
    one of the agency's."""
    _check_recommendation(data)
    if recommendation is None:
        recommendation = Recommendation(agency=agency)
        action = AuditAction.CREATE
    else:
        recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
        action = AuditAction.UPDATE
    guide_id = data.guide_id
    if guide_id is not None and not Guide.objects.filter(pk=guide_id, agency=agency).exists():
        raise ValidationError({"guide": _("Choose one of your agency's guides.")})
    changes = {}
    for name in ("title", "text", "basis", "guide_id"):
        old, new = getattr(recommendation, name), getattr(data, name)
        if old != new:
            changes[name] = [None if old is None else str(old), None if new is None else str(new)]
            setattr(recommendation, name, new)
    if list(data.addressees) != recommendation.addressees:
        changes["addressees"] = [recommendation.addressees, list(data.addressees)]
        recommendation.addressees = list(data.addressees)
    recommendation.save()
    if changes:
        audit.record(by=by, action=action, obj=recommendation, changes=changes)
    return recommendation


@transaction.atomic
def set_recommendation_status(recommendation: Recommendation, status: str, *, by):
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if recommendation.status != status:
        audit.record(
            by=by,
            action=AuditAction.UPDATE,
            obj=recommendation,
            changes={"status": [recommendation.status, status]},
        )
        recommendation.status = status
        recommendation.save(update_fields=["status", "updated_at"])
    return recommendation


@transaction.atomic
def add_update(recommendation: Recommendation, data: UpdateInput, *, by) -> RecommendationUpdate:
    """Follow a recommendation up: what happened with it, on which day."""
    if not data.text.strip():
        raise ValidationError({"text": _("This value must not be empty.")})
    return RecommendationUpdate.objects.create(
        recommendation=recommendation, on=data.on, text=data.text, created_by=by
    )
