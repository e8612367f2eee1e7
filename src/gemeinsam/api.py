"""The API at /api/v1/, its OpenAPI document at /api/v1/openapi.json. Each app adds a router.

Every answer is JSON, errors included: `{"code": …, "detail": …, "errors": [...]}` (the `Error`
schema), with `detail` and each error's `message` in the caller's language (Accept-Language).
Bad input is the caller's problem and answers 4xx; only a bug of ours answers 500, and that is
logged like any other server error.
"""

from __future__ import annotations

import logging
import threading
from functools import wraps

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, path, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.conf import settings as ninja_settings
from ninja.errors import HttpError, Throttled, ValidationError
from ninja.throttling import BaseThrottle, SimpleRateThrottle

from gemeinsam.accounts.api import ApiTokenAuth
from gemeinsam.accounts.enums import ApiArea
from gemeinsam.core import api as core_api
from gemeinsam.counselling.api import router as counselling_router
from gemeinsam.events.api import router as events_router
from gemeinsam.funding.api import readiness_router
from gemeinsam.funding.api import router as funding_router
from gemeinsam.organizations.api import reference_router
from gemeinsam.organizations.api import router as organizations_router

logger = logging.getLogger("django.request")


class _Bucket(SimpleRateThrottle):
    """One caller's request history in the shared cache, for one request."""

    def __init__(self, *, scope: str, rate: str, ident) -> None:
        self.scope, self.ident = scope, ident
        super().__init__(rate)

    def get_cache_key(self, request: HttpRequest) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.ident}


class CallerThrottle(BaseThrottle):
    """Requests per token owner, or per IP address for anonymous callers.

    Rates come from NINJA_DEFAULT_THROTTLE_RATES ("auth" for tokens, "anon" otherwise), read on
    every request so that a changed setting applies at once; None switches a limit off. ninja
    keeps one throttle for all threads and asks `wait()` after `allow_request()`, so the
    request's bucket lives in a thread-local, not on the shared instance.
    """

    def __init__(self) -> None:
        self._local = threading.local()

    def allow_request(self, request: HttpRequest) -> bool:
        caller = getattr(request, "auth", None)
        if caller is not None and caller.is_authenticated:
            scope, ident = "auth", caller.pk
        else:
            scope, ident = "anon", self.get_ident(request)
        rate = ninja_settings.DEFAULT_THROTTLE_RATES.get(scope)
        if rate is None:
            return True
        self._local.bucket = _Bucket(scope=scope, rate=rate, ident=ident)
        return self._local.bucket.allow_request(request)

    def wait(self) -> float | None:
        return self._local.bucket.wait()


class GemeinsamAPI(NinjaAPI):
    """NinjaAPI whose every answer under /api/v1/ is JSON, and whose token is optional."""

    def _get_urls(self) -> list:
        urls = []
        for pattern in super()._get_urls():
            if pattern.name == "api-root":
                continue
            if isinstance(pattern, URLPattern):
                pattern.callback = _json_method_not_allowed(self, pattern.callback)
            urls.append(pattern)
        return [
            *urls,
            path("", lambda request: _index(self, request), name="api-root"),
            # Unknown paths answer a JSON 404 too, not the HTML page meant for browsers.
            re_path(
                r"^[\s\S]+$",  # any character, so a path with an encoded newline is caught too
                # No session or form behind it, so no CSRF check: a POST gets the JSON 404 too.
                csrf_exempt(
                    lambda request: _error(
                        self, request, 404, "not_found", _("There is nothing at this address.")
                    )
                ),
                name="not-found",
            ),
        ]

    def validation_error_from_error_contexts(self, error_contexts) -> ValidationError:
        # ninja maps a location inside a grouped Query[Schema] back to the parameter name only
        # when it is exactly a field: ["query", "page"], but ["query", "params", "kind", 0] for
        # a list item. Map prefixes too, so that callers only ever see their parameter names.
        flat = {}
        for context in error_contexts:
            flat.update(context.model.__ninja_flatten_map_reverse__)
        errors = super().validation_error_from_error_contexts(error_contexts).errors
        for error in errors:
            source, *rest = error["loc"]
            for n in range(len(rest), 0, -1):
                if tuple(rest[:n]) in flat:
                    rest = [*flat[tuple(rest[:n])], *rest[n:]]
                    break
            error["loc"] = (source, *rest)
        return ValidationError(errors)

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        # The token is optional: an empty requirement says "or no authentication at all".
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                security = operation.get("security")
                if security and {} not in security:
                    security.append({})
        return schema


def _json_method_not_allowed(api: NinjaAPI, view):
    # ninja answers a wrong method with a plain-text 405; keep its Allow header, answer JSON.
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and "json" not in response.get("Content-Type", ""):
            answer = _error(
                api, request, 405, "method_not_allowed", _("This method is not allowed here.")
            )
            answer["Allow"] = response["Allow"]
            return answer
        return response

    return wrapper


def _index(api: NinjaAPI, request: HttpRequest) -> HttpResponse:
    root = request.path
    return api.create_response(
        request,
        {
            "title": api.title,
            "version": api.version,
            "openapi": request.build_absolute_uri(f"{root}{api.openapi_url.lstrip('/')}"),
            "docs": request.build_absolute_uri(f"{root}{api.docs_url.lstrip('/')}"),
        },
        status=200,
    )


