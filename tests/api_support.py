"""Calling the API as a script would: no session, a bearer token or nothing."""

from __future__ import annotations

from django.test import Client

from gemeinsam.accounts.enums import SCOPES
from gemeinsam.accounts.models import ApiToken

API = "/api/v1"


def token_for(user, name: str = "test script", *, scopes=SCOPES, days: int = 90) -> str:
    """A token of `user`; unless a test names scopes, one that may read and write everywhere."""
    _token, raw = ApiToken.issue(user=user, name=name, scopes=list(scopes), days=days)
    return raw


def call(
    path: str,
    *,
    token: str | None = None,
    method: str = "get",
    client: Client | None = None,
    headers: dict | None = None,
    accept_language: str | None = "en",
    **params,
):
    """GET (or `method`) API + path with query parameters; lists become repeated parameters.

    Answers are asked for in English unless a test says otherwise (`accept_language=None` sends no
    Accept-Language), so that assertions read like the source strings.
    """
    headers = dict(headers or {})
    if accept_language is not None:
        headers.setdefault("Accept-Language", accept_language)
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    client = client or Client()
    return getattr(client, method)(f"{API}{path}", data=params or None, headers=headers)


def slugs(response) -> list[str]:
    return [item["slug"] for item in response.json()["results"]]
