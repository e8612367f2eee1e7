"""Guides for the tests: written through the services, as staff would."""

from __future__ import annotations

import datetime

from gemeinsam.counselling.models import Topic
from gemeinsam.funding.models import ReadinessCheck
from gemeinsam.knowledge import services
from gemeinsam.knowledge.enums import GuideStatus
from gemeinsam.knowledge.inputs import GuideInput, PortraitInput, RecommendationInput, StepRow
from gemeinsam.knowledge.models import Guide

AS_OF = datetime.date(2026, 3, 1)


def youth_welfare_steps() -> tuple[StepRow, ...]:
    check = ReadinessCheck.objects.get(code="youth_welfare")
    return (
        StepRow(
            position=1,
            title="Einen Verein gründen",
            text="Ein eingetragener Verein ist der übliche Träger.\n\nSieben Mitglieder genügen.",
            documents="Satzung\nGründungsprotokoll",
            legal_basis="§ 75 Abs. 1 Nr. 1 SGB VIII",
            decides="Amtsgericht",
            links="https://www.bmj.de Bundesministerium der Justiz",
            readiness_check_id=check.pk,
            requirement_key="JH-01",
        ),
        StepRow(
            position=2,
            title="Gemeinnützigkeit nachweisen",
            readiness_check_id=check.pk,
            requirement_key="JH-02",
            group="a",
        ),
        StepRow(position=3, title="Förderverein als Träger", group="a", optional=True),
        StepRow(
            position=4,
            title="Drei Jahre Jugendarbeit belegen",
            readiness_check_id=check.pk,
            requirement_key="JH-03",
        ),
    )


def make_guide(
    agency,
    *,
    by,
    title: str = "Anerkennung als Träger der freien Jugendhilfe",
    status: str = GuideStatus.PUBLISHED,
    steps: tuple[StepRow, ...] | None = None,
    as_of: datetime.date = AS_OF,
    topic: str | None = "youth_welfare",
) -> Guide:
    data = GuideInput(
        title=title,
        summary="Was ein Verein für die Anerkennung nach § 75 SGB VIII braucht.",
        as_of=as_of,
        change_note="Neue Fristen.",
        counselling_topic_id=Topic.objects.get(code=topic).pk if topic else None,
        steps=youth_welfare_steps() if steps is None else steps,
    )
    guide = services.create_guide(agency, data, by=by)
    if status != GuideStatus.DRAFT:
        guide = services.set_status(guide, status, by=by)
    return guide


def make_portrait(agency, organization, *, by, consent_by=None, guides=(), status="published"):
    data = PortraitInput(
        organization_id=organization.pk,
        title=f"Wie {organization.name} anerkannt wurde",
        text="Drei Jahre Jugendarbeit, dann der Antrag.\n\nHeute sitzt der Verein im Ausschuss.",
        review_on=datetime.date(2027, 3, 1),
        guide_ids=tuple(g.pk for g in guides),
        consent_by_id=consent_by.pk if consent_by else None,
        consent_on=datetime.date(2026, 2, 1) if consent_by else None,
    )
    portrait = services.create_portrait(agency, organization, data, by=by)
    if status == "published":
        portrait = services.set_portrait_status(portrait, status, by=by)
    return portrait


def make_recommendation(agency, *, by, status="published", addressees=("politics",), title=""):
    data = RecommendationInput(
        title=title or "Förderrichtlinien für kleine Vereine öffnen",
        text="Eigenanteile senken.\n\nEhrenamt als Eigenleistung anerkennen.",
        basis="Befragung 2025: Indikator Eigenanteil\nFachgespräch im Paritätischen",
        addressees=tuple(addressees),
    )
    recommendation = services.save_recommendation(agency, data, by=by)
    if status == "published":
        recommendation = services.set_recommendation_status(recommendation, status, by=by)
    return recommendation
