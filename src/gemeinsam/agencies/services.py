"""Writes for agencies: staff and projects. One transaction each, audited."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gemeinsam.core import audit, slugs
from gemeinsam.core.enums import AuditAction

from .enums import StaffRole
from .inputs import ProjectInput, StaffChange
from .models import Agency, Project, ProjectMeasure, StaffMembership

STAFF_FIELDS = StaffChange.fields()


@transaction.atomic
def add_staff(*, by, agency: Agency, email: str, role: str) -> StaffMembership:
    """Give an existing account a role in the agency. Side effect: audit log."""
    user = get_user_model().objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise ValidationError(_("There is no account with this email address yet."))
    membership, created = StaffMembership.objects.get_or_create(
        agency=agency, user=user, defaults={"role": role}
    )
    if not created:
        if membership.is_active:
            raise ValidationError(_("This person already works for the agency."))
        membership.is_active = True
        membership.role = role
        membership.save(update_fields=["is_active", "role"])
    audit.record(by=by, action=AuditAction.GRANT, obj=membership, changes={"role": role})
    return membership


@transaction.atomic
def change_staff(*, by, membership: StaffMembership, change: StaffChange) -> StaffMembership:
    """Save a staff member's role and public contact details; a manager cannot demote the last
    manager of the agency, so an agency is never left without one. Side effect: audit log."""
    membership = StaffMembership.objects.select_for_update().get(pk=membership.pk)
    before = audit.snapshot(membership, STAFF_FIELDS)
    was_manager = before["role"] == StaffRole.MANAGER and before["is_active"]
    still_manager = change.role == StaffRole.MANAGER and change.is_active
    if was_manager and not still_manager:
        managers = membership.agency.staff.filter(role=StaffRole.MANAGER, is_active=True)
        if managers.count() <= 1:
            raise ValidationError(_("An agency needs at least one manager."))
    for name in STAFF_FIELDS:
        setattr(membership, name, getattr(change, name))
    membership.full_clean()
    membership.save()
    changes = audit.diff(before, audit.snapshot(membership, STAFF_FIELDS))
    if changes:
        audit.record(by=by, action=AuditAction.UPDATE, obj=membership, changes=changes)
    return membership


@transaction.atomic
def save_project(*, by, agency: Agency, project: Project | None, data: ProjectInput) -> Project:
    """Create (`project` None) or update a project with its measures. A measure named by an id
    that is not the project's own is left alone. Side effect: audit log."""
    creating = project is None
    if creating:
        project = Project(agency=agency)
        project.slug = slugs.unique_slug(
            data.title, taken=agency.projects.all(), fallback="projekt", max_length=70
        )
    for name in ProjectInput.fields():
        setattr(project, name, getattr(data, name))
    project.full_clean()
    project.save()
    own = {measure.pk: measure for measure in project.measures.all()} if not creating else {}
    for measure in data.measures:
        existing = own.get(measure.id) if measure.id is not None else None
        if measure.id is not None and existing is None:
            continue
        if measure.delete:
            if existing is not None:
                existing.delete()
            continue
        target = existing or ProjectMeasure(project=project)
        target.title, target.description = measure.title, measure.description
        target.full_clean()
        target.save()
    audit.record(
        by=by,
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        obj=project,
        changes={"title": project.title, "funder": project.funder},
    )
    return project
