"""Writes of the intake: staff accept a request into a case, forward it to another agency or
decline it. One transaction each; the person is told by mail (queued in the same transaction).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gemeinsam.agencies.models import Agency

from ..enums import RequestStatus, RoutedBy
from ..models import (
    Case,
    CaseTemplate,
    Forwarding,
    Request,
)
from ..routing import suggest_advisors
from .cases import check_advisors, open_case
from .public import lock_request, queue_request_mail


@transaction.atomic
def accept_request(
    request: Request,
    *,
    by,
    agency: Agency | None = None,
    advisors: Iterable,
    case_type: str,
    title: str = "",
    project=None,
    template: CaseTemplate | None = None,
) -> Case:
    """Open a case from a request: its organization, contact, topics and language carry over.

    Side effects: the request is marked accepted (an unrouted request now belongs to `agency`),
    the template's steps become tasks, the person gets an "accepted" mail, the audit log notes it.
    """
    request = lock_request(request)
    agency = request.agency or agency
    if agency is None:
        raise ValidationError(_("Choose the agency that takes this request."))
    advisors = list(advisors)
    if not advisors:
        raise ValidationError(_("Assign at least one advisor."))
    check_advisors(agency, advisors)
    request.agency = agency
    request.status = RequestStatus.ACCEPTED
    request.decided_by = by
    request.decided_at = timezone.now()
    request.save()
    case = open_case(
        agency=agency,
        by=by,
        title=title or _short_title(request),
        case_type=case_type,
        organizations=[request.organization] if request.organization else [],
        contacts=[request.contact],
        advisors=advisors,
        topics=list(request.topics.all()),
        language=request.language,
        project=project,
        template=template,
        request=request,
    )
    if request.contact.email:
        queue_request_mail(request.pk, "accepted")
    return case


def _short_title(request: Request) -> str:
    who = request.organization.name if request.organization else request.organization_name
    topics = ", ".join(t.label_in("de") for t in request.topics.all()[:2])
    return (f"{who}: {topics}" if who else topics)[:200] or f"#{request.pk}"


@transaction.atomic
def forward_request(request: Request, *, to_agency: Agency, reason: str, by) -> Request:
    """Hand a request to another agency, with a reason. It lands in that agency's queue."""
    request = lock_request(request)
    if not reason.strip():
        raise ValidationError(_("Please give a reason for forwarding."))
    if to_agency.pk == request.agency_id or not to_agency.is_active:
        raise ValidationError(_("Choose another, active agency."))
    Forwarding.objects.create(
        request=request, from_agency=request.agency, to_agency=to_agency, reason=reason, by=by
    )
    request.agency = to_agency
    request.routed_by = RoutedBy.FORWARDED
    request.save(update_fields=["agency", "routed_by"])
    request.suggested_advisors.set(
        suggest_advisors(
            to_agency,
            request.topics.values_list("pk", flat=True),
            request.language.code if request.language else "",
        )
    )
    if request.contact.email:
        queue_request_mail(request.pk, "forwarded")
    return request


@transaction.atomic
def decline_request(request: Request, *, reason: str, by) -> Request:
    """Decline with a reason; the person is told by mail (with the reason)."""
    request = lock_request(request)
    if not reason.strip():
        raise ValidationError(_("Please give a reason, so the person knows where else to turn."))
    request.status = RequestStatus.DECLINED
    request.decline_reason = reason
    request.decided_by = by
    request.decided_at = timezone.now()
    request.save()
    if request.contact.email:
        queue_request_mail(request.pk, "declined")
    return request
