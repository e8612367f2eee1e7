"""A tandem's page and its agreement: goals, milestones, both sides' acceptance."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gemeinsam.accounts.roles import may, roles_of
from gemeinsam.core import content

from .. import queries, services
from ..enums import Side
from ..forms import GoalForm, MilestoneForm, SignForm
from ..inputs import Invalid
from . import evaluation


def _sides_of(user, tandem) -> list[str]:
    """The sides the person acts for (a member of both organizations acts for both)."""
    mine = roles_of(user).organizations
    return [
        side
        for side, organization_id in (
            (Side.MIGRANT_ORG, tandem.migrant_org_id),
            (Side.PARTNER, tandem.partner_id),
        )
        if organization_id in mine
    ]


@login_required
@require_http_methods(["GET", "HEAD"])
def tandem_detail(request, pk):
    tandem = queries.tandem_for(request.user, pk, "tandems.view_tandem")
    content.prefetch([tandem.call])
    sides = _sides_of(request.user, tandem)
    signed = {Side.MIGRANT_ORG: tandem.mo_signed, Side.PARTNER: tandem.partner_signed}
    return render(
        request,
        "tandems/tandem_detail.html",
        {
            "tandem": tandem,
            "call": tandem.call,
            "goals": list(tandem.goals.all()),
            "milestones": list(tandem.milestones.all()),
            "can_change": may(request.user, "tandems.change_agreement", tandem),
            "to_sign": [
                (
                    Side(side).label,
                    SignForm(initial={"side": side, "version": tandem.agreement_version}),
                )
                for side in sides
                if not signed[side]
            ],
            "goal_form": GoalForm(),
            "comparison": evaluation.comparison(tandem.evaluations.all()),
            "evaluation_forms": evaluation.forms_for(request.user, tandem),
            "milestone_form": MilestoneForm(),
        },
    )


def _messages_of(request, error: Invalid) -> None:
    for problems in error.problems.values():
        for problem in problems:
            messages.error(request, problem)


@login_required
@require_POST
def goal_add(request, pk):
    tandem = queries.tandem_for(request.user, pk, "tandems.change_agreement")
    form = GoalForm(request.POST)
    try:
        if not form.is_valid():
            raise Invalid({"__all__": [_("Write the goal and choose the side that owns it.")]})
        services.add_goal(tandem, by=request.user, **form.cleaned_data)
    except Invalid as error:
        _messages_of(request, error)
    else:
        messages.success(
            request, _("The goal has been added. Both sides accept the agreement again.")
        )
    return redirect(tandem.get_absolute_url())


@login_required
@require_POST
def milestone_add(request, pk):
    tandem = queries.tandem_for(request.user, pk, "tandems.change_agreement")
    form = MilestoneForm(request.POST)
    try:
        if not form.is_valid():
            raise Invalid({"__all__": [_("Write the milestone and its date.")]})
        services.add_milestone(tandem, by=request.user, **form.cleaned_data)
    except Invalid as error:
        _messages_of(request, error)
    else:
        messages.success(
            request, _("The milestone has been added. Both sides accept the agreement again.")
        )
    return redirect(tandem.get_absolute_url())


@login_required
@require_POST
def agreement_sign(request, pk):
    tandem = queries.tandem_for(request.user, pk, "tandems.sign_agreement")
    form = SignForm(request.POST)
    try:
        if not form.is_valid() or form.cleaned_data["side"] not in _sides_of(request.user, tandem):
            raise Invalid({"__all__": [_("You cannot accept the agreement for this side.")]})
        services.sign_agreement(
            tandem,
            side=form.cleaned_data["side"],
            version=form.cleaned_data["version"],
            by=request.user,
        )
    except Invalid as error:
        _messages_of(request, error)
    else:
        messages.success(request, _("You have accepted the agreement."))
    return redirect(tandem.get_absolute_url())
