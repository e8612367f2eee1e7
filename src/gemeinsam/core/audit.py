"""Writing the audit log. Services call `record()` inside their transaction, so a change and its
log entry are committed together or not at all.

Apps whose records are confidential (counselling) say so with `keep_confidential()`: entries
about their objects name them by id only, and the admin shows platform admins no more.
`forget()` takes personal data out of earlier entries when a person is erased.
"""

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


_confidential_apps: set[str] = set()
# Change keys whose values may be about a person; `forget()` blanks them.
PERSONAL_KEYS = {
    "title",
    "name",
    "email",
    "phone",
    "participants",
    "description",
    "reason",
    "break_glass",
    "file",
    "comment",
    "note",
    "contact_name",
    "contact_email",
}
FORGOTTEN = "(anonymised)"


def keep_confidential(app_label: str) -> None:
    """Entries about this app's objects carry ids, never what the objects say."""
    _confidential_apps.add(app_label)


def is_confidential(object_type: str) -> bool:
    return object_type.partition(".")[0] in _confidential_apps


def id_repr(obj: models.Model) -> str:
    return f"{obj._meta.model_name} #{obj.pk}"


def record(
    *, by, action: AuditAction | str, obj: models.Model, changes: dict | None = None
) -> AuditLogEntry:
    object_type = obj._meta.label_lower
    return AuditLogEntry.objects.create(
        actor=by if getattr(by, "is_authenticated", False) else None,
        action=str(action),
        object_type=object_type,
        object_id=str(obj.pk),
        object_repr=id_repr(obj) if is_confidential(object_type) else str(obj)[:200],
        changes=changes or {},
    )


def forget(object_type: str, object_ids) -> int:
    """Earlier entries about these objects keep who did what and when, but no personal data:
    they name the object by id, and values under personal keys are blanked."""
    entries = AuditLogEntry.objects.filter(
        object_type=object_type, object_id__in=[str(pk) for pk in object_ids]
    )
    count = 0
    for entry in entries.only("pk", "object_type", "object_id", "changes"):
        changes = {
            key: ([FORGOTTEN, FORGOTTEN] if key in PERSONAL_KEYS else value)
            for key, value in (entry.changes or {}).items()
        }
        model_name = entry.object_type.partition(".")[2]
        count += AuditLogEntry.objects.filter(pk=entry.pk).update(
            object_repr=f"{model_name} #{entry.object_id}", changes=changes
        )
    return count
