"""Tandem applications, for the registry of personal data (`core.personal_data`).

An application is the applying organization's, written by one of its members, who may name a
contact person. It belongs to the person and the platform (not to an agency): the person's own
export lists the applications they wrote; erasing them keeps the application (the
organization's) but drops who wrote it and the contact's name and address.
"""

from gemeinsam.core import audit, personal_data
from gemeinsam.core.personal_data import DataSubject, Scope, choice

from .models import TandemApplication


def _applications(subject: DataSubject, scope: Scope):
    if subject.user is None:
        return TandemApplication.objects.none()
    return TandemApplication.objects.filter(created_by=subject.user)


def export(subject: DataSubject, scope: Scope) -> dict:
    applications = _applications(subject, scope).select_related("call", "organization")
    return {
        "tandem_applications": [
            {
                "call": a.call.title,
                "organization": a.organization.name,
                "status": choice(a, "status"),
                "contact_name": a.contact_name,
                "contact_email": a.contact_email,
                "created_at": a.created_at,
            }
            for a in applications.order_by("created_at", "pk")
        ]
    }


def erase(subject: DataSubject, scope: Scope) -> int:
    applications = _applications(subject, scope)
    audit.forget("tandems.tandemapplication", applications.values_list("pk", flat=True))
    return applications.update(created_by=None, contact_name="", contact_email="")


personal_data.register(
    "tandems",
    models=["tandems.TandemApplication"],
    export=export,
    erase=erase,
    per_agency=False,
    order=70,
)
personal_data.not_personal("tandems.TandemCall", "a call's title")
personal_data.not_personal("tandems.ApplicationDocument", "an uploaded file's name")
