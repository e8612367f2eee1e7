"""Guides in the demo (data/knowledge.yaml): the three Arbeitshilfen of seed 004, their steps
bound to the readiness checks' requirements, with titles in other languages.

Loading again adds nothing: guides are keyed by slug and steps by their position; steps past
the last one in the file go.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from gemeinsam.agencies.models import Agency
from gemeinsam.core import content
from gemeinsam.counselling.models import Topic
from gemeinsam.funding.models import Programme, ReadinessCheck
from gemeinsam.knowledge.enums import GuideStatus
from gemeinsam.knowledge.models import Guide, Portrait, Step, links_problem, months_later
from gemeinsam.organizations.models import Organization, RecognitionType

from . import records
from .people import Person


@dataclass(frozen=True)
class StepSpec:
    title: str
    text: str = ""
    documents: str = ""
    legal_basis: str = ""
    decides: str = ""
    links: str = ""
    optional: bool = False
    group: str = ""
    check: str = ""  # a readiness check's code
    key: str = ""  # one of its requirements


@dataclass(frozen=True)
class Texts:
    title: str
    summary: str = ""
    steps: dict[int, str] = field(default_factory=dict)  # position → title


@dataclass(frozen=True)
class GuideSpec:
    slug: str
    agency: str
    owner: Person
    title: str
    summary: str
    as_of_days_ago: int
    change_note: str
    topic: str
    published: bool
    steps: tuple[StepSpec, ...]
    texts: dict[str, Texts] = field(default_factory=dict)


@dataclass(frozen=True)
class PortraitSpec:
    guide: str  # a guide's slug
    agency: str
    organization: str  # a featured organization's name
    consent_by: Person | None  # a member of it who agreed; None: a draft awaiting consent
    consent_days_ago: int
    title: str
    text: str
    recognitions: tuple[str, ...]  # recognition type codes
    programmes: tuple[str, ...]  # programme codes
    published: bool
    texts: dict[str, Texts] = field(default_factory=dict)


@dataclass(frozen=True)
class Knowledge:
    guides: tuple[GuideSpec, ...]
    portraits: tuple[PortraitSpec, ...] = ()


def knowledge_data() -> Knowledge:
    return records.load("knowledge", _build)


def _build(where: records.Where, content_: Any) -> Knowledge:
    found = records.record(Knowledge, content_, where)
    for guide in found.guides:
        at = where.at("guides").at(repr(guide.slug))
        for number, step in enumerate(guide.steps, start=1):
            if bool(step.check) != bool(step.key):
                raise at.at(f"step {number}").error(
                    "a step names both a check and a key, or neither"
                )
            if links_problem(step.links):
                raise at.at(f"step {number}").error(links_problem(step.links))
    slugs = {guide.slug for guide in found.guides}
    for portrait in found.portraits:
        at = where.at("portraits").at(repr(portrait.title))
        if portrait.guide not in slugs:
            raise at.error(f"no guide has the slug {portrait.guide!r}")
        if portrait.published and portrait.consent_by is None:
            raise at.error("a portrait is published only with someone's consent")
    return found


def load(today: datetime.date | None = None) -> int:
    """Write the guides; returns how many."""
    today = today or timezone.localdate()
    checks = {c.code: c for c in ReadinessCheck.objects.prefetch_related("rule_versions")}
    users = get_user_model().objects
    for spec in knowledge_data().guides:
        as_of = today - datetime.timedelta(days=spec.as_of_days_ago)
        guide, _created = Guide.objects.update_or_create(
            slug=spec.slug,
            defaults={
                "agency": Agency.objects.get(slug=spec.agency),
                "owner": users.get(email=spec.owner.email),
                "title": spec.title,
                "summary": spec.summary,
                "as_of": as_of,
                "review_on": Guide.default_review(as_of),
                "change_note": spec.change_note,
                "counselling_topic": Topic.objects.get(code=spec.topic),
                "status": GuideStatus.PUBLISHED if spec.published else GuideStatus.DRAFT,
                "published_at": timezone.now() if spec.published else None,
            },
        )
        steps = []
        for position, s in enumerate(spec.steps, start=1):
            step, _created = Step.objects.update_or_create(
                guide=guide,
                position=position,
                defaults={
                    "title": s.title,
                    "text": s.text,
                    "documents": s.documents,
                    "legal_basis": s.legal_basis,
                    "decides": s.decides,
                    "links": s.links,
                    "optional": s.optional,
                    "group": s.group,
                    "readiness_check": checks[s.check] if s.check else None,
                    "requirement_key": s.key,
                },
            )
            step.full_clean()
            steps.append(step)
        guide.steps.filter(position__gt=len(spec.steps)).delete()
        for language, texts in spec.texts.items():
            values = {"title": texts.title}
            if texts.summary:
                values["summary"] = texts.summary
            content.set_texts(guide, language, values)
            for position, title in texts.steps.items():
                content.set_texts(steps[position - 1], language, {"title": title})
    for spec in knowledge_data().portraits:
        _portrait(spec, today)
    return len(knowledge_data().guides)


def _portrait(spec: PortraitSpec, today: datetime.date) -> Portrait:
    """Written as staff would, keyed by organization and title; consent from a member."""
    organization = Organization.objects.get(name=spec.organization)
    consent_by = (
        get_user_model().objects.get(email=spec.consent_by.email) if spec.consent_by else None
    )
    if (
        consent_by is not None
        and not organization.memberships.active().filter(user=consent_by).exists()
    ):
        raise ValueError(f"{spec.consent_by.email} is no active member of {spec.organization}")
    consent_on = today - datetime.timedelta(days=spec.consent_days_ago) if consent_by else None
    portrait, _created = Portrait.objects.update_or_create(
        organization=organization,
        title=spec.title,
        defaults={
            "agency": Agency.objects.get(slug=spec.agency),
            "text": spec.text,
            "consent_by": consent_by,
            "consent_on": consent_on,
            "review_on": months_later(today, 12),
            "withdrawn_at": None,
            "status": GuideStatus.PUBLISHED if spec.published else GuideStatus.DRAFT,
        },
    )
    portrait.guides.set(Guide.objects.filter(slug=spec.guide))
    portrait.recognitions.set(RecognitionType.objects.filter(code__in=spec.recognitions))
    portrait.programmes.set(Programme.objects.filter(code__in=spec.programmes))
    for language, texts in spec.texts.items():
        content.set_texts(portrait, language, {"title": texts.title})
    return portrait
