"""Funding over HTTP: /api/v1/funding/… — public, for anyone, with or without a token.

- `GET /programmes`: the catalogue with the web page's facets (kind, level, Land, field, words),
  through the same query (`queries.programmes.catalogue`); `GET /programmes/{code}`: one
  programme with its current rules' requirements.
- `GET /readiness-checks`: the checks and the facts each asks.
- `POST /readiness-checks/{code}/evaluate`: facts in, each requirement met, not met or unknown
  out, with what to do next, in the requested language. A fact that is not given is unknown,
  never "not met"; an unknown fact name or an impossible value (a founding date in the future,
  negative members) answers 422 with the problem at ["body", "facts", name].
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Query, Router

from gemeinsam.core import api, content
from gemeinsam.core.api import ERRORS, Error, LanguageParam, in_language

from . import ruledoc
from .documents import authority, guides, legal_basis
from .facts import FACTS, FactError, clean_facts
from .forms import facts_asked
from .models import Programme, ReadinessCheck
from .queries import programmes as queries
from .schemas import (
    CheckCode,
    CheckOut,
    EvaluateIn,
    EvaluationOut,
    ProgrammeCode,
    ProgrammeDetail,
    ProgrammePage,
    ProgrammeParams,
)

router = Router(tags=["funding"])


def _language() -> str:
    return (get_language() or "de").split("-")[0]


def _text(texts: dict | None, language: str) -> str:
    texts = texts or {}
    return texts.get(language) or texts.get("de", "")


def _amount(value) -> str | None:
    return None if value is None else str(value)


def programme_data(programme: Programme, *, today, language: str) -> dict:
    """A programme as the list shows it; expects its fields prefetched."""
    return {
        "code": programme.code,
        "name": content.text(programme, "name", language),
        "funder": programme.funder,
        "kind": programme.kind,
        "level": programme.level,
        "federal_states": list(programme.federal_states),
        "fields": sorted(f.code for f in programme.fields.all()),
        "amount_min": _amount(programme.amount_min),
        "amount_max": _amount(programme.amount_max),
        "funding_rate_percent": _amount(programme.funding_rate_percent),
        "own_share_percent": _amount(programme.own_share_percent),
        "duration_months": programme.duration_months,
        "next_deadline": programme.next_deadline(today),
        "checked_on": programme.checked_on,
        "possibly_outdated": programme.possibly_outdated(today),
        "unverified": list(programme.unverified),
        "summary": content.text(programme, "summary", language),
        "source_url": programme.source_url,
        "application_url": programme.application_url,
        "texts": {
            "language": language,
            "status": {name: content.status(programme, name, language) for name in TEXTS},
        },
    }


# The programme's own texts, in the language asked (the rules carry theirs in every language).
TEXTS = ("name", "summary")


def _check(code: str) -> ReadinessCheck:
    check = ReadinessCheck.objects.prefetch_related("rule_versions").filter(code=code).first()
    if check is None or check.current_rules is None:
        raise Http404(_("There is no readiness check at this address."))
    return check


# --- Operations ----------------------------------------------------------------------------------


@router.get("/programmes", response={200: ProgrammePage, **ERRORS}, summary="Funding programmes")
def programme_list(request: HttpRequest, params: Query[ProgrammeParams]):
    """The active programmes, by name, filtered like the catalogue page: several kinds, levels
    or fields widen the result; a Land keeps its own programmes and the nationwide ones."""
    filters = queries.CatalogueFilters(
        kind=[str(k.value) for k in params.kind],
        level=[str(v.value) for v in params.level],
        state=str(params.state.value) if params.state else "",
        field=list(params.field),
        q=params.q.strip(),
    )
    today = timezone.localdate()
    with in_language(params.lang):
        language = _language()
        rows, page = api.page(queries.catalogue(filters), params.page, params.page_size)
        return {
            **page,
            "results": [programme_data(p, today=today, language=language) for p in rows],
        }


@router.get(
    "/programmes/{code}",
    response={200: ProgrammeDetail, 404: Error, **ERRORS},
    summary="One funding programme",
)
def programme_detail(request: HttpRequest, code: ProgrammeCode, params: Query[LanguageParam]):
    """A programme with its current rules: each requirement with its explanation and legal basis.
    An unknown or withdrawn programme: 404."""
    with in_language(params.lang):
        programme = (
            content.prefetch(Programme.objects.prefetch_related("fields", "rule_versions"))
            .filter(code=code, is_active=True)
            .first()
        )
        if programme is None:
            raise Http404(_("There is no funding programme at this address."))
        language = _language()
        version = programme.current_rules
        requirements = version.document["requirements"] if version else []
        return {
            **programme_data(programme, today=timezone.localdate(), language=language),
            "deadline_kind": programme.deadline.get("kind", ""),
            "passes_on": programme.passes_on,
            "volunteer_work_counts": programme.volunteer_work_counts,
            "rule_version": version.number if version else None,
            "requirements": [
                {
                    "key": r["key"],
                    "title": _text(r.get("title"), language),
                    "explanation": _text(r.get("explanation"), language),
                    "legal_basis": legal_basis(r),
                }
                for r in requirements
            ],
        }


@router.get(
    "/readiness-checks", response={200: list[CheckOut], **ERRORS}, summary="Readiness checks"
)
def check_list(request: HttpRequest, params: Query[LanguageParam]):
    """The checks, each with the facts it asks: send them to `…/evaluate`."""
    with in_language(params.lang):
        language = _language()
        checks = ReadinessCheck.objects.prefetch_related("rule_versions").order_by(
            "position", "code"
        )
        answer = []
        for check in checks:
            version = check.current_rules
            if version is None:
                continue
            answer.append(
                {
                    "code": check.code,
                    "name": check.label_in(language),
                    "rule_version": version.number,
                    "facts": [
                        {
                            "name": name,
                            "type": FACTS[name].type,
                            "label": FACTS[name].label(language),
                            "choices": list(FACTS[name].choices),
                        }
                        for name in facts_asked(version.document)
                    ],
                }
            )
        return answer


@router.post(
    "/readiness-checks/{code}/evaluate",
    response={200: EvaluationOut, 400: Error, 404: Error, **ERRORS},
    summary="Evaluate a readiness check",
)
def check_evaluate(
    request: HttpRequest, code: CheckCode, body: EvaluateIn, params: Query[LanguageParam]
):
    """Facts in, result out; nothing is stored.

    - 200: each requirement met, not_met or unknown, with what to do next, in the requested
      language; `status` is met only when every requirement is.
    - 400: the body is not JSON.
    - 404: no such check.
    - 422: an unknown fact or an impossible value, each at ["body", "facts", name].
    """
    with in_language(params.lang):
        check = _check(code)
        version = check.current_rules
        as_of = body.as_of or timezone.localdate()
        try:
            facts = clean_facts(body.facts, as_of=as_of)
        except FactError as error:
            return api.invalid(
                [(["body", "facts", name], problem) for name, problem in error.problems.items()]
            )
        result = ruledoc.evaluate(version.document, facts, as_of=as_of)
        language = _language()
        state = facts.get("federal_state", "")
        return {
            "check": check.code,
            "rule_version": version.number,
            "as_of": as_of,
            "status": result.status,
            "requirements": [
                {
                    "key": r.key,
                    "status": r.status,
                    "fixed": r.fixed,
                    "routes": [
                        {"name": route.text(language), "status": route.status} for route in r.routes
                    ],
                    "met_on": r.met_on,
                    "title": r.text("title", language),
                    "explanation": r.text("explanation", language),
                    "next_step": r.text("next_step", language),
                    "legal_basis": legal_basis(r.requirement, state),
                    "documents": [_text(d, language) for d in r.requirement.get("documents", [])],
                    "source": r.requirement.get("source", ""),
                    "unknown_facts": r.unknown_facts,
                }
                for r in result.requirements
            ],
            "authority": _authority(version.document, state, language),
            "guides": guides(version.document, language, state),
        }


def _authority(document: dict, state: str, language: str) -> dict | None:
    found = authority(document, state, language)
    return found and {"text": found["text"], "name": found["name"]}


# The issue's own address for evaluation, /api/v1/readiness-checks/{code}/evaluate, answers the
# same as the one under /funding/.
readiness_router = Router(tags=["funding"])


@readiness_router.post(
    "/{code}/evaluate",
    response={200: EvaluationOut, 400: Error, 404: Error, **ERRORS},
    summary="Evaluate a readiness check (short address)",
)
def readiness_check_evaluate(
    request: HttpRequest, code: CheckCode, body: EvaluateIn, params: Query[LanguageParam]
):
    """The same as `POST /funding/readiness-checks/{code}/evaluate`: facts in, result out."""
    return check_evaluate(request, code, body, params)
