"""Mandates, for the registry of personal data (`core.personal_data`).

A mandate is the record of the agency that keeps the committee: it names the person who is
interested in, on the way to, or holding a seat. An agency exports and erases the mandates of
its own committees. Erasing keeps that a seat was held (the register's history) but no longer
says by whom, nor the staff's note.
"""

from django.db.models import Q

from gemeinsam.core import audit, personal_data
from gemeinsam.core.personal_data import DataSubject, Scope, choice

from .models import Mandate


def _mandates(subject: DataSubject, scope: Scope):
    match = Q(holder_name__in=list(subject.names)) if subject.names else Q(pk__in=[])
    if subject.user is not None:
        match |= Q(user=subject.user)
    mandates = Mandate.objects.filter(match)
    if not scope.everything:
        mandates = mandates.filter(seat__committee__agency_id__in=scope.agency_ids)
    return mandates


def export(subject: DataSubject, scope: Scope) -> dict:
    mandates = _mandates(subject, scope).select_related(
        "seat", "seat__committee", "seat__committee__agency", "organization"
    )
    return {
        "committee_mandates": [
            {
                "committee": m.seat.committee.name,
                "agency": m.seat.committee.agency.name,
                "seat": m.seat.label,
                "role": choice(m, "role"),
                "person": m.holder_name,
                "on_behalf_of": m.organization.name if m.organization else "",
                "status": choice(m, "status"),
                "appointed_on": m.appointed_on,
                "ended_on": m.ended_on,
                "note": m.note,
            }
            for m in mandates.order_by("id")
        ]
    }


def erase(subject: DataSubject, scope: Scope) -> int:
    mandates = _mandates(subject, scope)
    audit.forget("committees.mandate", mandates.values_list("pk", flat=True))
    return mandates.update(holder_name="", user=None, note="")


personal_data.register(
    "committees",
    models=["committees.Mandate"],
    export=export,
    erase=erase,
    per_agency=True,
    order=45,
)
personal_data.not_personal("committees.Body", "a municipality's, district's or Land's name")
personal_data.not_personal("committees.Committee", "a committee's name")
personal_data.not_personal("committees.LegislativeTerm", "a term's name")
