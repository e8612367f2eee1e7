"""Who is calling the API: a bearer token, or nobody.

The API knows callers only by `Authorization: Bearer <token>`. Session cookies are ignored, so an
answer depends on the token alone and a logged-in browser cannot lend its rights to a script.

- No Authorization header: an anonymous caller, who sees what a visitor sees.
- A valid token: its owner. Rights follow the person *now*: a token of someone who has left their
  agency still authenticates, but `sees_unlisted` and the rules no longer grant staff rights.
- Anything else (unknown, revoked or expired token, a user who was deactivated, another
  scheme): 401. A bad token is never quietly treated as anonymous, or a client would not notice
  that its token stopped working and would silently get less data.
- A valid token used beyond its scopes (reading an area it has no scope for, writing without
  the area's write scope), or a token of staff who must but do not use two-factor log-in: 403.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer

from .enums import ApiAccess, ApiArea
from .models import ApiToken, User
from .rules import needs_two_factor

# `last_used_at` is a hint for people tidying up tokens, not an access log; writing it at most
# once a minute keeps a busy client from turning every read into a database write.
LAST_USED_RESOLUTION = timedelta(minutes=1)
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class InvalidToken(AuthenticationError):
    def __init__(self, message: str | None = None) -> None:
        super().__init__(message=message or _("This API token is not valid."))


class ApiTokenAuth(HttpBearer):
    """Optional bearer authentication; see the module docstring for the outcomes.

    `areas` maps the first part of an operation's path (`events` in /api/v1/events/12) to the
    area whose scopes a token needs there; None means any token may call it (reference lists,
    which answer everybody alike). A path in no area is refused to every token.
    """

    openapi_description = (
        "An API token of agency staff or a platform admin (`gemeinsam issue-api-token EMAIL "
        "--name NAME [--days N] [--scope AREA:read|write ...]`). It expires, and reads or "
        "writes only the areas its scopes name (organizations, events, counselling, funding); "
        "beyond them it answers 403. Without a token the API answers as to an anonymous "
        "visitor: public organizations and public fields only."
    )

    def __init__(self, *, areas: dict[str, ApiArea | None]) -> None:
        super().__init__()
        self.areas = areas

    def __call__(self, request: HttpRequest) -> User | AnonymousUser:
        header = request.headers.get(self.header)
        if header is None:
            caller = AnonymousUser()
        else:
            scheme, _sep, raw = header.strip().partition(" ")
            if scheme.lower() != self.openapi_scheme or not raw.strip():
                raise InvalidToken
            caller = self.authenticate(request, raw.strip())
            if caller is None:
                raise InvalidToken
        # Everything downstream (rules, middleware deciding on Cache-Control) asks request.user;
        # within the API that must be the token's owner, not whoever the session cookie names.
        request.user = caller
        return caller

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        api_token = ApiToken.objects.for_raw(token).select_related("user").first()
        if api_token is None:
            return None
        now = timezone.now()
        if api_token.has_expired(now):
            raise InvalidToken(
                _("This API token expired on %(day)s. Ask for a new one.")
                % {"day": formats.date_format(api_token.expires_at, "DATE_FORMAT")}
            )
        self._check_scope(request, api_token)
        if settings.GEMEINSAM_REQUIRE_STAFF_2FA and needs_two_factor(api_token.user):
            raise HttpError(
                403,
                _(
                    "The owner of this token must set up two-factor log-in before the token "
                    "can be used."
                ),
            )
        if api_token.last_used_at is None or now - api_token.last_used_at >= LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        return api_token.user

    def _check_scope(self, request: HttpRequest, api_token: ApiToken) -> None:
        root = reverse("api:api-root")
        part = request.path_info.removeprefix(root).split("/", 1)[0]
        access = ApiAccess.READ if request.method in SAFE_METHODS else ApiAccess.WRITE
        if part in self.areas and self.areas[part] is None:
            return
        area = self.areas.get(part)
        if area is None or not api_token.allows(area, access):
            what = (
                _("This token may not read %(area)s.")
                if access == ApiAccess.READ
                else _("This token may not change %(area)s.")
            )
            label = ApiArea(area).label if area else part
            raise HttpError(
                403,
                f"{what % {'area': label}} "
                + _("Its scopes: %(scopes)s.") % {"scopes": ", ".join(api_token.scopes) or "-"},
            )
