"""Writes. Each function is one transaction; its docstring names its side effects. A profile
comes in as an `OrganizationInput` (see `inputs`), never as a form."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gemeinsam.core import audit, content, inline, slugs
from gemeinsam.core.enums import AuditAction
from gemeinsam.core.localized import written

from . import search
from .enums import CONFIRMATION_INTERVAL_DAYS, MembershipRole, MembershipStatus
from .inputs import ORGANIZATION_COLUMNS, ORGANIZATION_LISTS, OrganizationInput
from .models import (
    PROFILE_FIELDS,
    FundingSource,
    Invitation,
    Organization,
    OrganizationMembership,
    Recognition,
)

# Every profile field, and when it was last confirmed; many-to-many fields are listed apart
# because they are compared as lists of codes.
AUDITED_M2M = ["fields", "target_groups", "languages"]
AUDITED_FIELDS = [f for f in PROFILE_FIELDS if f not in AUDITED_M2M] + ["last_confirmed_on"]
# The columns an `OrganizationInput` sets, by field name (`legal_form_id` is `legal_form`'s).
COLUMN_NAMES = [Organization._meta.get_field(name).name for name in ORGANIZATION_COLUMNS]


# Words that are routes under /organizations/, so no profile may take them as its slug.
RESERVED_SLUGS = frozenset({"new", "claims", "invitations", "import", "export"})


def unique_slug(name: str) -> str:
    return slugs.unique_slug(
        name,
        taken=Organization.objects.all(),
        fallback="organisation",
        max_length=100,
        reserved=RESERVED_SLUGS,
    )


def _state(org: Organization) -> dict:
    state = audit.snapshot(org, AUDITED_FIELDS)
    if org.pk:
        for name in AUDITED_M2M:
            state[name] = sorted(item.code for item in getattr(org, name).all())
        state["descriptions"] = written(org, "description")
    return state


def save_translations(org: Organization, texts: Mapping[str, str], *, by=None) -> None:
    """Stores the description's translations named in `texts` (German is the record's own
    field, written before). A text that did not change is left alone, so its outdated
    paragraphs stay outdated; a changed one is stored paragraph by paragraph against today's
    German (`content.set_texts`): a paragraph whose text changed counts as translated from
    today's German, the others keep the German they were made from. An emptied text removes
    the translation."""
    current = written(org, "description")
    for language, text in texts.items():
        if language == settings.LANGUAGE_CODE:
            continue
        if content.paragraphs(text) == content.paragraphs(current.get(language, "")):
            continue
        if content.paragraphs(text):
            content.set_texts(org, language, {"description": text}, by=by)
        else:
            org.translations.filter(field="description", language=language).delete()


def _write(org: Organization, data: OrganizationInput) -> None:
    for name in ORGANIZATION_COLUMNS:
        setattr(org, name, getattr(data, name))
    if settings.LANGUAGE_CODE in data.descriptions:
        org.description = data.descriptions[settings.LANGUAGE_CODE]


def _save_parts(org: Organization, data: OrganizationInput, *, by) -> None:
    """The lists, the recognitions and funding sources, and the description's translations."""
    for name in ORGANIZATION_LISTS:
        getattr(org, name).set(getattr(data, name))
    inline.save_rows(Recognition, data.recognitions, organization=org)
    inline.save_rows(FundingSource, data.funding_sources, organization=org)
    save_translations(org, data.descriptions, by=by)


@transaction.atomic
def create_organization(*, by, data: OrganizationInput, as_admin: bool) -> Organization:
    """Create an organization with its descriptions, recognitions and funding sources.

    Side effects: the creator becomes its admin (if `as_admin`), the search index and the audit
    log get a row each.
    """
    org = Organization(slug=unique_slug(data.name), last_confirmed_on=timezone.localdate())
    _write(org, data)
    org.full_clean()
    org.save()
    _save_parts(org, data, by=by)
    if as_admin:
        OrganizationMembership.objects.create(
            organization=org,
            user=by,
            role=MembershipRole.ADMIN,
            status=MembershipStatus.ACTIVE,
            decided_at=timezone.now(),
        )
    search.reindex([org])
    audit.record(by=by, action=AuditAction.CREATE, obj=org, changes=_state(org))
    return org


