"""Where an organization stands on a guide: each step bound to a readiness check's requirement
is done, missing or unknown for it, under the check's current rule version.

The facts are the ones the check itself reads: what the directory profile says
(`funding.profile`), and for the rest the answers the organization last kept with that check
(its latest `ReadinessResult`). The profile wins where both speak, since it is kept up to date
while a kept result is a picture of its day. A fact that no longer fits is left out: unknown,
never "not met". Three queries for any number of steps and checks: the organization with its
legal form, its recognitions, and its latest results (the rule versions come with the guide).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch

from gemeinsam.funding import ruledoc
from gemeinsam.funding.facts import FactError, clean_facts
from gemeinsam.funding.models import ReadinessResult
from gemeinsam.funding.profile import profile_facts
from gemeinsam.organizations.models import Organization, Recognition

from .enums import StepState
from .models import Step

STATE_OF = {
    ruledoc.MET: StepState.DONE,
    ruledoc.NOT_MET: StepState.MISSING,
    ruledoc.UNKNOWN: StepState.UNKNOWN,
}


@dataclass(frozen=True)
class StepProgress:
    state: str  # a StepState
    next_step: str  # what to do next, in the reader's language ("" when done)
    met_on: datetime.date | None = None  # when time alone meets it


def organization_for_progress(organization_id: int) -> Organization:
    """The organization with what `profile_facts` reads, in two queries."""
    return (
        Organization.objects.select_related("legal_form")
        .prefetch_related(
            Prefetch("recognitions", queryset=Recognition.objects.select_related("type"))
        )
        .get(pk=organization_id)
    )


def _facts(organization: Organization, saved: dict, as_of: datetime.date) -> dict:
    facts = {**saved, **profile_facts(organization, as_of=as_of)}
    try:
        return clean_facts(facts, as_of=as_of)
    except FactError as error:
        kept = {name: value for name, value in facts.items() if name not in error.problems}
        return clean_facts(kept, as_of=as_of)


def progress(
    steps: list[Step], organization: Organization, *, language: str, as_of: datetime.date
) -> dict[int, StepProgress]:
    """Step id → its progress, for the steps bound to a requirement (others are left out)."""
    bound = [s for s in steps if s.readiness_check_id and s.requirement_key]
    checks = {s.readiness_check_id: s.readiness_check for s in bound}
    if not checks:
        return {}
    latest: dict[int, dict] = {}
    results = ReadinessResult.objects.filter(
        organization=organization, rule_version__readiness_check_id__in=list(checks)
    ).values_list("rule_version__readiness_check_id", "facts")
    for check_id, facts in results.order_by("-created_at", "-id"):
        latest.setdefault(check_id, facts)
    evaluated: dict[int, dict[str, ruledoc.RequirementResult]] = {}
    for check_id, check in checks.items():
        version = check.current_rules
        if version is None:
            continue
        facts = _facts(organization, latest.get(check_id, {}), as_of)
        result = ruledoc.evaluate(version.document, facts, as_of=as_of)
        evaluated[check_id] = {r.key: r for r in result.requirements}
    found = {}
    for step in bound:
        requirement = evaluated.get(step.readiness_check_id, {}).get(step.requirement_key)
        if requirement is None:
            continue
        state = STATE_OF[requirement.status]
        found[step.pk] = StepProgress(
            state=state,
            next_step="" if state == StepState.DONE else requirement.text("next_step", language),
            met_on=requirement.met_on,
        )
    return found
