"""Permission-matrix cases for the funding gap dashboard (see tests/matrix/__init__.py).

The figures and their export are public (totals only). The drill-down lists organizations,
non-public ones included, so it is for agency staff and platform admins; members get 403.
"""

from tests.matrix import Case, everyone, staff_only

CASES: list[Case] = [
    Case("funding:gap", everyone(200)),
    Case(
        "funding:gap",
        everyone(200),
        query="?state=NW&district=Nowhere&field=youth_welfare",
        label="filtered",
    ),
    Case("funding:gap", everyone(200), query="?state=XX&field=nonsense", label="odd values"),
    Case("funding:gap-organizations", staff_only()),
    Case(
        "funding:gap-organizations",
        staff_only(),
        query="?field=youth_work&group=active_without_regular&state=NW&page=9",
        label="filtered",
    ),
    Case("funding:gap-export", everyone(200), kwargs=lambda w: {"fmt": "csv"}),
    Case("funding:gap-export", everyone(200), kwargs=lambda w: {"fmt": "xlsx"}, label="xlsx"),
    Case(
        "funding:gap-export",
        everyone(404),
        kwargs=lambda w: {"fmt": "pdf"},
        label="unknown format",
    ),
]