@transaction.atomic
def update_organization(*, by, organization: Organization, data: OrganizationInput) -> Organization:
    """Save an edited profile; only the fields `data` carries are written (not when it was
    last confirmed or reminded). A changed German description outdates the paragraphs of the
    translations it changed, unless `data.minor_edit` says it was a minor change (a typo):
    then the translations stay as current as they were. Side effects: search index, audit
    log with the changed fields."""
    org = Organization.objects.select_for_update().get(pk=organization.pk)
    before = _state(org)
    german = org.description
    _write(org, data)
    org.full_clean()
    org.save(update_fields=[*COLUMN_NAMES, "description", "updated_at"])
    if data.minor_edit and org.description != german:
        content.minor_edit(org, {"description": german})
    _save_parts(org, data, by=by)
    search.reindex([org])
    changes = audit.diff(before, _state(org))
    if changes:
        audit.record(by=by, action=AuditAction.UPDATE, obj=org, changes=changes)
    return org


@transaction.atomic
def confirm_profile(*, by, organization: Organization) -> None:
    """The admins say the profile is still right; the 12-month reminder starts again."""
    organization.last_confirmed_on = timezone.localdate()
    organization.confirmation_reminded_on = None
    organization.save(update_fields=["last_confirmed_on", "confirmation_reminded_on", "updated_at"])
    audit.record(
        by=by,
        action=AuditAction.UPDATE,
        obj=organization,
        changes={"last_confirmed_on": [None, str(organization.last_confirmed_on)]},
    )


def _mail(*, to: list[str], template: str, context: dict, language: str | None = None) -> None:
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        subject = render_to_string(f"organizations/mail/{template}_subject.txt", context).strip()
        body = render_to_string(f"organizations/mail/{template}.txt", context)
    send_mail(subject, body, None, to)


@transaction.atomic
def claim_organization(*, by, organization: Organization, message: str) -> OrganizationMembership:
    """Ask to act for an organization. Agency staff confirm it; until then nothing is granted."""
    membership, created = OrganizationMembership.objects.get_or_create(
        organization=organization,
        user=by,
        defaults={
            "role": MembershipRole.ADMIN,
            "status": MembershipStatus.PENDING,
            "message": message,
        },
    )
    if not created:
        if membership.status == MembershipStatus.ACTIVE:
            raise ValidationError(_("You already act for this organization."))
        membership.status = MembershipStatus.PENDING
        membership.message = message
        membership.save(update_fields=["status", "message"])
    audit.record(
        by=by,
        action=AuditAction.CREATE,
        obj=membership,
        changes={"status": MembershipStatus.PENDING},
    )
    return membership


@transaction.atomic
def decide_claim(
    *, by, membership: OrganizationMembership, accept: bool, request_base: str = ""
) -> OrganizationMembership:
    """Accept or decline a pending claim. Side effects: audit log, a mail to the claimant."""
    membership = OrganizationMembership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != MembershipStatus.PENDING:
        raise ValidationError(_("This request has already been decided."))
    membership.status = MembershipStatus.ACTIVE if accept else MembershipStatus.DECLINED
    membership.decided_at = timezone.now()
    membership.decided_by = by
    membership.save(update_fields=["status", "decided_at", "decided_by"])
    audit.record(
        by=by,
        action=AuditAction.GRANT if accept else AuditAction.REVOKE,
        obj=membership,
        changes={"status": [MembershipStatus.PENDING, membership.status]},
    )
    user = membership.user
    transaction.on_commit(
        lambda: _mail(
            to=[user.email],
            template="claim_decided",
            language=user.preferred_language,
            context={"membership": membership, "accepted": accept, "base": request_base},
        )
    )
    return membership


