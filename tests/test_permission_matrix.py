"""One table lists every URL with the answer each role gets; one test walks it all.

Answers: 200 = the page, 302 = done and redirected, LOGIN = sent to log in, 403 = seen but not
allowed, 404 = not there for this person (outsiders never learn that something exists).
A URL pattern without a row here fails `test_every_url_pattern_is_in_the_matrix`.
"""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from gemeinsam.organizations.enums import MembershipStatus
from gemeinsam.organizations.models import ImportBatch, Invitation
from tests import factories
from tests.matrix import (
    LOGIN,
    ROLES,
    Case,
    counselling_appointments,
    counselling_gdpr,
    counselling_public,
    counselling_reports,
    counselling_staff,
    counselling_timeline,
    everyone,
    logged_in,
    staff_only,
)
from tests.matrix import events as events_cases
from tests.matrix import events_staff as events_staff_cases
from tests.matrix import funding as funding_cases
from tests.matrix import funding_gap as funding_gap_cases
from tests.matrix import funding_overview as funding_overview_cases
from tests.matrix import funding_watch as funding_watch_cases
from tests.matrix import rooms as rooms_cases


def _pending_claim(w):
    claimant = factories.make_user("claimant@example.org")
    return factories.make_membership(w.org_b, claimant, status=MembershipStatus.PENDING)


def _import_batch(w):
    return ImportBatch.objects.create(
        original_name="liste.csv",
        uploaded_by=w.advisor_x,
        mapping=["name"],
        file=ContentFile(b"Name\r\nVerein\r\n", name="liste.csv"),
    )


def _invitation(w):
    return Invitation.objects.create(
        organization=w.org_b, email="member.a@example.org", role="member", invited_by=w.member_b
    )


org_a_private = {
    "anonymous": 404,
    "member_a": 200,
    "member_b": 404,
    "advisor_x": 200,
    "advisor_y": 200,
    "manager_x": 200,
    "admin": 200,
}
change_org_a = {
    "anonymous": LOGIN,
    "member_a": 200,
    "member_b": 404,
    "advisor_x": 200,
    "advisor_y": 200,
    "manager_x": 200,
    "admin": 200,
}
change_org_b = {
    "anonymous": LOGIN,
    "member_a": 403,
    "member_b": 200,
    "advisor_x": 200,
    "advisor_y": 200,
    "manager_x": 200,
    "admin": 200,
}
manager_of_x = {
    "anonymous": LOGIN,
    "member_a": 403,
    "member_b": 403,
    "advisor_x": 403,
    "advisor_y": 403,
    "manager_x": 200,
    "admin": 200,
}

