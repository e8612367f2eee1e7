"""Permission-matrix cases for readiness checks (see tests/matrix/__init__.py).

Anyone may run a check. Keeping a result with an organization is for its active members and
agency staff (and platform admins); a member of another organization gets 403.
"""

from tests.matrix import LOGIN, Case, everyone

save_for_org_a = {
    "anonymous": LOGIN,
    "member_a": 302,
    "member_b": 403,
    "advisor_x": 302,
    "advisor_y": 302,
    "manager_x": 302,
    "admin": 302,
}

CASES: list[Case] = [
    Case("funding:check-list", everyone(200)),
    Case("funding:check-detail", everyone(200), kwargs=lambda w: {"code": "association"}),
    Case(
        "funding:check-detail",
        everyone(200),
        kwargs=lambda w: {"code": "youth_welfare"},
        query="?checked=1&members=5&legal_form=registered_association",
        label="answered",
    ),
    Case(
        "funding:check-detail",
        everyone(404),
        kwargs=lambda w: {"code": "no-such-check"},
        label="unknown check",
    ),
    Case(
        "funding:check-save",
        save_for_org_a,
        kwargs=lambda w: {"code": "association"},
        method="post",
        data=lambda w: {"organization": w.org_a.slug, "members": "8"},
    ),
]

CASES += [
    Case("funding:programme-list", everyone(200)),
    Case(
        "funding:programme-list",
        everyone(200),
        query="?kind=micro&level=federal&state=BE&field=youth_welfare&q=fonds",
        label="filtered",
    ),
    Case(
        "funding:programme-list",
        everyone(200),
        query="?organization=org-does-not-matter&kind=nonsense&state=XX",
        label="odd values",
    ),
    Case("funding:programme-detail", everyone(200), kwargs=lambda w: {"code": "berlin-partintp"}),
    Case(
        "funding:programme-detail",
        everyone(404),
        kwargs=lambda w: {"code": "no-such-programme"},
        label="unknown programme",
    ),
]

CASES += [
    Case(
        "funding:check-pdf",
        everyone(200),
        kwargs=lambda w: {"code": "association"},
        query="?checked=1&members=9",
    ),
    Case(
        "funding:check-pdf",
        everyone(404),
        kwargs=lambda w: {"code": "no-such-check"},
        label="unknown check",
    ),
]
