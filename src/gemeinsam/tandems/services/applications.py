"""Applications: drafts, submissions with their documents, the partner's answer, withdrawal.

Side effects: audit entries; uploaded documents are written to the private media folder.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gemeinsam.core import audit
from gemeinsam.core.enums import AuditAction
from gemeinsam.organizations.models import FieldOfActivity, Organization, WorkingLanguage

from ..enums import ApplicationStatus, CallMode, PartnerAnswer
from ..inputs import (
    ApplicationInput,
    Invalid,
    application_problems,
)
from ..models import ApplicationDocument, TandemApplication, TandemCall


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
