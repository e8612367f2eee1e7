"""Memberships and invitations, for the registry of personal data (`core.personal_data`).

Acting for an organization is the person's and the platform's record, not an agency's: it is
covered when the person (or the platform) asks for everything.
"""

from gemeinsam.core import audit, personal_data
from gemeinsam.core.personal_data import DataSubject, Scope, choice, matches_email

from .models import Invitation, OrganizationMembership


def _memberships(subject: DataSubject):
    if subject.user is None:
        return OrganizationMembership.objects.none()
    return OrganizationMembership.objects.filter(user=subject.user)


def _invitations(subject: DataSubject):
    return Invitation.objects.filter(matches_email("email", subject.emails))


def export(subject: DataSubject, scope: Scope) -> dict:
    memberships = _memberships(subject).select_related("organization")
    invitations = _invitations(subject).select_related("organization")
    return {
        "organization_memberships": [
            {
                "organization": m.organization.name,
                "role": choice(m, "role"),
                "status": choice(m, "status"),
                "message": m.message,
                "since": m.created_at,
            }
            for m in memberships.order_by("organization__name", "id")
        ],
        "invitations": [
            {
                "organization": i.organization.name,
                "email": i.email,
                "role": choice(i, "role"),
                "sent_at": i.created_at,
                "accepted_at": i.accepted_at,
            }
            for i in invitations.order_by("created_at", "id")
        ],
    }


def erase(subject: DataSubject, scope: Scope) -> int:
    memberships = _memberships(subject)
    audit.forget("organizations.organizationmembership", memberships.values_list("pk", flat=True))
    invitations = _invitations(subject)
    audit.forget("organizations.invitation", invitations.values_list("pk", flat=True))
    deleted, _by_model = memberships.delete()
    removed, _by_model = invitations.delete()
    return deleted + removed


personal_data.register(
    "organizations",
    models=["organizations.OrganizationMembership", "organizations.Invitation"],
    export=export,
    erase=erase,
    per_agency=False,
    order=70,
)
personal_data.not_personal(
    "organizations.Organization",
    "an organization's profile; the contact person, address and phone it gives are its own "
    "public details, kept and erased by the organization",
)
personal_data.not_personal(
    "organizations.ImportBatch", "the file name of an uploaded list of organizations"
)
