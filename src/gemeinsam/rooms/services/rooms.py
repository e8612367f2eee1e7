"""The rooms themselves: an agency's staff create and change them, audited."""

from __future__ import annotations

from django.db import transaction

from gemeinsam.core import audit
from gemeinsam.core.enums import AuditAction

from ..models import Room


def save_room(room: Room, *, agency, changes: dict[str, str], by) -> Room:
    """Create or change a room of the agency; `changes` are the fields that changed, with their
    new values as shown (for the audit entry)."""
    with transaction.atomic():
        created = room.pk is None
        room.agency = agency
        room.save()
        audit.record(
            by=by,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            obj=room,
            changes={name: [None, value] for name, value in changes.items()},
        )
    return room