CASES = [
    Case("site:home", everyone(200)),
    Case("healthz", everyone(200)),
    # The same answer for everyone; 503 here because no worker beats in the test database.
    Case("readyz", everyone(503)),
    Case("site:dashboard", logged_in(200)),
    Case("accounts:two-factor-confirm", logged_in(200)),
    # Directory
    Case("organizations:organization-list", everyone(200)),
    Case(
        "organizations:organization-list",
        everyone(200),
        query="?q=jugend&kind=migrant_org",
        label="search",
    ),
    Case(
        "organizations:organization-detail",
        org_a_private,
        kwargs=lambda w: {"slug": w.org_a.slug},
        label="private A",
    ),
    Case(
        "organizations:organization-detail",
        everyone(200),
        kwargs=lambda w: {"slug": w.org_b.slug},
        label="public B",
    ),
    Case("organizations:organization-create", logged_in(200)),
    Case(
        "organizations:organization-update",
        change_org_a,
        kwargs=lambda w: {"slug": w.org_a.slug},
        label="private A",
    ),
    Case(
        "organizations:organization-update",
        change_org_b,
        kwargs=lambda w: {"slug": w.org_b.slug},
        label="public B",
    ),
    Case(
        "organizations:organization-confirm",
        {
            **change_org_b,
            "member_b": 302,
            "advisor_x": 302,
            "advisor_y": 302,
            "manager_x": 302,
            "admin": 302,
        },
        kwargs=lambda w: {"slug": w.org_b.slug},
        method="post",
    ),
    Case(
        "organizations:organization-claim",
        {
            "anonymous": LOGIN,
            "member_a": 200,
            "member_b": 403,
            "advisor_x": 200,
            "advisor_y": 200,
            "manager_x": 200,
            "admin": 200,
        },
        kwargs=lambda w: {"slug": w.org_b.slug},
        label="public B",
    ),
    Case(
        "organizations:organization-claim",
        {
            "anonymous": LOGIN,
            "member_a": 403,
            "member_b": 404,
            "advisor_x": 200,
            "advisor_y": 200,
            "manager_x": 200,
            "admin": 200,
        },
        kwargs=lambda w: {"slug": w.org_a.slug},
        label="private A",
    ),
    Case("organizations:member-list", change_org_a, kwargs=lambda w: {"slug": w.org_a.slug}),
    Case(
        "organizations:member-change",
        {
            **change_org_a,
            "member_a": 302,
            "advisor_x": 302,
            "advisor_y": 302,
            "manager_x": 302,
            "admin": 302,
        },
        kwargs=lambda w: {"slug": w.org_a.slug, "pk": w.org_a.memberships.get().pk},
        method="post",
        data=lambda w: {"role": "admin"},
    ),
    Case(
        "organizations:invitation-accept",
        logged_in(200),
        kwargs=lambda w: {"token": _invitation(w).token},
    ),
    Case("organizations:claim-list", staff_only()),
    Case(
        "organizations:claim-decide",
        staff_only(302),
        kwargs=lambda w: {"pk": _pending_claim(w).pk},
        method="post",
        data=lambda w: {"decision": "accept"},
    ),
    # Import and export: an upload holds contact data, so only its uploader may open it.
    Case("organizations:import-upload", staff_only()),
    Case("organizations:organization-export", staff_only(), kwargs=lambda w: {"fmt": "csv"}),
    Case(
        "organizations:organization-export",
        {**staff_only(404), "anonymous": LOGIN},
        kwargs=lambda w: {"fmt": "pdf"},
        label="unknown format",
    ),
    Case(
        "organizations:import-preview",
        {**staff_only(404), "advisor_x": 200},
        kwargs=lambda w: {"pk": _import_batch(w).pk},
    ),
    Case(
        "organizations:import-apply",
        {**staff_only(404), "advisor_x": 302},
        kwargs=lambda w: {"pk": _import_batch(w).pk},
        method="post",
    ),
    # Agencies
    Case("agencies:agency-list", everyone(200)),
    Case("site:agency-detail", everyone(200), kwargs=lambda w: {"slug": w.agency_x.slug}),
    Case("agencies:staff-list", manager_of_x, kwargs=lambda w: {"slug": w.agency_x.slug}),
    Case(
        "agencies:staff-list",
        {**manager_of_x, "manager_x": 403},
        kwargs=lambda w: {"slug": w.agency_y.slug},
        label="other agency",
    ),
    Case(
        "agencies:staff-update",
        manager_of_x,
        kwargs=lambda w: {"slug": w.agency_x.slug, "pk": w.agency_x.staff.first().pk},
    ),
    Case("agencies:project-list", manager_of_x, kwargs=lambda w: {"slug": w.agency_x.slug}),
    Case("agencies:project-create", manager_of_x, kwargs=lambda w: {"slug": w.agency_x.slug}),
    Case(
        "agencies:project-update",
        manager_of_x,
        kwargs=lambda w: {"slug": w.agency_x.slug, "project_slug": w.project_x.slug},
    ),
    Case(
        "agencies:project-update",
        {**manager_of_x, "manager_x": 404, "admin": 404},
        kwargs=lambda w: {"slug": w.agency_x.slug, "project_slug": "no-such-project"},
        label="unknown project",
    ),
    # The Django admin: platform admins only; everyone else is sent to log in.
    Case("admin:index", {**logged_in(LOGIN), "admin": 200}),
]
CASES += events_cases.CASES + events_staff_cases.CASES + rooms_cases.CASES
CASES += (
    counselling_public.CASES
    + counselling_staff.CASES
    + counselling_timeline.CASES
    + counselling_appointments.CASES
    + counselling_gdpr.CASES
    + counselling_reports.CASES
    + funding_cases.CASES
    + funding_gap_cases.CASES
    + funding_overview_cases.CASES
    + funding_watch_cases.CASES
)

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
