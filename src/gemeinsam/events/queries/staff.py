"""The agency staff's event pages: their events, fetched through the person, each in a fixed
number of queries."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from gemeinsam.accounts.rules import is_platform_admin
from gemeinsam.agencies.models import Agency, Project

from ..models import Event


def events_of_agencies(user) -> QuerySet[Event]:
    """Every event (drafts too) of the agencies the person works for; all for admins."""
    if is_platform_admin(user):
        return Event.objects.all()
    return Event.objects.filter(
        agency__in=user.staff_memberships.filter(is_active=True).values("agency")
    )


def event_for(user, slug: str, perm: str) -> Event:
    """What every staff page of an event does first: the event, fetched through the person.

    Someone who works for another agency (or for none) gets 404, so outsiders never learn that
    an event exists; someone who sees it without the permission gets 403.
    """
    events = events_of_agencies(user).select_related("agency", "project")
    event = get_object_or_404(events, slug=slug)
    if not user.has_perm(perm, event):
        raise PermissionDenied
    return event


def agencies_for_events(user) -> QuerySet[Agency]:
    """The agencies the person may create events for."""
    agencies = Agency.objects.filter(is_active=True)
    if is_platform_admin(user):
        return agencies
    return agencies.filter(staff__user=user, staff__is_active=True).distinct()


def projects_of_agencies(user) -> QuerySet[Project]:
    if is_platform_admin(user):
        return Project.objects.all()
    return Project.objects.filter(
        agency__in=user.staff_memberships.filter(is_active=True).values("agency")
    )


def managed_events(user, *, past: bool = False, now=None) -> QuerySet[Event]:
    """The manage list: upcoming (soonest first) or past (latest first), with counts."""
    now = now or timezone.now()
    events = events_of_agencies(user).select_related("agency", "project")
    events = events.annotate(
        waiting=Count("registrations", filter=Q(registrations__status="waitlisted")),
        pending=Count("registrations", filter=Q(registrations__status="pending")),
    )
    if past:
        return events.filter(ends_at__lt=now).order_by("-starts_at", "-id")
    return events.filter(ends_at__gte=now).order_by("starts_at", "id")
