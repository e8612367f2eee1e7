"""Funding in the demo (data/funding.yaml): organizations at each stage the readiness checks
describe, and results kept over time for the member's organization. The organizations are
featured ones the loader writes (organizations.yaml); this module brings what the checks read
to their stage.

Loading again adds nothing: recognitions are keyed by type, and the member organization's
results are written once (when it has none for a check yet).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils import timezone

from gemeinsam.funding import services
from gemeinsam.funding.models import (
    Programme,
    ReadinessCheck,
    ReadinessResult,
    WatchedProgramme,
)
from gemeinsam.funding.profile import profile_facts
from gemeinsam.organizations import search
from gemeinsam.organizations.models import (
    FieldOfActivity,
    LegalForm,
    Organization,
    Recognition,
    RecognitionType,
)

from . import records
from .days import Day, at
from .people import Person


@dataclass
class FundingSummary:
    organizations: int
    results: int
    watched: int = 0


@dataclass(frozen=True)
class RecognitionSpec:
    type: str  # a recognition type's code
    authority: str
    granted_on: Day | None = None
    valid_until: Day | None = None


@dataclass(frozen=True)
class MinMembers:
    """The drawn number of members stays if it is at least this, else it becomes `otherwise`."""

    at_least: int
    otherwise: int


@dataclass(frozen=True)
class Stage:
    key: str
    organization: str  # the name of a featured organization
    legal_form: str | None
    values: dict[str, Any]  # the Organization row's own fields; a date may be a Day
    recognitions: tuple[RecognitionSpec, ...] = ()  # every other recognition goes
    description: str = ""  # the German profile text, where the drawn one does not fit the stage
    add_fields: tuple[str, ...] = ()
    no_funding: bool = False
    min_members: MinMembers | None = None

    def fields(self, today: datetime.date) -> dict[str, Any]:
        return {k: v.of(today) if isinstance(v, Day) else v for k, v in self.values.items()}


@dataclass(frozen=True)
class Progress:
    """The member's results before the new notice, and today."""

    stage: str
    person: Person
    checks: tuple[str, ...]
    earlier_days_ago: int
    old_notice: datetime.date  # the notice the earlier check read, run out by then


@dataclass(frozen=True)
class Funding:
    stages: tuple[Stage, ...]
    progress: Progress
    watched: tuple[str, ...]  # programme codes

    def stage(self, key: str) -> Stage:
        return next(s for s in self.stages if s.key == key)


def funding_data() -> Funding:
    return records.load("funding", _build)


def _build(where: records.Where, content: Any) -> Funding:
    found = records.record(Funding, content, where)
    stages = []
    for stage in found.stages:
        at = where.at("stages").at(repr(stage.key)).at("values")
        values = {name: _value(name, value, at.at(name)) for name, value in stage.values.items()}
        stages.append(Stage(**{**vars(stage), "values": values}))
    if found.progress.stage not in {s.key for s in stages}:
        raise where.at("progress").error(f"no stage has the key {found.progress.stage!r}")
    return Funding(stages=tuple(stages), progress=found.progress, watched=found.watched)


def _value(name: str, value: Any, where: records.Where) -> Any:
    """A value of the Organization row, as its field reads it (a date may be a Day)."""
    try:
        model_field = Organization._meta.get_field(name)
    except FieldDoesNotExist:
        raise where.error("an organization has no such field") from None
    if isinstance(value, dict):
        return records.convert(value, Day, where)
    try:
        return model_field.to_python(value)
    except ValidationError as error:
        raise where.error(" ".join(error.messages)) from None


def load(today: datetime.date | None = None) -> FundingSummary:
    """Bring the featured organizations to their stage and write the member's results."""
    today = today or timezone.localdate()
    data = funding_data()
    types = {t.code: t for t in RecognitionType.objects.all()}
    organizations = [_apply(stage, types, today) for stage in data.stages]
    search.reindex(organizations)
    ready = organizations[data.stages.index(data.stage(data.progress.stage))]
    results = _history(ready, today, data.progress)
    watched = _watch_list(ready, data)
    return FundingSummary(organizations=len(organizations), results=results, watched=watched)


def _apply(stage: Stage, types: dict, today: datetime.date) -> Organization:
    org = Organization.objects.get(name=stage.organization)
    values = stage.fields(today)
    values["legal_form"] = LegalForm.objects.filter(code=stage.legal_form).first()
    least = stage.min_members
    if least and (org.members_count or 0) < least.at_least:
        values["members_count"] = least.otherwise
    for name, value in values.items():
        setattr(org, name, value)
    org.save(update_fields=list(values))
    for r in stage.recognitions:
        Recognition.objects.update_or_create(
            organization=org,
            type=types[r.type],
            defaults={
                "authority": r.authority,
                "granted_on": r.granted_on.of(today) if r.granted_on else None,
                "valid_until": r.valid_until.of(today) if r.valid_until else None,
            },
        )
    org.recognitions.exclude(type__code__in=[r.type for r in stage.recognitions]).delete()
    if stage.description:
        org.description = stage.description
        org.save(update_fields=["description"])
        org.translations.all().delete()
    if stage.add_fields:
        org.fields.add(*FieldOfActivity.objects.filter(code__in=stage.add_fields))
    if stage.no_funding:
        org.funding_sources.all().delete()
    return org


def _watch_list(org: Organization, data: Funding) -> int:
    member = get_user_model().objects.filter(email=data.progress.person.email).first()
    if member is None:
        return 0
    for programme in Programme.objects.filter(code__in=data.watched):
        WatchedProgramme.objects.get_or_create(
            user=member, programme=programme, defaults={"organization": org}
        )
    return WatchedProgramme.objects.filter(user=member).count()


def _history(org: Organization, today: datetime.date, progress: Progress) -> int:
    """Before the new notice, and today: each check's result, written once per check."""
    by = get_user_model().objects.filter(email=progress.person.email).first()
    earlier = today - datetime.timedelta(days=progress.earlier_days_ago)
    now = profile_facts(org, as_of=today)
    before = now | {"charitable_notice_on": progress.old_notice}
    for check in ReadinessCheck.objects.filter(code__in=progress.checks):
        version = check.current_rules
        if version is None:
            continue
        done = ReadinessResult.objects.filter(organization=org, rule_version__readiness_check=check)
        if done.exists():
            continue
        for day, facts, hour in ((earlier, before, 18), (today, now, 9)):
            result = services.save_result(org, version, facts, as_of=day, by=by)
            ReadinessResult.objects.filter(pk=result.pk).update(created_at=at(day, hour, 30))
    return ReadinessResult.objects.filter(organization=org).count()
