"""Writes on cases: opening one (from a template), its advisors, editing it, handing it to another
agency, closing and reopening. One transaction each, with an audit entry.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gemeinsam.agencies.enums import StaffRole
from gemeinsam.agencies.models import Agency, StaffMembership
from gemeinsam.core import audit
from gemeinsam.core.enums import AuditAction

from ..enums import CaseStatus
from ..models import (
    Case,
    CaseTemplate,
    Forwarding,
    Request,
    Task,
)


def check_advisors(agency: Agency, advisors: list) -> None:
    """Refuse advisors who do not work (actively) for the agency."""
    staff = set(
        StaffMembership.objects.filter(
            agency=agency, is_active=True, user__in=advisors
        ).values_list("user_id", flat=True)
    )
    if any(a.pk not in staff for a in advisors):
        raise ValidationError(_("Advisors must work for the case's agency."))


@transaction.atomic
def open_case(
    *,
    agency: Agency,
    by,
    title: str,
    case_type: str,
    organizations=(),
    contacts=(),
    advisors=(),
    topics=(),
    language=None,
    project=None,
    template: CaseTemplate | None = None,
    request: Request | None = None,
    opened_on: datetime.date | None = None,
) -> Case:
    """A new case. Side effects: template steps as tasks, an audit entry."""
    advisors = list(advisors) or ([by] if by is not None else [])
    check_advisors(agency, advisors)
    if project is not None and project.agency_id != agency.pk:
        raise ValidationError(_("The project must belong to the case's agency."))
    organizations = list(organizations)
    earlier = Case.objects.filter(agency=agency, organizations__in=organizations).exists()
    case = Case.objects.create(
        agency=agency,
        title=title,
        case_type=case_type,
        request=request,
        language=language,
        project=project,
        template=template,
        is_new_client=not earlier,
        organization_kind=organizations[0].kind if organizations else "",
        opened_on=opened_on or timezone.localdate(),
    )
    case.organizations.set(organizations)
    case.contacts.set(list(contacts))
    case.advisors.set(advisors)
    case.topics.set(list(topics))
    if template is not None:
        apply_template(case, template, by=by)
    audit.record(
        by=by, action=AuditAction.CREATE, obj=case, changes={"agency": [None, str(agency)]}
    )
    return case


def apply_template(case: Case, template: CaseTemplate, *, by) -> list[Task]:
    """Each of the template's steps becomes a task due its offset in days after the opening."""
    language = settings.LANGUAGE_CODE
    tasks = [
        Task(
            case=case,
            title=step.label_in(language),
            due_on=case.opened_on + datetime.timedelta(days=step.offset_days),
            assignee=by if by is not None and by.is_authenticated else None,
            is_shared=True,
            template_step=step,
        )
        for step in template.steps.all()
    ]
    return Task.objects.bulk_create(tasks)


@transaction.atomic
def assign_advisors(case: Case, advisors: Iterable, *, by) -> None:
    advisors = list(advisors)
    if not advisors:
        raise ValidationError(_("Assign at least one advisor."))
    check_advisors(case.agency, advisors)
    before = sorted(str(a) for a in case.advisors.all())
    case.advisors.set(advisors)
    after = sorted(str(a) for a in advisors)
    audit.record(by=by, action=AuditAction.UPDATE, obj=case, changes={"advisors": [before, after]})


@transaction.atomic
def close_case(case: Case, *, by, on: datetime.date | None = None) -> Case:
    case.status = CaseStatus.CLOSED
    case.closed_on = max(on or timezone.localdate(), case.opened_on)
    case.save(update_fields=["status", "closed_on", "updated_at"])
    audit.record(by=by, action=AuditAction.UPDATE, obj=case, changes={"status": ["open", "closed"]})
    return case


@transaction.atomic
def reopen_case(case: Case, *, by) -> Case:
    if case.anonymised_at:
        raise ValidationError(_("An anonymised case cannot be reopened."))
    case.status = CaseStatus.OPEN
    case.closed_on = None
    case.save(update_fields=["status", "closed_on", "updated_at"])
    audit.record(by=by, action=AuditAction.UPDATE, obj=case, changes={"status": ["closed", "open"]})
    return case


EDITABLE = ["title", "case_type", "language", "project"]


def _names(objects) -> list[str]:
    return sorted(str(o) for o in objects)


