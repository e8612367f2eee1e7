"""Permission-matrix cases for readiness checks (see tests/matrix/__init__.py).

Anyone may run a check. Keeping a result with an organization is for its active members and
agency staff (and platform admins); a member of another organization gets 404 when that one is
unlisted (org A: they cannot know it exists) and 403 when it is public (org B).
"""

from tests.matrix import LOGIN, Case, everyone, logged_in

save_for_org_a = {
    "anonymous": LOGIN,
    "member_a": 302,
    "member_b": 404,
    "advisor_x": 302,
    "advisor_y": 302,
    "manager_x": 302,
    "admin": 302,
}
save_for_org_b = {**save_for_org_a, "member_a": 403, "member_b": 302}

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
    Case(
        "funding:check-save",
        save_for_org_b,
        kwargs=lambda w: {"code": "association"},
        method="post",
        data=lambda w: {"organization": w.org_b.slug, "members": "8"},
        label="public organization",
    ),
    Case(
        "funding:check-save",
        logged_in(404),
        kwargs=lambda w: {"code": "association"},
        method="post",
        data=lambda w: {"organization": "no-such-organization", "members": "8"},
        label="unknown organization",
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
