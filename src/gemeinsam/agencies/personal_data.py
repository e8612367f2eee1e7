"""Staff memberships, for the registry of personal data (`core.personal_data`).

Working for an agency is the person's and the platform's record (an agency does not erase its
own staff through a client's erasure), so it is covered when everything is asked for.
"""

from gemeinsam.core import audit, personal_data
from gemeinsam.core.personal_data import DataSubject, Scope, choice

from .models import StaffMembership


def _memberships(subject: DataSubject):
    if subject.user is None:
        return StaffMembership.objects.none()
    return StaffMembership.objects.filter(user=subject.user).select_related("agency")


def export(subject: DataSubject, scope: Scope) -> dict:
    return {
        "staff_memberships": [
            {
                "agency": m.agency.name,
                "role": choice(m, "role"),
                "active": m.is_active,
                "title_shown": m.public_title,
                "phone_shown": m.public_phone,
                "email_shown": m.public_email,
                "since": m.created_at,
            }
            for m in _memberships(subject).order_by("agency__name", "id")
        ]
    }


def erase(subject: DataSubject, scope: Scope) -> int:
    memberships = _memberships(subject)
    audit.forget("agencies.staffmembership", memberships.values_list("pk", flat=True))
    return memberships.update(
        is_active=False, is_public_contact=False, public_title="", public_phone="", public_email=""
    )


personal_data.register(
    "agencies",
    models=["agencies.StaffMembership"],
    export=export,
    erase=erase,
    per_agency=False,
    order=80,
)
personal_data.not_personal(
    "agencies.Agency", "an agency's own name and office address, phone and email"
)
