"""The public calls and the agency's calls."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gemeinsam.accounts.roles import may, roles_of
from gemeinsam.agencies.models import Agency
from gemeinsam.agencies.queries import agency_for
from gemeinsam.core import content

from .. import exports, queries, services
from ..forms import CallForm, show_problems
from ..inputs import Invalid


@require_http_methods(["GET", "HEAD"])
def call_list(request):
    calls = content.prefetch(list(queries.open_calls(timezone.localdate())))
    ids = roles_of(request.user).agencies
    # Staff reach their agency's calls from here, also before it has any.
    managed = Agency.objects.filter(pk__in=ids, is_active=True).order_by("name") if ids else []
    return render(request, "tandems/call_list.html", {"calls": calls, "managed_agencies": managed})


@require_http_methods(["GET", "HEAD"])
def call_detail(request, agency, slug):
    call = queries.call_for(request.user, agency, slug)
    content.prefetch([call])
    return render(
        request,
        "tandems/call_detail.html",
        {
            "call": call,
            "is_open": call.is_open(),
            "can_change": may(request.user, "tandems.change_call", call),
            "may_apply": bool(roles_of(request.user).organizations)
            or not request.user.is_authenticated,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def call_manage(request, agency):
    agency = agency_for(request.user, agency, "tandems.manage_calls")
    calls = content.prefetch(list(queries.calls_of_agency(agency)))
    return render(request, "tandems/call_manage.html", {"agency": agency, "calls": calls})


@login_required
@require_http_methods(["GET", "POST"])
def call_form(request, agency, slug=None):
    agency = agency_for(request.user, agency, "tandems.manage_calls")
    call = (
        queries.call_for(request.user, agency.slug, slug, "tandems.change_call") if slug else None
    )
    form = CallForm(request.POST or None, instance=call)
    if request.method == "POST" and form.is_valid():
        try:
            call = services.save_call(
                agency,
                form.to_input(),
                by=request.user,
                call=call,
                minor_edit=form.cleaned_data.get("minor_edit", False),
            )
        except Invalid as error:
            show_problems(form, error.problems)
        else:
            messages.success(request, _("The call has been saved."))
            return redirect(call.get_absolute_url())
    return render(request, "tandems/call_form.html", {"agency": agency, "call": call, "form": form})


@login_required
@require_http_methods(["GET", "HEAD"])
def giving_export(request, agency):
    agency = agency_for(request.user, agency, "tandems.manage_calls")
    data = exports.package(agency)
    if not data["grants"]:
        return render(request, "tandems/giving_empty.html", {"agency": agency})
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="360giving-{agency.slug}.json"'
    return response
