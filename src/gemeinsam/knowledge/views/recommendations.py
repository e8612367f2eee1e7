"""Recommendations: the public list (by addressee) and page with their status updates, and the
staff's form, publishing and follow-up."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gemeinsam.accounts.roles import may
from gemeinsam.agencies.queries import agency_for

from .. import queries, services
from ..enums import Addressee, GuideStatus
from ..forms import RecommendationForm, UpdateForm


def _language() -> str:
    return (get_language() or "de").split("-")[0]


@require_http_methods(["GET", "HEAD"])
def recommendation_list(request):
    addressee = request.GET.get("addressee", "")
    if addressee not in Addressee.values:
        addressee = ""
    base = reverse("knowledge:recommendation-list")
    return render(
        request,
        "knowledge/recommendation_list.html",
        {
            "recommendations": queries.recommendation_list(request.user, _language(), addressee),
            "filters": [
                (_("all"), base, not addressee),
                *[
                    (label, f"{base}?addressee={code}", code == addressee)
                    for code, label in Addressee.choices
                ],
            ],
        },
    )


@require_http_methods(["GET", "HEAD"])
def recommendation_detail(request, pk):
    recommendation = queries.recommendation_page(request.user, pk, _language())
    may_change = may(request.user, "knowledge.change_recommendation", recommendation)
    return render(
        request,
        "knowledge/recommendation_detail.html",
        {
            "recommendation": recommendation,
            "may_change": may_change,
            "may_publish": may(request.user, "knowledge.publish_recommendation", recommendation),
            "update_form": UpdateForm(initial={"on": timezone.localdate()}) if may_change else None,
        },
    )


def _form_page(request, *, agency, recommendation=None):
    data = request.POST if request.method == "POST" else None
    form = RecommendationForm(data, instance=recommendation, agency=agency)
    if data is not None and form.is_valid():
        try:
            saved = services.save_recommendation(
                agency, form.to_input(), by=request.user, recommendation=recommendation
            )
        except ValidationError as error:
            for name, problems in error.message_dict.items():
                form.add_error(name if name in form.fields else None, problems)
        else:
            messages.success(request, _("The recommendation has been saved."))
            return redirect("knowledge:recommendation-detail", pk=saved.pk)
    return render(
        request,
        "knowledge/recommendation_form.html",
        {"form": form, "agency": agency, "recommendation": recommendation},
    )


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_create(request, agency):
    agency = agency_for(request.user, agency, "knowledge.add_recommendation")
    return _form_page(request, agency=agency)


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_update(request, pk):
    recommendation = queries.recommendation_for(request.user, pk, "knowledge.change_recommendation")
    return _form_page(request, agency=recommendation.agency, recommendation=recommendation)


@login_required
@require_POST
def recommendation_publish(request, pk):
    recommendation = queries.recommendation_for(
        request.user, pk, "knowledge.publish_recommendation"
    )
    status = request.POST.get("status", "")
    if status not in GuideStatus.values:
        raise Http404
    services.set_recommendation_status(recommendation, status, by=request.user)
    messages.success(request, _("The recommendation's status has been changed."))
    return redirect("knowledge:recommendation-detail", pk=recommendation.pk)


@login_required
@require_POST
def update_add(request, pk):
    recommendation = queries.recommendation_for(request.user, pk, "knowledge.change_recommendation")
    form = UpdateForm(request.POST)
    if form.is_valid():
        services.add_update(recommendation, form.to_input(), by=request.user)
        messages.success(request, _("The status update has been added."))
    else:
        messages.error(request, _("Please give the date and what happened."))
    return redirect("knowledge:recommendation-detail", pk=recommendation.pk)
