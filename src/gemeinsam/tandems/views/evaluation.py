"""The two-sided evaluation on a tandem's page: each side answers, the page compares."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gemeinsam.accounts.roles import roles_of
from gemeinsam.core import content, tabular

from .. import exports, queries, services
from ..enums import DIFFERENT_BY, EVALUATION_ITEMS, Phase, Side
from ..forms import EvaluationForm
from ..inputs import Invalid


def comparison(evaluations) -> list[dict]:
    """Per phase answered so far: each statement with both sides' answers, and whether they
    see it differently (two or more points apart)."""
    by_key = {(e.phase, e.side): e.answers for e in evaluations}
    phases = []
    for phase in Phase:
        mo = by_key.get((phase.value, Side.MIGRANT_ORG.value))
        partner = by_key.get((phase.value, Side.PARTNER.value))
        if mo is None and partner is None:
            continue
        rows = []
        for code, label in EVALUATION_ITEMS:
            a = mo.get(code) if mo else None
            b = partner.get(code) if partner else None
            differ = a is not None and b is not None and abs(a - b) >= DIFFERENT_BY
            rows.append({"label": label, "mo": a, "partner": b, "differ": differ})
        phases.append({"label": phase.label, "rows": rows})
    return phases


def forms_for(user, tandem) -> list[tuple[str, EvaluationForm]]:
    mine = roles_of(user).organizations
    sides = []
    if tandem.migrant_org_id in mine:
        sides.append(Side.MIGRANT_ORG)
    if tandem.partner_id in mine:
        sides.append(Side.PARTNER)
    return [(Side(side).label, EvaluationForm(initial={"side": side})) for side in sides]


@login_required
@require_POST
def evaluation_submit(request, pk):
    tandem = queries.tandem_for(request.user, pk, "tandems.evaluate")
    form = EvaluationForm(request.POST)
    allowed = [side for side, _form in forms_for(request.user, tandem)]
    try:
        if not form.is_valid():
            raise Invalid({"__all__": [_("Answer every statement from 1 to 5.")]})
        side = form.cleaned_data["side"]
        if Side(side).label not in allowed:
            raise Invalid({"__all__": [_("You cannot answer for this side.")]})
        services.evaluate(
            tandem,
            side=side,
            phase=form.cleaned_data["phase"],
            answers=form.answers(),
            by=request.user,
        )
    except Invalid as error:
        for problems in error.problems.values():
            for problem in problems:
                messages.error(request, problem)
    else:
        messages.success(request, _("Thank you: your answers have been saved."))
    return redirect(tandem.get_absolute_url())


@login_required
@require_http_methods(["GET", "HEAD"])
def evaluation_overview(request, agency, slug):
    call = queries.call_for(request.user, agency, slug, "tandems.view_applications")
    phase = request.GET.get("phase")
    phase = phase if phase in Phase.values else Phase.START
    tandems = list(queries.tandems_of_call(call).prefetch_related("evaluations"))
    rows = []
    for tandem in tandems:
        answers = {e.side: e.answers for e in tandem.evaluations.all() if e.phase == phase}
        mo, partner = answers.get(Side.MIGRANT_ORG), answers.get(Side.PARTNER)
        cells = []
        for code, _label in EVALUATION_ITEMS:
            a = mo.get(code) if mo else None
            b = partner.get(code) if partner else None
            differ = a is not None and b is not None and abs(a - b) >= DIFFERENT_BY
            cells.append({"mo": a, "partner": b, "differ": differ})
        rows.append({"tandem": tandem, "cells": cells})
    content.prefetch([call])
    return render(
        request,
        "tandems/evaluation_overview.html",
        {
            "call": call,
            "phase": phase,
            "phase_links": [
                (p.label, f"{request.path}?phase={p.value}", p.value == phase) for p in Phase
            ],
            "items": [label for _code, label in EVALUATION_ITEMS],
            "rows": rows,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def evaluation_report(request, agency, slug):
    call = queries.call_for(request.user, agency, slug, "tandems.view_applications")
    data = tabular.to_xlsx([(_("Evaluation"), exports.evaluation_report(call))])
    response = HttpResponse(data, content_type=tabular.CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = f'attachment; filename="evaluation-{call.slug}.xlsx"'
    return response
