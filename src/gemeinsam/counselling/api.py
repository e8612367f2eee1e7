"""Counselling over HTTP: /api/v1/counselling/…

- `GET /topics`: the topics one can ask about (public), codes for `POST /requests`.
- `POST /requests`: anyone asks for counselling, as on the web form and through the same service:
  routed to the agency for the region, with the same limit per client address
  (`GEMEINSAM_REQUEST_RATE`, shared with the form). 201 with the status page's address; 422 with
  each problem at its place; 429 when over the limit (nothing stored).
- Staff (a token of agency staff): `GET /cases`, `GET /cases/{id}` and `GET /requests` (the
  intake queue) of the caller's agencies. Never internal notes, session summaries or documents.
  Anyone else gets 403 for the lists and 404 for a case, as for a case of another agency.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.errors import HttpError

from gemeinsam.accounts.roles import may
from gemeinsam.core import api
from gemeinsam.core.api import ERRORS, Error, LanguageParam, Reference, in_language
from gemeinsam.organizations.models import WorkingLanguage

from . import queries, services, throttle
from .inputs import RequestInput, mail_language, request_problems
from .models import Case, Request, Topic
from .rules import is_counselling_staff
from .schemas import (
    CaseDetail,
    CaseId,
    CasePage,
    CaseParams,
    RequestCreated,
    RequestIn,
    RequestPage,
    RequestParams,
)

router = Router(tags=["counselling"])


# --- Building answers ----------------------------------------------------------------------------


def _named(obj, attribute: str = "name") -> dict | None:
    return {"id": obj.pk, "name": getattr(obj, attribute)} if obj is not None else None


def _person(user) -> str:
    return user.name or user.email


def case_data(case: Case) -> dict:
    """A case without confidential content; expects `queries.case_list`'s related rows."""
    return {
        "id": case.pk,
        "reference": case.reference,
        "title": case.title,
        "case_type": case.case_type,
        "status": case.status,
        "agency": _named(case.agency),
        "opened_on": case.opened_on,
        "closed_on": case.closed_on,
        "organizations": [_named(o) for o in case.organizations.all()],
        "advisors": sorted(_person(a) for a in case.advisors.all()),
        "topics": [t.code for t in case.topics.all()],
        "language": case.language.code if case.language else None,
        "project": {"id": case.project.pk, "title": case.project.title} if case.project else None,
    }


def case_detail_data(case: Case) -> dict:
    return {
        **case_data(case),
        "sessions": [
            {
                "held_on": s.held_on,
                "duration_minutes": s.duration_minutes,
                "channel": s.channel,
                "next_steps": s.next_steps,
            }
            for s in case.sessions.all()
        ],
        "tasks": [
            {
                "id": t.pk,
                "title": t.title,
                "due_on": t.due_on,
                "done": t.done_at is not None,
                "done_at": t.done_at,
                "is_shared": t.is_shared,
                "assignee": _person(t.assignee) if t.assignee else None,
            }
            for t in case.tasks.all()
        ],
        "outcomes": [
            {
                "kind": o.kind,
                "achieved_on": o.achieved_on,
                "programme": o.programme,
                "amount": str(o.amount) if o.amount is not None else None,
            }
            for o in case.outcomes.all()
        ],
        "appointments": [
            {
                "id": a.pk,
                "title": a.title,
                "starts_at": a.starts_at,
                "ends_at": a.ends_at,
                "channel": a.channel,
                "advisor": _person(a.advisor),
                "cancelled": a.cancelled_at is not None,
            }
            for a in case.appointments.all()
        ],
    }


def request_data(r: Request) -> dict:
    return {
        "id": r.pk,
        "status": r.status,
        "created_at": r.created_at,
        "agency": _named(r.agency),
        "routed_by": r.routed_by,
        "topics": [t.code for t in r.topics.all()],
        "language": r.language.code if r.language else None,
        "channel": r.channel,
        "preferred_times": r.preferred_times,
        "description": r.description,
        "postcode": r.postcode,
        "federal_state": r.federal_state,
        "organization": _named(r.organization),
        "organization_name": r.organization_name,
        "contact": {"name": r.contact.name, "email": r.contact.email, "phone": r.contact.phone},
        "suggested_advisors": sorted(_person(u) for u in r.suggested_advisors.all()),
    }


def _staff_only(request: HttpRequest) -> None:
    if not is_counselling_staff(request.auth):
        raise HttpError(403, _("Only the staff of an agency see its counselling."))


# --- Operations ----------------------------------------------------------------------------------


@router.get("/topics", response={200: list[Reference], **ERRORS}, summary="Counselling topics")
def topic_list(request: HttpRequest, params: Query[LanguageParam]):
    """What one can ask about; use the codes in `POST /counselling/requests`."""
    with in_language(params.lang):
        return [{"code": t.code, "label": t.label} for t in Topic.objects.order_by("position")]


