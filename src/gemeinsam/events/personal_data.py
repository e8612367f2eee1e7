"""Event registrations and their answers, for the registry of personal data
(`core.personal_data`).

A registration is the event's agency's record, so an agency exports and erases the
registrations for its own events. A person's registrations are those of their account or of one
of their addresses. Erased, a registration still counts (places, attendance, figures) but names
nobody: no name, address, organization name or answers, and its personal link no longer opens.
"""

from django.db.models import Q

from gemeinsam.core import audit, personal_data
from gemeinsam.core.personal_data import DataSubject, Scope, choice, matches_email

from .models import Answer, Registration, RegistrationGroup, new_token


def _registrations(subject: DataSubject, scope: Scope):
    found = matches_email("email", subject.emails)
    if subject.user is not None:
        found |= Q(user=subject.user)
    registrations = Registration.objects.filter(found)
    if not scope.everything:
        registrations = registrations.filter(event__agency_id__in=scope.agency_ids)
    return registrations


def _groups(subject: DataSubject, scope: Scope):
    found = matches_email("contact_email", subject.emails)
    if subject.user is not None:
        found |= Q(booked_by=subject.user)
    groups = RegistrationGroup.objects.filter(found)
    if not scope.everything:
        groups = groups.filter(event__agency_id__in=scope.agency_ids)
    return groups


def export(subject: DataSubject, scope: Scope) -> dict:
    registrations = (
        _registrations(subject, scope)
        .select_related("event", "event__agency", "organization")
        .prefetch_related("answers__question")
        .order_by("event__starts_at", "id")
    )
    return {
        "event_registrations": [
            {
                "event": r.event.title,
                "agency": r.event.agency.name,
                "starts_at": r.event.starts_at,
                "name": r.name,
                "email": r.email,
                "organization": r.organization_label,
                "status": choice(r, "status"),
                "registered_at": r.created_at,
                "answers": [
                    {"question": a.question.label, "answer": a.value} for a in r.answers.all()
                ],
            }
            for r in registrations
        ]
    }


def erase(subject: DataSubject, scope: Scope) -> int:
    ids = list(_registrations(subject, scope).values_list("pk", flat=True))
    audit.forget("events.registration", ids)
    for pk in ids:
        # A placeholder address unique to the row: an event allows one active registration
        # per address.
        Registration.objects.filter(pk=pk).update(
            name="",
            email=f"erased-{pk}@erased.invalid",
            organization_name="",
            user=None,
            token=new_token(),
        )
    Answer.objects.filter(registration_id__in=ids).delete()
    groups = list(_groups(subject, scope).values_list("pk", flat=True))
    for pk in groups:
        RegistrationGroup.objects.filter(pk=pk).update(
            contact_email=f"erased-group-{pk}@erased.invalid", booked_by=None, token=new_token()
        )
    return len(ids) + len(groups)


personal_data.register(
    "events",
    models=["events.Registration", "events.Answer", "events.RegistrationGroup"],
    export=export,
    erase=erase,
    per_agency=True,
    order=30,
)
personal_data.not_personal("events.Event", "the name of an event's venue")
personal_data.not_personal(
    "events.Speaker",
    "a speaker's name as published in an event's programme, with no account or address to "
    "find it by; the event's staff correct or remove it on the event",
)
