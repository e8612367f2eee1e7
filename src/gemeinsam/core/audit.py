"""Writing the audit log. Services call `record()` inside their transaction, so a change and its
log entry are committed together or not at all."""

from __future__ import annotations

import datetime
import decimal
from typing import Any

from django.db import models

from .enums import AuditAction
from .models import AuditLogEntry


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime.date | datetime.datetime | decimal.Decimal):
        return str(value)
    if isinstance(value, list | tuple | set):
        return sorted(_plain(v) for v in value)
    return value


def snapshot(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    return {name: _plain(getattr(instance, name)) for name in fields}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Only the fields that changed, each as [old, new]."""
    return {k: [before.get(k), after[k]] for k in after if before.get(k) != after[k]}


def record(
    *, actor, action: AuditAction | str, obj: models.Model, changes: dict | None = None
) -> AuditLogEntry:
    return AuditLogEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=str(action),
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        changes=changes or {},
    )