def _parse_request(body: RequestIn, user) -> tuple[RequestInput, list[tuple[list, str]]]:
    """The body as the input the web form makes too, and the codes that name nothing."""
    problems: list[tuple[list, str]] = []
    topics = {t.code: t for t in Topic.objects.filter(code__in=body.topics)}
    for position, code in enumerate(body.topics):
        if code not in topics:
            problems.append((["body", "topics", position], _("There is no topic with this code.")))
    language = None
    if body.language:
        language = WorkingLanguage.objects.filter(code=body.language).first()
        if language is None:
            problems.append((["body", "language"], _("There is no language with this code.")))
    organization = None
    if body.organization is not None:
        organization = queries.own_organizations(user).filter(pk=body.organization).first()
    data = RequestInput(
        topics=tuple(topics[code] for code in dict.fromkeys(body.topics) if code in topics),
        description=body.description.strip(),
        channel=body.channel,
        consent=body.consent,
        language=language,
        preferred_times=body.preferred_times.strip(),
        postcode=body.postcode,
        federal_state=body.federal_state.value if body.federal_state else "",
        name=body.name.strip(),
        email=body.email,
        phone=body.phone,
        organization=organization,
        organization_name="" if organization else body.organization_name.strip(),
        mail_language=mail_language(body.mail_language, translation.get_language()),
    )
    return data, problems


@router.post(
    "/requests",
    response={201: RequestCreated, 400: Error, **ERRORS},
    summary="Ask for counselling",
)
def request_create(request: HttpRequest, body: RequestIn):
    """Ask for counselling, as the web form does; the request is routed to the regional agency
    and the person gets a confirmation mail when an email address is known.

    - 201: stored; `status_url` is the page where the person follows the request.
    - 400: the body is not JSON.
    - 422: a field is invalid (an unknown topic or language, no way to answer, no consent).
    - 429: too many requests from this address (`GEMEINSAM_REQUEST_RATE`); nothing is stored.
    """
    user = request.auth if request.auth is not None and request.auth.is_authenticated else None
    data, problems = _parse_request(body, user)
    named = {loc[1] for loc, _message in problems}
    checked = request_problems(data, answered_by_account=user is not None)
    problems += [(["body", f], m) for f, m in checked.items() if f not in named]
    if problems:
        return api.invalid(problems)
    if not throttle.take(request):
        return Status(
            429,
            api.error("throttled", _("You have sent too many requests in a short time.")),
        )
    try:
        submitted = services.public.submit_request(data, by=user)
    except DjangoValidationError as error:
        return api.invalid([(["body", f], m) for f, ms in error.message_dict.items() for m in ms])
    with translation.override(data.mail_language):
        path = reverse("counselling:request-status", kwargs={"token": submitted.token})
    return Status(
        201,
        {
            "id": submitted.pk,
            "status": submitted.status,
            "agency": _named(submitted.agency),
            "status_url": request.build_absolute_uri(path),
        },
    )


@router.get(
    "/requests",
    response={200: RequestPage, 403: Error, **ERRORS},
    summary="The intake queue (staff)",
)
def request_list(request: HttpRequest, params: Query[RequestParams]):
    """Requests routed to the caller's agencies, and those no agency covers, oldest first."""
    _staff_only(request)
    requests = (
        queries.requests_visible_to(request.auth)
        .filter(status=params.status)
        .select_related("contact", "organization", "language", "agency")
        .prefetch_related("topics", "suggested_advisors")
        .order_by("created_at", "id")
    )
    if params.agency:
        requests = requests.filter(agency__slug=params.agency)
    rows, page = api.page(requests, params.page, params.page_size)
    return {**page, "results": [request_data(r) for r in rows]}


@router.get("/cases", response={200: CasePage, 403: Error, **ERRORS}, summary="Cases (staff)")
def case_list(request: HttpRequest, params: Query[CaseParams]):
    """The cases of the caller's agencies, newest first; no confidential content."""
    _staff_only(request)
    cases = queries.case_list(
        request.auth, status=params.status.value if params.status else ""
    ).order_by("-opened_on", "-id")
    if params.agency:
        cases = cases.filter(agency__slug=params.agency)
    rows, page = api.page(cases, params.page, params.page_size)
    return {**page, "results": [case_data(c) for c in rows]}


@router.get(
    "/cases/{int:case_id}", response={200: CaseDetail, 404: Error, **ERRORS}, summary="One case"
)
def case_detail(request: HttpRequest, case_id: CaseId):
    """A case with its sessions (next steps, never the summary), tasks, outcomes and
    appointments. A case of another agency, or any case for a caller who is not staff: 404."""
    try:
        case = queries.case_detail(request.auth, case_id)
    except Case.DoesNotExist:
        case = None
    if case is None or not may(request.auth, "counselling.view_case", case):
        raise Http404(_("There is no case at this address."))
    return case_detail_data(case)
