"""An event's participants as staff read them: with organizations, groups and answers, and
the list's filters."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from gemeinsam.organizations.models import Organization

from ..models import Answer, Event, Registration


def participants(event: Event) -> QuerySet[Registration]:
    """An event's registrations with their organization, group and answers."""
    return (
        event.registrations.select_related("organization", "group")
        .prefetch_related(Prefetch("answers", queryset=Answer.objects.select_related("question")))
        .order_by("name", "id")
    )


def filter_participants(registrations: QuerySet[Registration], data: dict) -> QuerySet:
    if data.get("status"):
        registrations = registrations.filter(status=data["status"])
    if data.get("organization"):
        registrations = registrations.filter(organization_id=data["organization"])
    attended = data.get("attended")
    if attended == "yes":
        registrations = registrations.filter(attended=True)
    elif attended == "no":
        registrations = registrations.filter(attended=False)
    elif attended == "unknown":
        registrations = registrations.filter(attended__isnull=True)
    for word in (data.get("q") or "").split()[:5]:
        registrations = registrations.filter(Q(name__icontains=word) | Q(email__icontains=word))
    return registrations


def participant_organizations(event: Event) -> QuerySet[Organization]:
    """The organizations people registered for, for the filter's choices."""
    return (
        Organization.objects.filter(event_registrations__event=event)
        .distinct()
        .only("pk", "name")
        .order_by("name")
    )


def answers_by_question(registration: Registration) -> dict[int, str]:
    return {answer.question_id: answer.display for answer in registration.answers.all()}
