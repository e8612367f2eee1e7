"""Readiness checks as pages: answer what the profile does not tell, see each requirement as
met, missing or unknown with what to do next, and keep the result with the organization."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gemeinsam.organizations.models import Organization
from gemeinsam.organizations.queries import memberships_of, organizations_visible_to

from .. import ruledoc, services
from ..documents import authority, guides, legal_basis
from ..facts import FactError, clean_facts
from ..forms import CheckForm, OrganizationChoiceForm, facts_asked
from ..models import ReadinessCheck
from ..profile import profile_facts
from ..result_pdf import result_pdf

# Which counselling topic a check's "ask for counselling" link preselects.
COUNSELLING_TOPIC = {
    "association": "association_founding",
    "youth_welfare": "youth_welfare",
    "kita": "youth_welfare",
    "labour_market": "funding_applications",
}


def check_list(request):
    checks = ReadinessCheck.objects.order_by("position", "code")
    return render(request, "funding/check_list.html", {"checks": checks})


def own_organizations(user) -> list[Organization]:
    if not user.is_authenticated:
        return []
    return [m.organization for m in memberships_of(user).active().select_related("organization")]


def _chosen(request, organizations: list[Organization]) -> Organization | None:
    """The organization the address names: one's own, or for agency staff any organization
    (they keep results for the organizations they advise). It joins `organizations`."""
    slug = request.GET.get("organization", "")
    own = next((o for o in organizations if o.slug == slug), None)
    if own is not None or not slug or not request.user.is_authenticated:
        return own
    other = organizations_visible_to(request.user).filter(slug=slug).first()
    if other is None or not request.user.has_perm("funding.save_result", other):
        return None
    organizations.append(other)
    return other


def _answered(request, check: ReadinessCheck):
    """The check's form from the address, and its result when the answers are complete and
    possible: (form, result or None, own organizations, the chosen one or None)."""
    version = check.current_rules
    today = timezone.localdate()
    asked = facts_asked(version.document)
    organizations = own_organizations(request.user)
    organization = _chosen(request, organizations)
    known = profile_facts(organization, as_of=today) if organization else {}
    # The profile answers first; the form asks the rest (and may correct what it says).
    initial = {name: value for name, value in known.items() if name in asked}
    submitted = "checked" in request.GET
    form = CheckForm(
        request.GET if submitted else None,
        facts=asked,
        initial=initial,
        ask_state=bool(version.document.get("authority", {}).get("by_state")),
    )
    result = None
    if submitted and form.is_valid():
        try:
            facts = clean_facts(form.answers(), as_of=today)
        except FactError as error:
            for name, problem in error.problems.items():
                form.add_error(name if name in form.fields else None, problem)
        else:
            result = ruledoc.evaluate(version.document, facts, as_of=today)
    return form, result, organizations, organization


def check_detail(request, code: str):
    """GET only: the answers travel in the address, so a result can be bookmarked or shared."""
    check = get_object_or_404(ReadinessCheck, code=code)
    version = check.current_rules
    form, result, organizations, organization = _answered(request, check)
    language = (get_language() or "de").split("-")[0]
    topic = COUNSELLING_TOPIC.get(check.code)
    counselling_url = reverse("counselling:request-create") + (
        f"?{urlencode({'topic': topic})}" if topic else ""
    )
    state = _state(form, organization)
    return render(
        request,
        "funding/check_detail.html",
        {
            "check": check,
            "version": version,
            "form": form,
            "result": result,
            "rows": requirement_rows(result, language, state) if result else [],
            "authority": authority(version.document, state, language),
            "guides": guides(version.document, language, state),
            "organizations": organizations,
            "organization": organization,
            "prefill_form": OrganizationChoiceForm(
                organizations=organizations, organization=organization, label=_("Organization")
            ),
            "counselling_url": counselling_url,
            "query": request.GET.urlencode(),
        },
    )


def _state(form: CheckForm, organization: Organization | None) -> str:
    return form.state() or (organization.federal_state if organization else "")


def requirement_rows(result: ruledoc.Result, language: str, state: str = "") -> list[dict]:
    """The result's requirements as the page and the PDF show them (Land law of `state`)."""
    return [
        {
            "key": r.key,
            "status": r.status,
            "fixed": r.fixed,
            "met_on": r.met_on,
            "routes": [
                {"text": route.text(language), "status": route.status} for route in r.routes
            ],
            "title": r.text("title", language),
            "explanation": r.text("explanation", language),
            "next_step": r.text("next_step", language),
            "legal_basis": legal_basis(r.requirement, state),
            "documents": [d.get(language) or d["de"] for d in r.requirement.get("documents", [])],
            "source": r.requirement.get("source", ""),
        }
        for r in result.requirements
    ]


def check_pdf(request, code: str):
    """The same result as a PDF to print or send, in the page's language (Arabic shaped, right
    to left). Without complete answers there is no result: back to the check's page."""
    check = get_object_or_404(ReadinessCheck, code=code)
    form, result, _organizations, organization = _answered(request, check)
    if result is None:
        messages.error(request, _("Please check your answers."))
        return redirect(reverse("funding:check-detail", kwargs={"code": code}))
    language = (get_language() or "de").split("-")[0]
    state = _state(form, organization)
    pdf = result_pdf(
        check,
        check.current_rules,
        result,
        requirement_rows(result, language, state),
        language=language,
        organization=organization,
        as_of=timezone.localdate(),
        authority=authority(check.current_rules.document, state, language),
        guides=guides(check.current_rules.document, language, state),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{check.code}.pdf"'
    return response


@login_required
@require_POST
def check_save(request, code: str):
    """Keep the result with the organization, to follow it over time."""
    check = get_object_or_404(ReadinessCheck, code=code)
    organization = get_object_or_404(
        organizations_visible_to(request.user), slug=request.POST.get("organization", "")
    )
    if not request.user.has_perm("funding.save_result", organization):
        raise PermissionDenied
    version = check.current_rules
    form = CheckForm(
        request.POST,
        facts=facts_asked(version.document),
        ask_state=bool(version.document.get("authority", {}).get("by_state")),
    )
    back = reverse("funding:check-detail", kwargs={"code": code})
    if not form.is_valid():
        messages.error(request, _("Please check your answers."))
        return redirect(back)
    try:
        services.save_result(
            organization, version, form.answers(), as_of=timezone.localdate(), by=request.user
        )
    except FactError:
        messages.error(request, _("Please check your answers."))
        return redirect(back)
    messages.success(
        request,
        _("The result has been saved for %(organization)s.") % {"organization": organization},
    )
    query = urlencode(
        {
            **form.answers(),
            "checked": "1",
            "organization": organization.slug,
        }
    )
    return redirect(f"{back}?{query}")
