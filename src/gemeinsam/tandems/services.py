"""Writes of the tandems: typed input in, one transaction each, audited.

Side effects: audit entries (calls, applications, invitations' answers, tandems); uploaded
application documents are written to the private media folder.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gemeinsam.core import audit, content
from gemeinsam.core.enums import AuditAction
from gemeinsam.core.slugs import unique_slug
from gemeinsam.organizations.enums import OrganizationKind
from gemeinsam.organizations.models import FieldOfActivity, Organization, WorkingLanguage

from .enums import ApplicationStatus, CallMode, PartnerAnswer
from .inputs import (
    ApplicationInput,
    CallInput,
    Invalid,
    application_problems,
    call_problems,
)
from .models import ApplicationDocument, Tandem, TandemApplication, TandemCall, can_receive_money

CALL_COLUMNS = [
    "title",
    "description",
    "programme_id",
    "funder",
    "budget",
    "max_grant",
    "regions",
    "opens_on",
    "closes_on",
    "project_starts_on",
    "project_ends_on",
    "mode",
    "required_documents",
    "questions",
    "is_published",
    "pairs_within_land",
]


def _plain(value):
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return value.isoformat() if hasattr(value, "isoformat") else value


def save_call(
    agency, data: CallInput, *, by, call: TandemCall | None = None, minor_edit: bool = False
) -> TandemCall:
    """Create a call of the agency or change one; writes only the input's columns."""
    problems = call_problems(data)
    if problems:
        raise Invalid(problems)
    with transaction.atomic():
        created = call is None
        call = call or TandemCall(agency=agency)
        before = {name: getattr(call, name, None) for name in CALL_COLUMNS} if not created else {}
        german_before = {f: getattr(call, f) for f in TandemCall.translated_fields}
        values = dataclasses.asdict(data)
        for name in CALL_COLUMNS:
            setattr(call, name, list(values["regions"]) if name == "regions" else values[name])
        if created:
            call.slug = unique_slug(
                data.slug or data.title,
                taken=TandemCall.objects.filter(agency=agency),
                fallback="call",
                max_length=80,
            )
        call.save()
        call.fields.set(FieldOfActivity.objects.filter(pk__in=data.field_ids))
        if minor_edit and not created:
            changed = {f: v for f, v in german_before.items() if getattr(call, f) != v}
            if changed:
                content.minor_edit(call, changed)
        changes = {
            name: [_plain(before.get(name)), _plain(getattr(call, name))]
            for name in CALL_COLUMNS
            if created or before.get(name) != getattr(call, name)
        }
        audit.record(
            by=by,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            obj=call,
            changes=changes,
        )
    return call


def _documents_on_file(application: TandemApplication | None) -> frozenset[int]:
    if application is None or application.pk is None:
        return frozenset()
    return frozenset(application.documents.values_list("position", flat=True))


def save_application(
    call: TandemCall,
    data: ApplicationInput,
    *,
    by,
    application: TandemApplication | None = None,
) -> TandemApplication:
    """Save a draft of the organization's application, or submit it.

    Everything is checked before anything is written; the application, its lists and its
    documents are written in one transaction, so a refused input leaves nothing half-saved.
    A changed partner is asked again.
    """
    organization = Organization.objects.select_related("legal_form").get(pk=data.organization_id)
    partner = None
    if data.partner_id is not None and call.mode == CallMode.PAIR_FIRST:
        partner = Organization.objects.select_related("legal_form").get(pk=data.partner_id)
    if application is not None and application.status == ApplicationStatus.WITHDRAWN:
        raise Invalid({"__all__": [_("This application has been withdrawn.")]})
    problems = application_problems(
        call,
        data,
        organization=organization,
        partner=partner,
        documents_on_file=_documents_on_file(application),
        today=timezone.localdate(),
    )
    if problems:
        raise Invalid(problems)
    with transaction.atomic():
        created = application is None
        if created:
            application = TandemApplication(call=call, organization=organization, created_by=by)
        if (partner.pk if partner else None) != application.partner_id:
            application.partner = partner
            application.partner_answer = PartnerAnswer.INVITED if partner else ""
            application.partner_answered_by = None
            application.partner_answered_at = None
        for name in (
            "offers",
            "needs",
            "ideas",
            "region",
            "district",
            "capacity_hours",
            "amount",
            "contact_name",
            "contact_email",
        ):
            setattr(application, name, getattr(data, name))
        application.answers = list(data.answers)
        was = application.status
        if data.submit:
            application.status = ApplicationStatus.SUBMITTED
            application.submitted_at = application.submitted_at or timezone.now()
        application.save()
        application.fields.set(FieldOfActivity.objects.filter(pk__in=data.field_ids))
        application.languages.set(WorkingLanguage.objects.filter(pk__in=data.language_ids))
        for upload in data.documents:
            application.documents.filter(position=upload.position).delete()
            document = ApplicationDocument(
                application=application, position=upload.position, original_name=upload.name
            )
            document.file.save(upload.name, upload.file, save=False)
            document.save()
        audit.record(
            by=by,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            obj=application,
            changes={"status": [None if created else was, application.status]},
        )
    return application


