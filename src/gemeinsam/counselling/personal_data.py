"""What counselling holds about a person, for the registry of personal data (`core.personal_data`).

A person is reached through their counselling record (`Contact`); what an agency holds are the
requests and cases with it. Exports are built by `gdpr.counselling_sections`, erasure is
`services.gdpr.erase_contact` for each of the person's records.
"""

from gemeinsam.core import personal_data
from gemeinsam.core.personal_data import DataSubject, Scope

from . import gdpr, services
from .models import Contact


def erase(subject: DataSubject, scope: Scope) -> int:
    contacts = Contact.objects.filter(
        pk__in=subject.records_of("counselling.contact"), anonymised_at__isnull=True
    )
    erased = 0
    for contact in contacts.order_by("pk"):
        services.gdpr.erase_contact(contact, by=scope.viewer, agency_ids=scope.agency_ids)
        erased += 1
    return erased


personal_data.register(
    "counselling",
    models=[
        f"counselling.{name}"
        for name in (
            "Contact",
            "ConsentRecord",
            "Request",
            "Forwarding",
            "Case",
            "Session",
            "Note",
            "Task",
            "Document",
            "Outcome",
            "Appointment",
            "BreakGlass",
            "AccessLogEntry",
        )
    ],
    export=gdpr.counselling_sections,
    erase=erase,
    per_agency=True,
    order=10,
)
