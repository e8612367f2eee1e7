"""Guides as pages: the public list and a guide step by step (with where the reader's
organization stands), and the staff's pages to write, publish and review them.

Each view parses, fetches through the person (`queries.guide_for`: not visible → 404, not
theirs → 403), calls one service and answers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gemeinsam.accounts.roles import may, roles_of
from gemeinsam.agencies.queries import agencies_of_staff, agency_for
from gemeinsam.counselling import throttle
from gemeinsam.counselling.inputs import CONSENT_TEXT
from gemeinsam.organizations.queries import memberships_of

from .. import exports, queries, services
from ..enums import GuideStatus, StepState
from ..forms import GuideForm, guide_parts, step_formset
from ..progress import organization_for_progress, progress


def _language() -> str:
    return (get_language() or "de").split("-")[0]


@require_http_methods(["GET", "HEAD"])
def guide_list(request):
    guides = queries.guide_list(queries.guides_visible_to(request.user), _language())
    writes_for = (
        list(agencies_of_staff(request.user).order_by("name"))
        if roles_of(request.user).agencies
        else []
    )
    return render(
        request, "knowledge/guide_list.html", {"guides": guides, "writes_for": writes_for}
    )


def _own_organizations(user) -> list:
    if not roles_of(user).organizations:
        return []
    memberships = memberships_of(user).active().select_related("organization")
    return [m.organization for m in memberships.order_by("organization__name")]


def _blocks(steps, found) -> list[dict]:
    """The steps in order, alternatives (same group, next to each other) in one block."""
    blocks: list[dict] = []
    for step in steps:
        entry = {"step": step, "progress": found.get(step.pk)}
        last = blocks[-1] if blocks else None
        if step.group and last is not None and last["group"] == step.group:
            last["steps"].append(entry)
        else:
            blocks.append({"group": step.group, "steps": [entry]})
    for block in blocks:
        states = [e["progress"].state for e in block["steps"] if e["progress"]]
        block["done"] = StepState.DONE in states
    return blocks


@require_http_methods(["GET", "HEAD"])
def guide_detail(request, slug):
    language = _language()
    guide = queries.guide_page(request.user, slug, language)
    steps = list(guide.steps.all())
    organizations = _own_organizations(request.user)
    chosen = request.GET.get("organization", "")
    organization = next((o for o in organizations if o.slug == chosen), None)
    if organization is None and organizations:
        organization = organizations[0]
    found = {}
    if organization is not None:
        organization = organization_for_progress(organization.pk)
        found = progress(steps, organization, language=language, as_of=timezone.localdate())
    return render(
        request,
        "knowledge/guide_detail.html",
        {
            "guide": guide,
            "blocks": _blocks(steps, found),
            "organizations": organizations,
            "organization": organization,
            "may_change": may(request.user, "knowledge.change_guide", guide),
            "may_publish": may(request.user, "knowledge.publish_guide", guide),
            "review_due": guide.review_due(timezone.localdate()),
            "consent_text": CONSENT_TEXT,
            "counselling_url": reverse("counselling:request-create")
            + (
                f"?{urlencode({'topic': guide.counselling_topic.code})}"
                if guide.counselling_topic
                else ""
            ),
        },
    )


@require_http_methods(["GET", "HEAD"])
def guide_pdf(request, slug):
    """The guide as a PDF in the page's language (its address's language prefix)."""
    language = _language()
    guide = queries.guide_page(request.user, slug, language)
    pdf = exports.guide_pdf(guide, list(guide.steps.all()), language=language)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{guide.slug}-{language}.pdf"'
    return response


def _save(request, form, steps, save):
    if form.is_valid() and steps.is_valid():
        data = form.to_input(steps)
        try:
            with transaction.atomic():
                guide = save(data)
        except ValidationError as error:
            for name, problems in error.message_dict.items():
                form.add_error(name if name in form.fields else None, problems)
        else:
            messages.success(request, _("The guide has been saved."))
            return redirect("knowledge:guide-detail", slug=guide.slug)
    return None


def _render_form(request, *, agency, form, steps, guide=None):
    return render(
        request,
        "knowledge/guide_form.html",
        {
            "agency": agency,
            "form": form,
            "steps": steps,
            "guide": guide,
            "parts": guide_parts(form, steps, new=guide is None),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def guide_create(request, agency):
    agency = agency_for(request.user, agency, "knowledge.add_guide")
    data = request.POST if request.method == "POST" else None
    form = GuideForm(data, agency=agency, initial={"as_of": timezone.localdate()})
    steps = step_formset(data)
    if data is not None:
        response = _save(
            request,
            form,
            steps,
            lambda guide_input: services.create_guide(agency, guide_input, by=request.user),
        )
        if response is not None:
            return response
    return _render_form(request, agency=agency, form=form, steps=steps)


@login_required
@require_http_methods(["GET", "POST"])
def guide_update(request, slug):
    guide = queries.guide_for(request.user, slug, "knowledge.change_guide")
    data = request.POST if request.method == "POST" else None
    form = GuideForm(data, instance=guide, agency=guide.agency)
    steps = step_formset(data, instance=guide)
    if data is not None:
        response = _save(
            request,
            form,
            steps,
            lambda guide_input: services.update_guide(guide, guide_input, by=request.user),
        )
        if response is not None:
            return response
    return _render_form(request, agency=guide.agency, form=form, steps=steps, guide=guide)


@login_required
@require_POST
def guide_publish(request, slug):
    guide = queries.guide_for(request.user, slug, "knowledge.publish_guide")
    status = request.POST.get("status", "")
    if status not in GuideStatus.values:
        raise Http404
    services.set_status(guide, status, by=request.user)
    messages.success(
        request,
        _("The guide has been published.")
        if status == GuideStatus.PUBLISHED
        else _("The guide is a draft again: readers no longer find it."),
    )
    return redirect("knowledge:guide-detail", slug=guide.slug)


@login_required
@require_POST
def step_ask(request, slug, step):
    """One click on a step: a request for counselling on it, for one's own organization."""
    guide = queries.guide_page(request.user, slug, _language())
    step = next((s for s in guide.steps.all() if s.pk == step), None)
    organization = next(
        (o for o in _own_organizations(request.user) if o.slug == request.POST.get("organization")),
        None,
    )
    if step is None or organization is None or guide.counselling_topic_id is None:
        raise Http404
    if not may(request.user, "knowledge.ask_from_guide", guide):
        raise PermissionDenied
    if not throttle.take(request):
        messages.error(request, _("Too many requests from here. Please try again later."))
        return redirect("knowledge:guide-detail", slug=guide.slug)
    found = progress(
        [step],
        organization_for_progress(organization.pk),
        language="de",
        as_of=timezone.localdate(),
    )
    state = found[step.pk].state if step.pk in found else ""
    asked = services.ask_for_counselling(guide, step, organization, by=request.user, state=state)
    messages.success(
        request,
        _(
            "Thank you. We have received your request and sent you a confirmation "
            "with the address of this page."
        ),
    )
    return redirect("counselling:request-status", token=asked.token)


@login_required
@require_http_methods(["GET", "HEAD"])
def manage_list(request):
    """The guides of the person's agencies, the ones due for review first."""
    if not roles_of(request.user).agencies and not roles_of(request.user).is_platform_admin:
        raise PermissionDenied
    today = timezone.localdate()
    guides = list(
        queries.guides_of_agencies(request.user)
        .select_related("agency", "owner")
        .order_by("review_on", "title", "id")
    )
    return render(
        request,
        "knowledge/manage_list.html",
        {
            "guides": [(g, g.review_due(today)) for g in guides],
            "portraits": [
                (p, p.review_on <= today)
                for p in queries.portraits_of_agencies(request.user)
                .select_related("organization")
                .order_by("review_on", "title", "id")
            ],
            "agencies": list(agencies_of_staff(request.user).order_by("name")),
        },
    )
