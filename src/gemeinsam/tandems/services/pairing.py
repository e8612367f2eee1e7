"""Forming a tandem from two applications, audited."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from gemeinsam.core import audit, races
from gemeinsam.core.enums import AuditAction
from gemeinsam.organizations.enums import OrganizationKind

from ..inputs import (
    Invalid,
)
from ..models import Tandem, TandemApplication, TandemCall, can_receive_money


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
    if call.pairs_within_land and mo_application.region != partner_application.region:
        problems.append(_("This call pairs organizations within one Land only."))
    asked = mo_application.amount or partner_application.amount or 0
    return _create(
        call,
        migrant_org,
        partner,
        by=by,
        reasons=reasons,
        score=score,
        problems=problems,
        grant=min(asked, call.max_grant),
    )


def form_pair_first_tandem(call: TandemCall, application: TandemApplication, *, by) -> Tandem:
    """The tandem of a pair-first application once its partner accepted: the migrant
    organization among the two is the tandem's first side."""
    if not application.counts:
        raise Invalid(
            {"__all__": [_("The application counts only once the partner has accepted.")]}
        )
    first, second = application.organization, application.partner
    if second.kind == OrganizationKind.MIGRANT_ORG and first.kind != OrganizationKind.MIGRANT_ORG:
        first, second = second, first
    grant = min(application.amount or 0, call.max_grant)
    return _create(call, first, second, by=by, reasons={}, score=0, problems=[], grant=grant)


def _check_budget(call: TandemCall, grant) -> None:
    granted = Tandem.objects.filter(call=call).aggregate(total=Sum("grant"))["total"] or 0
    if granted + grant > call.budget:
        raise Invalid(
            {
                "__all__": [
                    _("The call's budget is spent: %(left)s € are left.")
                    % {"left": f"{call.budget - granted:.2f}"}
                ]
            }
        )


def _create(call, migrant_org, partner, *, by, reasons, score, problems, grant) -> Tandem:
    if migrant_org.pk == partner.pk:
        problems.append(_("A tandem needs two different organizations."))
    elif migrant_org.kind != OrganizationKind.MIGRANT_ORG or (
        partner.kind == OrganizationKind.MIGRANT_ORG
    ):
        problems.append(
            _("A tandem pairs a migrant organization with an organization from another field.")
        )
    recipient = None
    if can_receive_money(migrant_org):
        recipient = migrant_org
    elif can_receive_money(partner):
        recipient = partner
    else:
        problems.append(_("Neither organization can receive grant money with its legal form."))
    if problems:
        raise Invalid({"__all__": problems})
    locked = races.locks("tandem_budget")
    if not locked:
        # Only the tests' negative control: the budget is read before the transaction.
        _check_budget(call, grant)
        races.window("tandem_budget")
    with transaction.atomic():
        if locked:
            # The call's row lock (SQLite: the write lock from BEGIN IMMEDIATE): two staff
            # forming tandems at once never pass the call's budget.
            TandemCall.objects.select_for_update().filter(pk=call.pk).first()
            _check_budget(call, grant)
            races.window("tandem_budget")
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
            grant=grant,
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
                "grant": [None, f"{grant:.2f}"],
            },
        )
    return tandem