def answer_invitation(application: TandemApplication, *, accept: bool, by) -> TandemApplication:
    """The partner organization's member accepts or declines a pair-first application."""
    if application.partner_id is None or application.partner_answer != PartnerAnswer.INVITED:
        raise Invalid({"__all__": [_("This invitation has already been answered.")]})
    today = timezone.localdate()
    if accept and today > application.call.closes_on:
        raise Invalid(
            {"__all__": [_("The call has closed; the invitation can no longer be accepted.")]}
        )
    with transaction.atomic():
        locked = TandemApplication.objects.select_for_update().get(pk=application.pk)
        if (
            locked.partner_answer != PartnerAnswer.INVITED
            or locked.partner_id != application.partner_id
        ):
            raise Invalid({"__all__": [_("This invitation has already been answered.")]})
        locked.partner_answer = PartnerAnswer.ACCEPTED if accept else PartnerAnswer.DECLINED
        locked.partner_answered_by = by
        locked.partner_answered_at = timezone.now()
        locked.save(update_fields=["partner_answer", "partner_answered_by", "partner_answered_at"])
        audit.record(
            by=by,
            action=AuditAction.UPDATE,
            obj=locked,
            changes={"partner_answer": [PartnerAnswer.INVITED, locked.partner_answer]},
        )
    return locked


def withdraw_application(application: TandemApplication, *, by) -> TandemApplication:
    with transaction.atomic():
        was = application.status
        application.status = ApplicationStatus.WITHDRAWN
        application.save(update_fields=["status", "updated_at"])
        audit.record(
            by=by,
            action=AuditAction.UPDATE,
            obj=application,
            changes={"status": [was, application.status]},
        )
    return application


def form_tandem(
    call: TandemCall,
    mo_application: TandemApplication,
    partner_application: TandemApplication,
    *,
    by,
    reasons: dict | None = None,
    score: int = 0,
) -> Tandem:
    """Pair two applications of the call: a migrant organization's and a partner's. The MO
    receives the money when its legal form allows, else the partner as fiscal host; a pair
    where neither can, or across Länder when the call pairs within one, is refused. An
    organization is in at most one tandem per call (checked again under the constraint)."""
    migrant_org, partner = mo_application.organization, partner_application.organization
    problems = []
    if migrant_org.pk == partner.pk:
        problems.append(_("A tandem needs two different organizations."))
    elif migrant_org.kind != OrganizationKind.MIGRANT_ORG or (
        partner.kind == OrganizationKind.MIGRANT_ORG
    ):
        problems.append(
            _("A tandem pairs a migrant organization with an organization from another field.")
        )
    if call.pairs_within_land and mo_application.region != partner_application.region:
        problems.append(_("This call pairs organizations within one Land only."))
    if can_receive_money(migrant_org):
        recipient = migrant_org
    elif can_receive_money(partner):
        recipient = partner
    else:
        problems.append(_("Neither organization can receive grant money with its legal form."))
    if problems:
        raise Invalid({"__all__": problems})
    with transaction.atomic():
        organizations = [migrant_org.pk, partner.pk]
        taken = Tandem.objects.filter(call=call).filter(
            Q(migrant_org__in=organizations) | Q(partner__in=organizations)
        )
        if taken.exists():
            raise Invalid(
                {
                    "__all__": [
                        _("One of the two organizations is already in a tandem of this call.")
                    ]
                }
            )
        tandem = Tandem.objects.create(
            call=call,
            migrant_org=migrant_org,
            partner=partner,
            recipient=recipient,
            reasons=reasons or {},
            score=score,
            formed_by=by,
        )
        audit.record(
            by=by,
            action=AuditAction.CREATE,
            obj=tandem,
            changes={
                "migrant_org": [None, migrant_org.name],
                "partner": [None, partner.name],
                "recipient": [None, recipient.name],
            },
        )
    return tandem
