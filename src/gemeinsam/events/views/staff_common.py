"""What every staff page of an event does first: fetch the event through the person asking.

Someone who works for another agency (or for none) gets 404, so outsiders never learn that an
event exists; the permission check behind it is the rules' answer (403).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .. import queries
from ..models import Event


def event_for(request, slug: str, perm: str) -> Event:
    event = get_object_or_404(
        queries.events_of_agencies(request.user).select_related("agency", "project"), slug=slug
    )
    if not request.user.has_perm(perm, event):
        raise PermissionDenied
    return event