def _error(
    api: NinjaAPI,
    request: HttpRequest,
    status: int,
    code: str,
    detail: str,
    errors: list | None = None,
) -> HttpResponse:
    return api.create_response(request, core_api.error(code, detail, errors), status=status)


# --- Error answers -------------------------------------------------------------------------------


def _field_message(error: dict) -> str:
    """One parameter's problem in words a caller can act on, in the caller's language."""
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind in {"int_parsing", "int_type", "int_from_float", "int_parsing_size"}:
        return _("Enter a whole number.")
    if kind == "greater_than_equal":
        return _("Enter a number of at least %(limit)s.") % {"limit": ctx.get("ge")}
    if kind == "less_than_equal":
        return _("Enter a number no greater than %(limit)s.") % {"limit": ctx.get("le")}
    if kind == "day_too_early":
        return _("Enter a day no earlier than %(day)s.") % {"day": ctx.get("day")}
    if kind == "day_too_late":
        return _("Enter a day no later than %(day)s.") % {"day": ctx.get("day")}
    if kind == "string_too_long":
        return _("Use at most %(limit)s characters.") % {"limit": ctx.get("max_length")}
    if kind == "string_too_short":
        return _("This value must not be empty.")
    if kind == "too_long":
        return _("Give at most %(limit)s values.") % {"limit": ctx.get("max_length")}
    if kind in {"enum", "literal_error"}:
        return _("Choose one of: %(choices)s.") % {"choices": ctx.get("expected", "")}
    if kind == "string_pattern_mismatch":
        return _("This value contains characters that are not allowed.")
    if kind == "missing":
        return _("This value is required.")
    return _("This value is not valid.")


def _validation_error(api, request, exc: ValidationError) -> HttpResponse:
    errors = [
        {
            "loc": [str(part) if not isinstance(part, int) else part for part in e.get("loc", ())],
            "message": _field_message(e),
            "type": e.get("type", "invalid"),
        }
        for e in exc.errors
    ]
    return _error(api, request, 422, "invalid_request", _("Some parameters are not valid."), errors)


def _django_validation_error(api, request, exc: DjangoValidationError) -> HttpResponse:
    errors = [{"loc": [], "message": str(message), "type": "invalid"} for message in exc.messages]
    return _error(api, request, 422, "invalid_request", _("Some parameters are not valid."), errors)


def _http_error(api, request, exc: HttpError) -> HttpResponse:
    status = exc.status_code
    if isinstance(exc, Throttled):
        return _error(
            api,
            request,
            429,
            "throttled",
            _("Too many requests. Please wait a little and try again."),
        )
    if status == 401:
        answer = _error(api, request, 401, "not_authenticated", str(exc))
        answer["WWW-Authenticate"] = 'Bearer error="invalid_token"'
        return answer
    codes = {400: "bad_request", 403: "permission_denied", 404: "not_found"}
    return _error(api, request, status, codes.get(status, "error"), str(exc))


def _not_found(api, request, exc: Http404) -> HttpResponse:
    detail = str(exc) if exc.args else _("There is nothing at this address.")
    return _error(api, request, 404, "not_found", detail)


def _permission_denied(api, request, exc: PermissionDenied) -> HttpResponse:
    return _error(api, request, 403, "permission_denied", _("You may not do this."))


def _bad_request(api, request, exc: SuspiciousOperation) -> HttpResponse:
    return _error(api, request, 400, "bad_request", _("The request is malformed."))


def _server_error(api, request, exc: Exception) -> HttpResponse:
    # A bug of ours: log it where Django logs server errors (and mails ADMINS), answer JSON.
    logger.error(
        "Internal Server Error: %s",
        request.path,
        exc_info=exc,
        extra={"status_code": 500, "request": request},
    )
    answer = _error(
        api,
        request,
        500,
        "server_error",
        _("Something went wrong on our side. The error has been logged."),
    )
    # Logged above with its traceback; Django need not log (and mail) it a second time.
    answer._has_been_logged = True
    return answer


api = GemeinsamAPI(
    title="gemeinsam API",
    version="1",
    description=(
        "The directory of organizations, events and registration, counselling requests and "
        "cases, funding programmes and readiness checks. Without a token you see what a "
        "visitor of the website sees; with a token of agency staff you see what their role "
        "allows. Labels follow Accept-Language or `?lang=`."
    ),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
    # Which scopes a token needs where; see ApiTokenAuth. Every router's prefix is listed here.
    auth=ApiTokenAuth(
        areas={
            "organizations": ApiArea.ORGANIZATIONS,
            "reference": None,
            "events": ApiArea.EVENTS,
            "counselling": ApiArea.COUNSELLING,
            "funding": ApiArea.FUNDING,
            "readiness-checks": ApiArea.FUNDING,
        }
    ),
    throttle=[CallerThrottle()],
)
api.add_router("/organizations", organizations_router)
api.add_router("/reference", reference_router)
api.add_router("/events", events_router)
api.add_router("/counselling", counselling_router)
api.add_router("/funding", funding_router)
api.add_router("/readiness-checks", readiness_router)

for exc_class, handler in [
    (ValidationError, _validation_error),
    (DjangoValidationError, _django_validation_error),
    (HttpError, _http_error),
    (Http404, _not_found),
    (PermissionDenied, _permission_denied),
    (SuspiciousOperation, _bad_request),
    (Exception, _server_error),
]:
    api.add_exception_handler(exc_class, lambda request, exc, h=handler: h(api, request, exc))
