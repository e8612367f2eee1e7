"""Asking for counselling and following it: the request form, the status page behind the
request's link, and a member's own requests and the shared parts of their cases.

The status page needs no account: whoever holds the unguessable token asked (like the events'
personal links); an unknown token answers 404. Shared cases are fetched through the person
(`queries.cases_shared_with`), so a case of another organization is simply not there (404), and
only what `queries.shared_timeline` gives is ever shown: never notes, summaries or unshared
documents.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from gemeinsam.accounts.roles import may

from .. import queries, services, throttle
from ..enums import AccessKind, RequestStatus, RoutedBy
from ..forms.public import RequestForm
from ..inputs import mail_language
from ..models import Case, Document, Request, Topic


def public_status(request: Request) -> str:
    """The status as the person asking sees it: a new request passed on reads "forwarded"."""
    if request.status == RequestStatus.NEW and request.routed_by == RoutedBy.FORWARDED:
        return "forwarded"
    return request.status


@require_http_methods(["GET", "HEAD", "POST"])
def request_create(request):
    # A readiness check's "ask for counselling" link preselects its topic (?topic=code).
    initial = {"topics": list(Topic.objects.filter(code__in=request.GET.getlist("topic")))}
    form = RequestForm(
        request.POST if request.method == "POST" else None, user=request.user, initial=initial
    )
    if request.method == "POST" and form.is_spam:
        # Looks like success to the bot; nothing is stored, nothing counted.
        messages.success(request, _("Thank you. We have received your request."))
        return redirect("counselling:request-create")
    throttled = False
    if request.method == "POST" and form.is_valid():
        if not throttle.take(request):
            throttled = True
        else:
            try:
                submitted = services.public.submit_request(
                    form.to_input(mail_language=mail_language(get_language())), by=form.user
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(
                    request,
                    _(
                        "Thank you. We have received your request. Keep the address of this "
                        "page: here you can see what becomes of it."
                    )
                    if not submitted.contact.email
                    else _(
                        "Thank you. We have received your request and sent you a confirmation "
                        "with the address of this page."
                    ),
                )
                return redirect("counselling:request-status", token=submitted.token)
    return render(
        request,
        "counselling/public/request_form.html",
        {"form": form, "throttled": throttled},
        status=429 if throttled else 200,
    )


def _request_by_token(token: str) -> Request:
    return get_object_or_404(
        Request.objects.select_related("agency", "organization", "language").prefetch_related(
            "topics"
        ),
        token=token,
    )


# The page holds the request's details for whoever has its link: no cache keeps a copy.
@never_cache
@require_http_methods(["GET", "HEAD"])
def request_status(request, token):
    counselling_request = _request_by_token(token)
    return render(
        request,
        "counselling/public/request_status.html",
        {
            "counselling_request": counselling_request,
            "status": public_status(counselling_request),
            "agency": counselling_request.agency,
            "can_withdraw": counselling_request.status == RequestStatus.NEW,
        },
    )


@require_POST
def request_withdraw(request, token):
    counselling_request = _request_by_token(token)
    try:
        services.public.withdraw_request(counselling_request)
    except ValidationError:
        messages.error(request, _("This request has already been dealt with."))
    else:
        messages.success(request, _("You have withdrawn your request."))
    return redirect("counselling:request-status", token=counselling_request.token)


@login_required
@require_http_methods(["GET", "HEAD"])
def my_counselling(request):
    own_requests = queries.requests_of(request.user).order_by("-created_at", "-id")
    cases = queries.cases_shared_with(request.user).order_by("-opened_on", "-id")
    return render(
        request,
        "counselling/public/my_counselling.html",
        {
            "requests": [(r, public_status(r)) for r in own_requests],
            "cases": list(cases),
        },
    )


def _shared_case(request, pk: int) -> Case:
    case = get_object_or_404(queries.cases_shared_with(request.user), pk=pk)
    if not may(request.user, "counselling.view_shared_case", case):
        raise Http404
    return case


@login_required
@require_http_methods(["GET", "HEAD"])
def shared_case(request, pk):
    case = _shared_case(request, pk)
    advisors = [a.name or a.email for a in case.advisors.order_by("name", "id")]
    return render(
        request,
        "counselling/public/shared_case.html",
        {
            "case": case,
            "agency": case.agency,
            "advisors": advisors,
            "topics": list(case.topics.all()),
            **queries.shared_timeline(case),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def shared_document(request, pk, doc):
    case = _shared_case(request, pk)
    document = get_object_or_404(Document.objects.filter(case=case, is_shared=True), pk=doc)
    try:
        handle = document.file.open("rb")
    except (OSError, ValueError) as error:
        raise Http404 from error
    services.timeline.log_access(case, request.user, AccessKind.READ_DOCUMENT, document)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type or "application/octet-stream",
    )