@transaction.atomic
def invite_member(
    *, by, organization: Organization, email: str, role: str, request_base: str = ""
) -> Invitation:
    """Invite a colleague by mail. Side effects: audit log, the invitation mail."""
    email = email.strip().lower()
    if organization.memberships.active().filter(user__email=email).exists():
        raise ValidationError(_("This person already acts for the organization."))
    invitation = Invitation.objects.create(
        organization=organization, email=email, role=role, invited_by=by
    )
    audit.record(by=by, action=AuditAction.CREATE, obj=invitation, changes={"role": role})
    link = request_base + reverse("organizations:invitation-accept", args=[invitation.token])
    transaction.on_commit(
        lambda: _mail(
            to=[email],
            template="invitation",
            context={"invitation": invitation, "link": link, "inviter": by},
        )
    )
    return invitation


@transaction.atomic
def accept_invitation(*, by, invitation: Invitation) -> OrganizationMembership:
    """Turn an open invitation into an active membership for the person logged in."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ValidationError(_("This invitation has expired or was already used."))
    if invitation.email.lower() != by.email.lower():
        raise PermissionDenied(_("This invitation was sent to another email address."))
    membership, _created = OrganizationMembership.objects.update_or_create(
        organization=invitation.organization,
        user=by,
        defaults={
            "role": invitation.role,
            "status": MembershipStatus.ACTIVE,
            "decided_at": timezone.now(),
            "decided_by": invitation.invited_by,
        },
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    audit.record(
        by=by,
        action=AuditAction.GRANT,
        obj=membership,
        changes={"role": invitation.role, "via": "invitation"},
    )
    return membership


@transaction.atomic
def change_member(
    *, by, membership: OrganizationMembership, role: str | None, remove: bool = False
) -> None:
    """Change a member's role or remove them; the last admin can be neither demoted nor removed."""
    membership = OrganizationMembership.objects.select_for_update().get(pk=membership.pk)
    org = membership.organization
    admins = org.memberships.active().filter(role=MembershipRole.ADMIN)
    losing_admin = membership.role == MembershipRole.ADMIN and (
        remove or role != MembershipRole.ADMIN
    )
    if losing_admin and admins.count() <= 1:
        raise ValidationError(_("An organization needs at least one administrator."))
    if remove:
        audit.record(
            by=by,
            action=AuditAction.REVOKE,
            obj=membership,
            changes={"role": [membership.role, None]},
        )
        membership.delete()
        return
    if role and role != membership.role:
        audit.record(
            by=by,
            action=AuditAction.UPDATE,
            obj=membership,
            changes={"role": [membership.role, role]},
        )
        membership.role = role
        membership.save(update_fields=["role"])


def remind_unconfirmed(*, today=None, base: str = "") -> int:
    """Mail the admins of every profile unconfirmed for 12 months, once per 30 days.

    Returns the number of organizations reminded. Run daily (`gemeinsam remind-unconfirmed`).
    """
    today = today or timezone.localdate()
    due = Organization.objects.filter(
        last_confirmed_on__lte=today - timedelta(days=CONFIRMATION_INTERVAL_DAYS)
    ).exclude(confirmation_reminded_on__gt=today - timedelta(days=30))
    count = 0
    for org in due.prefetch_related("memberships__user"):
        admins = [
            m.user
            for m in org.memberships.all()
            if m.role == MembershipRole.ADMIN and m.status == MembershipStatus.ACTIVE
        ]
        for admin in admins:
            _mail(
                to=[admin.email],
                template="confirm_reminder",
                language=admin.preferred_language,
                context={"organization": org, "base": base},
            )
        if admins:
            org.confirmation_reminded_on = today
            org.save(update_fields=["confirmation_reminded_on"])
            count += 1
    return count
