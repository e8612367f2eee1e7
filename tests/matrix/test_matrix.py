"""One table lists every URL with the answer each role gets; one test walks it all.

Answers: 200 = the page, 302 = done and redirected, LOGIN = sent to log in, 403 = seen but not
allowed, 404 = not there for this person (outsiders never learn that something exists).
Each area's rows are in `tests/matrix/<area>.py`; a URL pattern without a row fails
`test_every_url_pattern_is_in_the_matrix`.
"""

from __future__ import annotations

import importlib

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.matrix import LOGIN, ROLES

AREAS = [
    "site",
    "organizations",
    "agencies",
    "events",
    "events_staff",
    "rooms",
    "counselling_public",
    "counselling_staff",
    "counselling_timeline",
    "counselling_appointments",
    "counselling_gdpr",
    "counselling_reports",
    "funding",
    "funding_gap",
    "funding_overview",
    "funding_watch",
    "translations",
    "tandems",
    "surveys",
    "knowledge",
    "committees",
]
CASES = [case for area in AREAS for case in importlib.import_module(f"tests.matrix.{area}").CASES]

# URL names that belong to libraries and are covered by their own tests; the matrix only checks
# that our configuration still lets the right people in (samples above and in test_accounts).
EXTERNAL_PREFIXES = ("admin:", "account_", "mfa_", "api:")
EXTERNAL_NAMES = {"set_language"}


def _all_url_names(patterns=None, namespace="") -> set[str]:
    names = set()
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            names |= _all_url_names(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            names.add(f"{namespace}{p.name}")
    return names


def test_every_url_pattern_is_in_the_matrix():
    covered = {case.name for case in CASES}
    ours = {
        name
        for name in _all_url_names()
        if not name.startswith(EXTERNAL_PREFIXES) and name not in EXTERNAL_NAMES
    }
    assert sorted(ours - covered) == []


def _answer(response, client_path: str) -> int | str:
    if response.status_code == 302 and "/login/" in response["Location"]:
        return LOGIN
    return response.status_code


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_permission_matrix(case, role, world, client_for):
    client = client_for(None if role == "anonymous" else getattr(world, role))
    url = reverse(case.name, kwargs=case.kwargs(world)) + case.query
    response = getattr(client, case.method)(url, data=case.data(world))
    assert _answer(response, url) == case.expect[role]
