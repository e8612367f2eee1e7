"""Permission-matrix cases for the directory: profiles, changes, members, claims, invitations,
import and export (see tests/matrix/__init__.py). A private profile is 404 for outsiders."""

from django.core.files.base import ContentFile

from gemeinsam.organizations.enums import MembershipStatus
from gemeinsam.organizations.models import ImportBatch, Invitation
from tests import factories
from tests.matrix import LOGIN, Case, everyone, logged_in, staff_only


def _pending_claim(w):
    claimant = factories.make_user("claimant@example.org")
    return factories.make_membership(w.org_b, claimant, status=MembershipStatus.PENDING)


def _import_batch(w):
    return ImportBatch.objects.create(
        original_name="liste.csv",
        uploaded_by=w.advisor_x,
        mapping=["name"],
        file=ContentFile(b"Name\r\nVerein\r\n", name="liste.csv"),
    )


def _invitation(w):
    return Invitation.objects.create(
        organization=w.org_b, email="member.a@example.org", role="member", invited_by=w.member_b
    )


org_a_private = {
    "anonymous": 404,
    "member_a": 200,
    "member_b": 404,
    "advisor_x": 200,
    "advisor_y": 200,
    "manager_x": 200,
    "admin": 200,
}
change_org_a = {
    "anonymous": LOGIN,
    "member_a": 200,
    "member_b": 404,
    "advisor_x": 200,
    "advisor_y": 200,
    "manager_x": 200,
    "admin": 200,
}
change_org_b = {
    "anonymous": LOGIN,
    "member_a": 403,
    "member_b": 200,
    "advisor_x": 200,
    "advisor_y": 200,
    "manager_x": 200,
    "admin": 200,
}

CASES = [
    # Directory
    Case("organizations:organization-list", everyone(200)),
    Case(
        "organizations:organization-list",
        everyone(200),
        query="?q=jugend&kind=migrant_org",
        label="search",
    ),
    Case(
        "organizations:organization-detail",
        org_a_private,
        kwargs=lambda w: {"slug": w.org_a.slug},
        label="private A",
    ),
    Case(
        "organizations:organization-detail",
        everyone(200),
        kwargs=lambda w: {"slug": w.org_b.slug},
        label="public B",
    ),
    Case("organizations:organization-create", logged_in(200)),
    Case(
        "organizations:organization-update",
        change_org_a,
        kwargs=lambda w: {"slug": w.org_a.slug},
        label="private A",
    ),
    Case(
        "organizations:organization-update",
        change_org_b,
        kwargs=lambda w: {"slug": w.org_b.slug},
        label="public B",
    ),
    Case(
        "organizations:organization-confirm",
        {
            **change_org_b,
            "member_b": 302,
            "advisor_x": 302,
            "advisor_y": 302,
            "manager_x": 302,
            "admin": 302,
        },
        kwargs=lambda w: {"slug": w.org_b.slug},
        method="post",
    ),
    Case(
        "organizations:organization-claim",
        {
            "anonymous": LOGIN,
            "member_a": 200,
            "member_b": 403,
            "advisor_x": 200,
            "advisor_y": 200,
            "manager_x": 200,
            "admin": 200,
        },
        kwargs=lambda w: {"slug": w.org_b.slug},
        label="public B",
    ),
    Case(
        "organizations:organization-claim",
        {
            "anonymous": LOGIN,
            "member_a": 403,
            "member_b": 404,
            "advisor_x": 200,
            "advisor_y": 200,
            "manager_x": 200,
            "admin": 200,
        },
        kwargs=lambda w: {"slug": w.org_a.slug},
        label="private A",
    ),
    Case("organizations:member-list", change_org_a, kwargs=lambda w: {"slug": w.org_a.slug}),
    Case(
        "organizations:member-change",
        {
            **change_org_a,
            "member_a": 302,
            "advisor_x": 302,
            "advisor_y": 302,
            "manager_x": 302,
            "admin": 302,
        },
        kwargs=lambda w: {"slug": w.org_a.slug, "pk": w.org_a.memberships.get().pk},
        method="post",
        data=lambda w: {"role": "admin"},
    ),
    Case(
        "organizations:invitation-accept",
        logged_in(200),
        kwargs=lambda w: {"token": _invitation(w).token},
    ),
    Case("organizations:claim-list", staff_only()),
    Case(
        "organizations:claim-decide",
        staff_only(302),
        kwargs=lambda w: {"pk": _pending_claim(w).pk},
        method="post",
        data=lambda w: {"decision": "accept"},
    ),
    # Import and export: an upload holds contact data, so only its uploader may open it.
    Case("organizations:import-upload", staff_only()),
    Case("organizations:organization-export", staff_only(), kwargs=lambda w: {"fmt": "csv"}),
    Case(
        "organizations:organization-export",
        {**staff_only(404), "anonymous": LOGIN},
        kwargs=lambda w: {"fmt": "pdf"},
        label="unknown format",
    ),
    Case(
        "organizations:import-preview",
        {**staff_only(404), "advisor_x": 200},
        kwargs=lambda w: {"pk": _import_batch(w).pk},
    ),
    Case(
        "organizations:import-apply",
        {**staff_only(404), "advisor_x": 302},
        kwargs=lambda w: {"pk": _import_batch(w).pk},
        method="post",
    ),
    # The translation editor reaches a profile through the registry: who may see it, and of
    # those who may change it (its admins, agency staff, platform admins).
    Case(
        "translations:item-edit",
        {
            "anonymous": LOGIN,
            "member_a": 200,
            "member_b": 404,
            "advisor_x": 200,
            "advisor_y": 200,
            "manager_x": 200,
            "admin": 200,
        },
        kwargs=lambda w: {
            "label": "organizations.organization",
            "pk": w.org_a.pk,
            "language": "ar",
        },
        label="private organization",
    ),
]
