"""Staff's suggested pairs and forming tandems."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gemeinsam.core import content
from gemeinsam.organizations.models import FieldOfActivity, WorkingLanguage

from .. import pairing, queries, services
from ..forms import PairForm
from ..inputs import Invalid


def _excluded(request) -> set[tuple[int, int]]:
    pairs = set()
    for value in request.GET.getlist("exclude")[:200]:
        mo, _sep, partner = value.partition("-")
        if mo.isdigit() and partner.isdigit():
            pairs.add((int(mo), int(partner)))
    return pairs


@login_required
@require_http_methods(["GET", "HEAD"])
def pair_list(request, agency, slug):
    call = queries.call_for(request.user, agency, slug, "tandems.form_tandems")
    # A pair-first call's pairs applied together; staff form them from the applications.
    applications = [] if call.pair_first else list(queries.applications_to_pair(call))
    excluded = _excluded(request)
    proposal = pairing.propose(applications, within_land=call.pairs_within_land, excluded=excluded)
    fields = {f.pk: f.label for f in FieldOfActivity.objects.all()}
    languages = {lang.pk: lang.label for lang in WorkingLanguage.objects.all()}
    exclusions = [f"{mo}-{partner}" for mo, partner in sorted(excluded)]
    content.prefetch([call])
    return render(
        request,
        "tandems/pair_list.html",
        {
            "call": call,
            "tandems": [
                (t, pairing.reason_chips(t.reasons, fields, languages))
                for t in queries.tandems_of_call(call)
            ],
            "suggestions": [
                (
                    s,
                    pairing.reason_chips(s.reasons.as_json(), fields, languages),
                    "&".join(f"exclude={e}" for e in [*exclusions, f"{s.mo.pk}-{s.partner.pk}"]),
                )
                for s in proposal.suggestions
            ],
            "unpaired": proposal.unpaired,
            "excluded": bool(excluded),
            "form": PairForm(applications=applications),
        },
    )


@login_required
@require_POST
def tandem_create(request, agency, slug):
    call = queries.call_for(request.user, agency, slug, "tandems.form_tandems")
    form = PairForm(request.POST, applications=list(queries.applications_to_pair(call)))
    if not form.is_valid():
        messages.error(request, _("Choose a migrant organization and a partner that applied."))
        return redirect("tandems:pair-list", agency=call.agency.slug, slug=call.slug)
    mo, partner = form.cleaned_data["mo"], form.cleaned_data["partner"]
    points, reasons = pairing.score(pairing.Side.of(mo), pairing.Side.of(partner))
    try:
        services.form_tandem(
            call, mo, partner, by=request.user, reasons=reasons.as_json(), score=points
        )
    except Invalid as error:
        for problem in error.problems.get("__all__", []):
            messages.error(request, problem)
    else:
        messages.success(
            request,
            _("%(mo)s and %(partner)s now form a tandem.")
            % {"mo": mo.organization.name, "partner": partner.organization.name},
        )
    return redirect("tandems:pair-list", agency=call.agency.slug, slug=call.slug)
