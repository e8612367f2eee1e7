"""Calls: an agency's staff create and change them, audited."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from django.db import transaction

from gemeinsam.core import audit, content
from gemeinsam.core.enums import AuditAction
from gemeinsam.core.slugs import unique_slug
from gemeinsam.organizations.models import FieldOfActivity

from ..inputs import (
    CallInput,
    Invalid,
    call_problems,
)
from ..models import TandemCall

CALL_COLUMNS = [
    "title",
    "description",
    "programme_id",
    "funder",
    "budget",
    "max_grant",
    "regions",
    "opens_on",
    "closes_on",
    "project_starts_on",
    "project_ends_on",
    "mode",
    "required_documents",
    "questions",
    "is_published",
    "pairs_within_land",
]


def _plain(value):
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return value.isoformat() if hasattr(value, "isoformat") else value


def save_call(
    agency, data: CallInput, *, by, call: TandemCall | None = None, minor_edit: bool = False
) -> TandemCall:
    """Create a call of the agency or change one; writes only the input's columns."""
    problems = call_problems(data)
    if problems:
        raise Invalid(problems)
    with transaction.atomic():
        created = call is None
        call = call or TandemCall(agency=agency)
        before = {name: getattr(call, name, None) for name in CALL_COLUMNS} if not created else {}
        german_before = {f: getattr(call, f) for f in TandemCall.translated_fields}
        values = dataclasses.asdict(data)
        for name in CALL_COLUMNS:
            setattr(call, name, list(values["regions"]) if name == "regions" else values[name])
        if created:
            call.slug = unique_slug(
                data.slug or data.title,
                taken=TandemCall.objects.filter(agency=agency),
                fallback="call",
                max_length=80,
            )
        call.save()
        call.fields.set(FieldOfActivity.objects.filter(pk__in=data.field_ids))
        if minor_edit and not created:
            changed = {f: v for f, v in german_before.items() if getattr(call, f) != v}
            if changed:
                content.minor_edit(call, changed)
        changes = {
            name: [_plain(before.get(name)), _plain(getattr(call, name))]
            for name in CALL_COLUMNS
            if created or before.get(name) != getattr(call, name)
        }
        audit.record(
            by=by,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            obj=call,
            changes=changes,
        )
    return call
