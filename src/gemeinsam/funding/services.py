"""Writes in funding: new rule versions (validated, never edited), stored results, and the
watch list."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from gemeinsam.core import audit
from gemeinsam.core.enums import AuditAction
from gemeinsam.organizations.models import Organization
from gemeinsam.organizations.queries import memberships_of

from . import ruledoc
from .facts import clean_facts
from .models import Programme, ReadinessCheck, ReadinessResult, RuleVersion, WatchedProgramme


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
    audit.record(by=by, action=AuditAction.UPDATE, obj=owner, changes={"rules": [None, number]})
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
    # The organization's row is locked first, so two saves of the same check take turns in
    # handing on "latest" (PostgreSQL; SQLite's write transactions already do).
    list(Organization.objects.select_for_update().filter(pk=organization.pk).values_list("pk"))
    check_id = version.readiness_check_id
    ReadinessResult.objects.filter(
        organization=organization, readiness_check_id=check_id, is_latest=True
    ).update(is_latest=False)
    return ReadinessResult.objects.create(
        organization=organization,
        rule_version=version,
        readiness_check_id=check_id,
        is_latest=True,
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


def _own_organization(user, slug: str):
    """The organization with this slug if the user is an active member of it, else None."""
    membership = (
        memberships_of(user)
        .active()
        .filter(organization__slug=slug)
        .select_related("organization")
        .first()
    )
    return membership.organization if membership else None


def watch_programme(*, by, programme: Programme, organization_slug: str = "") -> WatchedProgramme:
    """Watch a programme, for one of one's organizations when `organization_slug` names one.

    Raises ValidationError (on `organization`) and changes nothing when the person is not a
    confirmed member of that organization. Watching again keeps the watch and moves it to the
    organization named; a watch sent twice at once is stored once.
    """
    organization = None
    if organization_slug:
        organization = _own_organization(by, organization_slug)
        if organization is None:
            raise ValidationError(
                {"organization": _("You can only watch for an organization you are a member of.")}
            )
    try:
        with transaction.atomic():
            watch, created = WatchedProgramme.objects.get_or_create(
                user=by, programme=programme, defaults={"organization": organization}
            )
    except IntegrityError:  # the same request sent twice at once: the other one stored it
        return WatchedProgramme.objects.get(user=by, programme=programme)
    if not created and organization is not None and watch.organization_id != organization.pk:
        watch.organization = organization
        watch.save(update_fields=["organization"])
    return watch


def stop_watching(*, by, programme: Programme) -> None:
    """Stop watching a programme; nothing happens when it was not watched."""
    WatchedProgramme.objects.filter(user=by, programme=programme).delete()
