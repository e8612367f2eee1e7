"""Permission-matrix cases for the staff overview of readiness and an organization's result
history (see tests/matrix/__init__.py).

The overview and its exports are for agency staff and platform admins. An organization's saved
results are for its active members, agency staff and platform admins; a member of another
organization gets 404 when that one is unlisted (org A) and 403 when it is public (org B).
"""

from tests.matrix import LOGIN, Case, logged_in, staff_only

history_of_org_a = {
    "anonymous": LOGIN,
    "member_a": 200,
    "member_b": 404,
    "advisor_x": 200,
    "advisor_y": 200,
    "manager_x": 200,
    "admin": 200,
}
history_of_org_b = {**history_of_org_a, "member_a": 403, "member_b": 200}

CASES: list[Case] = [
    Case("funding:readiness-overview", staff_only()),
    Case(
        "funding:readiness-overview",
        staff_only(),
        query="?state=XX&kind=nonsense&check=association:missing&q=verein&page=9",
        label="filtered",
    ),
    Case("funding:readiness-export", staff_only(), kwargs=lambda w: {"fmt": "csv"}),
    Case("funding:readiness-export", staff_only(), kwargs=lambda w: {"fmt": "xlsx"}),
    Case(
        "funding:readiness-export",
        logged_in(404),
        kwargs=lambda w: {"fmt": "pdf"},
        label="unknown format",
    ),
    Case(
        "funding:result-history",
        history_of_org_a,
        kwargs=lambda w: {"organization": w.org_a.slug},
    ),
    Case(
        "funding:result-history",
        history_of_org_b,
        kwargs=lambda w: {"organization": w.org_b.slug},
        label="public organization",
    ),
    Case(
        "funding:result-history",
        logged_in(404),
        kwargs=lambda w: {"organization": "no-such-organization"},
        label="unknown organization",
    ),
]
