"""Portraits of organizations: the public page, the staff's form, publishing, and the
withdrawal of consent that takes a portrait off every page at once."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gemeinsam.accounts.roles import may
from gemeinsam.agencies.queries import agency_for
from gemeinsam.organizations.queries import organizations_visible_to

from .. import queries, services
from ..enums import GuideStatus
from ..forms import PortraitForm


@require_http_methods(["GET", "HEAD"])
def portrait_detail(request, pk):
    portrait = queries.portrait_page(request.user, pk, (get_language() or "de").split("-")[0])
    return render(
        request,
        "knowledge/portrait_detail.html",
        {
            "portrait": portrait,
            "may_change": may(request.user, "knowledge.change_portrait", portrait),
            "may_publish": may(request.user, "knowledge.publish_portrait", portrait),
            "may_withdraw": portrait.withdrawn_at is None
            and may(request.user, "knowledge.withdraw_portrait", portrait),
        },
    )


def _form_page(request, *, agency, portrait=None):
    data = request.POST if request.method == "POST" else None
    form = PortraitForm(
        data,
        instance=portrait,
        agency=agency,
        organizations=organizations_visible_to(request.user),
    )
    if data is not None and form.is_valid():
        organization = form.cleaned_data["organization"]
        try:
            with transaction.atomic():
                if portrait is None:
                    portrait = services.create_portrait(
                        agency, organization, form.to_input(), by=request.user
                    )
                else:
                    portrait = services.update_portrait(
                        portrait, organization, form.to_input(), by=request.user
                    )
        except ValidationError as error:
            for name, problems in error.message_dict.items():
                field = "consent_email" if name == "consent_by" else name
                form.add_error(field if field in form.fields else None, problems)
        else:
            messages.success(request, _("The portrait has been saved."))
            return redirect("knowledge:portrait-detail", pk=portrait.pk)
    return render(
        request,
        "knowledge/portrait_form.html",
        {"form": form, "agency": agency, "portrait": portrait},
    )


@login_required
@require_http_methods(["GET", "POST"])
def portrait_create(request, agency):
    agency = agency_for(request.user, agency, "knowledge.add_portrait")
    return _form_page(request, agency=agency)


@login_required
@require_http_methods(["GET", "POST"])
def portrait_update(request, pk):
    portrait = queries.portrait_for(request.user, pk, "knowledge.change_portrait")
    return _form_page(request, agency=portrait.agency, portrait=portrait)


@login_required
@require_POST
def portrait_publish(request, pk):
    portrait = queries.portrait_for(request.user, pk, "knowledge.publish_portrait")
    status = request.POST.get("status", "")
    if status not in GuideStatus.values:
        raise Http404
    try:
        services.set_portrait_status(portrait, status, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The portrait has been published.")
            if status == GuideStatus.PUBLISHED
            else _("The portrait is a draft again."),
        )
    return redirect("knowledge:portrait-detail", pk=portrait.pk)


@login_required
@require_POST
def portrait_withdraw(request, pk):
    portrait = queries.portrait_for(request.user, pk, "knowledge.withdraw_portrait")
    services.withdraw_consent(portrait, by=request.user)
    messages.success(request, _("The consent is withdrawn: the portrait is no longer shown."))
    return redirect("knowledge:portrait-detail", pk=portrait.pk)
