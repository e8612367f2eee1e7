"""Writes on a case's own data from the advisors' pages: editing it and handing it to another
agency. One transaction each, with an audit entry; the rest lives in `services.py`."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from gemeinsam.agencies.enums import StaffRole
from gemeinsam.agencies.models import Agency
from gemeinsam.core import audit
from gemeinsam.core.enums import AuditAction

from . import services
from .models import Case

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
        audit.record(actor=by, action=AuditAction.UPDATE, obj=case, changes=changes)
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
def forward_case_to_agency(case: Case, *, to_agency: Agency, reason: str, by) -> Case:
    """Hand a case to another agency, with a reason; its managers become the case's advisors.

    Side effects: a Forwarding record with the reason, the case leaves the project it counted
    for (projects are per agency), the advisors are replaced, an audit entry notes the move.
    """
    if case.anonymised_at:
        raise ValidationError(_("An anonymised case cannot be changed."))
    if not to_agency.is_active or to_agency.pk == case.agency_id:
        raise ValidationError(_("Choose another, active agency."))
    advisors = new_advisors_at(to_agency)
    if not advisors:
        raise ValidationError(_("That agency has no active staff who could take the case."))
    from_agency = case.agency
    before = _names(case.advisors.all())
    services.forward_case(case, to_agency=to_agency, advisors=advisors, reason=reason, by=by)
    audit.record(
        actor=by,
        action=AuditAction.UPDATE,
        obj=case,
        changes={
            "agency": [str(from_agency), str(to_agency)],
            "advisors": [before, _names(advisors)],
        },
    )
    return case
