"""The rooms themselves: an agency's staff create and change them, audited."""

from __future__ import annotations

from django.db import transaction

from gemeinsam.core import audit, content
from gemeinsam.core.enums import AuditAction

from ..models import Room


def save_room(
    room: Room, *, agency, changes: dict[str, str], by, minor_edit_of: dict | None = None
) -> Room:
    """Create or change a room of the agency; `changes` are the fields that changed, with their
    new values as shown (for the audit entry). `minor_edit_of` holds the German texts as they
    were before a minor edit (a typo): their translations stay up to date."""
    with transaction.atomic():
        created = room.pk is None
        room.agency = agency
        room.save()
        before = {k: v for k, v in (minor_edit_of or {}).items() if getattr(room, k) != v}
        if before and not created:
            content.minor_edit(room, before)
        audit.record(
            by=by,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            obj=room,
            changes={name: [None, value] for name, value in changes.items()},
        )
    return room