@transaction.atomic
def update_case(
    case: Case,
    *,
    by,
    title: str,
    case_type: str,
    organizations=(),
    topics=(),
    language=None,
    project=None,
) -> Case:
    """Change a case's title, type, organizations, topics, language and project.

    Side effects: when the organizations change, the kind of organization and whether it is a
    new client are worked out again (as when the case was opened), so the figures stay right;
    an audit entry lists the fields that changed.
    """
    if case.anonymised_at:
        raise ValidationError(_("An anonymised case cannot be changed."))
    if project is not None and project.agency_id != case.agency_id:
        raise ValidationError(_("The project must belong to the case's agency."))
    organizations = list(organizations)
    topics = list(topics)
    before = audit.snapshot(case, EDITABLE)
    before["organizations"] = _names(case.organizations.all())
    before["topics"] = _names(case.topics.all())
    old_org_ids = {o.pk for o in case.organizations.all()}

    case.title = title
    case.case_type = case_type
    case.language = language
    case.project = project
    if {o.pk for o in organizations} != old_org_ids:
        case.organization_kind = organizations[0].kind if organizations else ""
        earlier = (
            Case.objects.filter(agency_id=case.agency_id, organizations__in=organizations)
            .filter(Q(opened_on__lt=case.opened_on) | Q(opened_on=case.opened_on, pk__lt=case.pk))
            .exists()
        )
        case.is_new_client = not earlier
    case.full_clean(exclude=["agency", "request", "template"])
    case.save()
    case.organizations.set(organizations)
    case.topics.set(topics)

    after = audit.snapshot(case, EDITABLE)
    after["organizations"] = _names(organizations)
    after["topics"] = _names(topics)
    changes = audit.diff(before, after)
    if "title" in changes:  # the log says that the title changed, never what it says
        changes["title"] = [None, None]
    if changes:
        audit.record(by=by, action=AuditAction.UPDATE, obj=case, changes=changes)
    return case


def new_advisors_at(agency: Agency) -> list:
    """Who takes a case handed to `agency`: its active managers, or if it has none, all of its
    active staff. The forwarding agency does not know the other agency's people."""
    memberships = list(
        agency.staff.filter(is_active=True, user__is_active=True)
        .select_related("user")
        .order_by("user__name", "user_id")
    )
    managers = [m.user for m in memberships if m.role == StaffRole.MANAGER]
    return managers or [m.user for m in memberships]


@transaction.atomic
def forward_case(case: Case, *, to_agency: Agency, reason: str, by, advisors=None) -> Case:
    """Hand a case to another agency, with a reason: it leaves this agency's hands with its
    whole timeline. Its advisors become `advisors`, or else the new agency's managers
    (`new_advisors_at`): the forwarding agency does not know the other agency's people.

    Side effects: a Forwarding record with the reason, the case leaves the project it counted
    for (projects are per agency), the advisors are replaced, coming appointments go to the new
    agency (with its first advisor), an audit entry notes the move.
    """
    if case.anonymised_at:
        raise ValidationError(_("An anonymised case cannot be changed."))
    if not to_agency.is_active or to_agency.pk == case.agency_id:
        raise ValidationError(_("Choose another, active agency."))
    advisors = new_advisors_at(to_agency) if advisors is None else list(advisors)
    if not advisors:
        raise ValidationError(_("That agency has no active staff who could take the case."))
    if not reason.strip():
        raise ValidationError(_("Please give a reason for forwarding."))
    check_advisors(to_agency, advisors)
    from_agency = case.agency
    before = _names(case.advisors.all())
    Forwarding.objects.create(
        case=case, from_agency=from_agency, to_agency=to_agency, reason=reason, by=by
    )
    case.agency = to_agency
    case.project = None
    case.save(update_fields=["agency", "project", "updated_at"])
    case.advisors.set(advisors)
    # Coming appointments go with the case, to the new agency's first advisor.
    upcoming = case.appointments.filter(starts_at__gte=timezone.now(), cancelled_at__isnull=True)
    upcoming.update(agency=to_agency, advisor=advisors[0])
    case.appointments.exclude(pk__in=upcoming.values("pk")).update(agency=to_agency)
    audit.record(
        by=by,
        action=AuditAction.UPDATE,
        obj=case,
        changes={
            "agency": [str(from_agency), str(to_agency)],
            "advisors": [before, _names(advisors)],
        },
    )
    return case
