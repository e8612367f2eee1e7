"""Who is calling the API: a bearer token, or nobody.

The API knows callers only by `Authorization: Bearer <token>`. Session cookies are ignored, so an
answer depends on the token alone and a logged-in browser cannot lend its rights to a script.

- No Authorization header: an anonymous caller, who sees what a visitor sees.
- A valid token: its owner. Rights follow the person *now*: a token of someone who has left their
  agency still authenticates, but `sees_unlisted` and the rules no longer grant staff rights.
- Anything else (unknown or revoked token, a user who was deactivated, another scheme): 401.
  A bad token is never quietly treated as anonymous, or a client would not notice that its
  token stopped working and would silently get less data.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from .models import ApiToken, User

# `last_used_at` is a hint for people tidying up tokens, not an access log; writing it at most
# once a minute keeps a busy client from turning every read into a database write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class InvalidToken(AuthenticationError):
    def __init__(self) -> None:
        super().__init__(message=str(_("This API token is not valid.")))


class ApiTokenAuth(HttpBearer):
    """Optional bearer authentication; see the module docstring for the three outcomes."""

    openapi_description = (
        "An API token of agency staff or a platform admin (`gemeinsam issue-api-token EMAIL "
        "--name NAME`). Without a token the API answers as to an anonymous visitor: public "
        "organizations and public fields only."
    )

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
        if api_token.last_used_at is None or now - api_token.last_used_at >= LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        return api_token.user
