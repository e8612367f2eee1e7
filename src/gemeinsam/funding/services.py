"""Writes in funding: new rule versions (validated, never edited) and stored results."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Max

from gemeinsam.core import audit
from gemeinsam.core.enums import AuditAction

from . import ruledoc
from .facts import clean_facts
from .models import Programme, ReadinessCheck, ReadinessResult, RuleVersion


@transaction.atomic
def store_rules(owner: Programme | ReadinessCheck, document: dict, *, by=None) -> RuleVersion:
    """Validate and store `document` as the owner's next rule version.

    Raises ruledoc.RuleError and stores nothing when the document is broken. Storing the same
    document again changes nothing and returns the current version. Side effect: an audit entry.
    """
    ruledoc.validate(document)
    owner_field = "programme" if isinstance(owner, Programme) else "readiness_check"
    versions = RuleVersion.objects.select_for_update().filter(**{owner_field: owner})
    current = versions.order_by("-number").first()
    if current is not None and current.document == document:
        return current
    number = (versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = RuleVersion.objects.create(
        **{owner_field: owner}, number=number, document=document, created_by=by
    )
    audit.record(actor=by, action=AuditAction.UPDATE, obj=owner, changes={"rules": [None, number]})
    return version


def evaluate(version: RuleVersion, answers: dict, *, as_of: datetime.date) -> ruledoc.Result:
    """Answers (checked: impossible ones raise FactError) against one rule version."""
    return ruledoc.evaluate(version.document, clean_facts(answers, as_of=as_of), as_of=as_of)


@transaction.atomic
def save_result(
    organization, version: RuleVersion, answers: dict, *, as_of: datetime.date, by=None
) -> ReadinessResult:
    """Store a check's result for an organization, naming the rule version that produced it."""
    facts = clean_facts(answers, as_of=as_of)
    result = ruledoc.evaluate(version.document, facts, as_of=as_of)
    return ReadinessResult.objects.create(
        organization=organization,
        rule_version=version,
        facts={name: _plain(value) for name, value in facts.items()},
        statuses={r.key: r.status for r in result.requirements},
        status=result.status,
        as_of=as_of,
        created_by=by,
    )


def _plain(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool | int | str):
        return value
    return str(value)
