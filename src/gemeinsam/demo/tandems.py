"""Tandem calls in the demo (data/tandems.yaml): seed 001's match-later call with its tandems a
year in, and a BASFI-style pair-first call in Hamburg that is open now.

Loading again adds nothing: calls are keyed by (agency, slug), applications by (call,
organization), tandems by (call, MO); goals and milestones by their text. Organizations are
taken from the demo's directory by Land and kind, in the order of their names.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from gemeinsam.agencies.models import Agency
from gemeinsam.core import content
from gemeinsam.core.enums import FederalState
from gemeinsam.organizations.enums import OrganizationKind
from gemeinsam.organizations.models import FieldOfActivity, Organization
from gemeinsam.tandems import pairing
from gemeinsam.tandems.enums import (
    EVALUATION_ITEMS,
    SCALE,
    ApplicationStatus,
    CallMode,
    PartnerAnswer,
    Phase,
    Side,
)
from gemeinsam.tandems.models import (
    Evaluation,
    Goal,
    Milestone,
    Tandem,
    TandemApplication,
    TandemCall,
)

from . import records

PROVIDER_KINDS = [OrganizationKind.ESTABLISHED_PROVIDER, OrganizationKind.SERVICE_PROVIDER]


@dataclass(frozen=True)
class GoalSpec:
    text: str
    owner: Side


@dataclass(frozen=True)
class MilestoneSpec:
    title: str
    day: int


@dataclass(frozen=True)
class EvaluationSpec:
    phase: Phase
    mo: dict[str, int]
    partner: dict[str, int]


@dataclass(frozen=True)
class Texts:
    title: str
    description: str = ""


@dataclass(frozen=True)
class CallSpec:
    agency: str
    slug: str
    title: str
    description: str
    funder: str
    budget: str
    max_grant: str
    regions: tuple[FederalState, ...]
    pairs_within_land: bool
    fields: tuple[str, ...]
    mode: CallMode
    opens: int
    closes: int
    project_starts: int
    project_ends: int
    required_documents: str
    questions: str
    offers: tuple[str, ...]
    needs: tuple[str, ...]
    provider_offers: tuple[str, ...]
    provider_needs: tuple[str, ...]
    goals: tuple[GoalSpec, ...]
    milestones: tuple[MilestoneSpec, ...]
    evaluations: tuple[EvaluationSpec, ...] = ()
    tandems: int = 0
    pairs: int = 0
    texts: dict[str, Texts] = field(default_factory=dict)


@dataclass(frozen=True)
class TandemsData:
    calls: tuple[CallSpec, ...]


def tandems_data() -> TandemsData:
    return records.load("tandems", _build)


def _build(where: records.Where, content_: Any) -> TandemsData:
    found = records.record(TandemsData, content_, where)
    for call in found.calls:
        at = where.at("calls").at(repr(call.slug))
        if not call.opens <= call.closes < call.project_starts <= call.project_ends:
            raise at.error("expected opens <= closes < project_starts <= project_ends")
        if Decimal(call.max_grant) > Decimal(call.budget):
            raise at.error("the maximum grant is more than the budget")
        if call.mode == CallMode.MATCH_LATER and not (call.offers and call.provider_offers):
            raise at.error("a match-later call needs offers on both sides")
        codes = {code for code, _label in EVALUATION_ITEMS}
        for evaluation in call.evaluations:
            for answers in (evaluation.mo, evaluation.partner):
                if set(answers) != codes or any(v not in SCALE for v in answers.values()):
                    raise at.at("evaluations").error(
                        f"expected answers 1 to 5 for exactly {', '.join(sorted(codes))}"
                    )
    return found


def _day(today: datetime.date, days: int) -> datetime.date:
    return today + datetime.timedelta(days=days)


def _organizations(spec: CallSpec, kinds) -> list[Organization]:
    return list(
        Organization.objects.filter(
            kind__in=kinds, federal_state__in=spec.regions, legal_form__isnull=False
        )
        .select_related("legal_form")
        .order_by("name", "pk")
    )


def _apply(call, spec, organization, i, *, provider, today, **extra) -> TandemApplication:
    offers = spec.provider_offers if provider else spec.offers
    needs = spec.provider_needs if provider else spec.needs
    application, _created = TandemApplication.objects.update_or_create(
        call=call,
        organization=organization,
        defaults={
            "status": ApplicationStatus.SUBMITTED,
            "offers": offers[i % len(offers)] if offers else "",
            "needs": needs[i % len(needs)] if needs else "",
            "region": organization.federal_state,
            "district": organization.city,
            "amount": call.max_grant,
            "answers": ["Voneinander lernen und gemeinsam mehr Familien erreichen."],
            "submitted_at": timezone.make_aware(
                datetime.datetime.combine(_day(today, spec.closes - 3), datetime.time(10))
            ),
            **extra,
        },
    )
    application.fields.set(organization.fields.all())
    application.languages.set(organization.languages.all())
    return application


def _agreement(tandem: Tandem, spec: CallSpec, today: datetime.date) -> None:
    for goal in spec.goals:
        Goal.objects.get_or_create(tandem=tandem, text=goal.text, defaults={"owner": goal.owner})
    for milestone in spec.milestones:
        Milestone.objects.update_or_create(
            tandem=tandem, title=milestone.title, defaults={"due_on": _day(today, milestone.day)}
        )
    signed = timezone.make_aware(
        datetime.datetime.combine(_day(today, spec.project_starts), datetime.time(12))
    )
    Tandem.objects.filter(pk=tandem.pk).update(
        mo_signed_version=tandem.agreement_version,
        mo_signed_at=signed,
        partner_signed_version=tandem.agreement_version,
        partner_signed_at=signed,
    )


def _match_later(call: TandemCall, spec: CallSpec, today: datetime.date) -> None:
    mos = _organizations(spec, [OrganizationKind.MIGRANT_ORG])[: spec.tandems]
    providers = _organizations(spec, PROVIDER_KINDS)[: spec.tandems]
    for i, organization in enumerate(mos):
        _apply(call, spec, organization, i, provider=False, today=today)
    for i, organization in enumerate(providers):
        _apply(call, spec, organization, i, provider=True, today=today)
    if not Tandem.objects.filter(call=call).exists():
        applications = list(
            TandemApplication.objects.filter(call=call)
            .select_related("organization", "organization__legal_form")
            .prefetch_related("fields", "languages")
        )
        proposal = pairing.propose(applications, within_land=call.pairs_within_land)
        for s in proposal.suggestions:
            recipient = (
                s.mo.organization if pairing.Side.of(s.mo).can_receive else s.partner.organization
            )
            Tandem.objects.create(
                call=call,
                migrant_org=s.mo.organization,
                partner=s.partner.organization,
                recipient=recipient,
                grant=min(s.mo.amount or call.max_grant, call.max_grant),
                reasons=s.reasons.as_json(),
                score=s.score,
            )
    for i, tandem in enumerate(Tandem.objects.filter(call=call).order_by("pk")):
        _agreement(tandem, spec, today)
        for evaluation in spec.evaluations:
            partner = evaluation.partner if i % 2 == 0 else evaluation.mo
            for side, answers in ((Side.MIGRANT_ORG, evaluation.mo), (Side.PARTNER, partner)):
                Evaluation.objects.update_or_create(
                    tandem=tandem,
                    side=side,
                    phase=evaluation.phase,
                    defaults={"answers": dict(answers)},
                )


def _pair_first(call: TandemCall, spec: CallSpec, today: datetime.date) -> None:
    mos = _organizations(spec, [OrganizationKind.MIGRANT_ORG])[: spec.pairs]
    providers = _organizations(spec, PROVIDER_KINDS)[: spec.pairs]
    for i, (organization, partner) in enumerate(zip(mos, providers, strict=False)):
        _apply(
            call,
            spec,
            organization,
            i,
            provider=False,
            today=today,
            partner=partner,
            partner_answer=PartnerAnswer.ACCEPTED if i == 0 else PartnerAnswer.INVITED,
            submitted_at=timezone.now(),
        )


def load(today: datetime.date | None = None) -> int:
    """Write the calls with their applications and tandems; returns how many tandems."""
    today = today or timezone.localdate()
    for spec in tandems_data().calls:
        call, _created = TandemCall.objects.update_or_create(
            agency=Agency.objects.get(slug=spec.agency),
            slug=spec.slug,
            defaults={
                "title": spec.title,
                "description": spec.description,
                "funder": spec.funder,
                "budget": Decimal(spec.budget),
                "max_grant": Decimal(spec.max_grant),
                "regions": [str(code) for code in spec.regions],
                "pairs_within_land": spec.pairs_within_land,
                "mode": spec.mode,
                "opens_on": _day(today, spec.opens),
                "closes_on": _day(today, spec.closes),
                "project_starts_on": _day(today, spec.project_starts),
                "project_ends_on": _day(today, spec.project_ends),
                "required_documents": spec.required_documents,
                "questions": spec.questions,
                "is_published": True,
            },
        )
        call.fields.set(FieldOfActivity.objects.filter(code__in=spec.fields))
        for language, texts in spec.texts.items():
            values = {"title": texts.title}
            if texts.description:
                values["description"] = texts.description
            content.set_texts(call, language, values)
        if spec.mode == CallMode.MATCH_LATER:
            _match_later(call, spec, today)
        else:
            _pair_first(call, spec, today)
    return Tandem.objects.filter(call__slug__in=[s.slug for s in tandems_data().calls]).count()
