"""Permission-matrix cases for counselling, reports part (see tests/matrix/__init__.py).

The figures of agency X are for its staff (advisors and managers). Agencies are public, so
staff of agency Y, members and platform admins get 403; an unknown agency is 404.
"""

from tests.matrix import LOGIN, Case, everyone

staff_of_x = {
    "anonymous": LOGIN,
    "member_a": 403,
    "member_b": 403,
    "advisor_x": 200,
    "advisor_y": 403,
    "manager_x": 200,
    "admin": 403,
}
unknown_agency = {**everyone(404), "anonymous": LOGIN}


def _x(w):
    return {"agency": w.agency_x.slug}


CASES: list[Case] = [
    Case("counselling:report", staff_of_x, kwargs=_x),
    Case(
        "counselling:report",
        staff_of_x,
        kwargs=_x,
        query="?from=2025-12-31&to=2025-01-01",
        label="period the wrong way round",
    ),
    Case(
        "counselling:report",
        {**staff_of_x, "advisor_x": 403, "manager_x": 403, "advisor_y": 200},
        kwargs=lambda w: {"agency": w.agency_y.slug},
        label="other agency",
    ),
    Case(
        "counselling:report",
        unknown_agency,
        kwargs=lambda w: {"agency": "no-such-agency"},
        label="unknown agency",
    ),
    Case(
        "counselling:report-export",
        staff_of_x,
        kwargs=lambda w: {**_x(w), "fmt": "csv"},
        query="?from=2025-01-01&to=2025-12-31",
        label="csv",
    ),
    Case(
        "counselling:report-export",
        staff_of_x,
        kwargs=lambda w: {**_x(w), "fmt": "xlsx"},
        label="xlsx",
    ),
    Case(
        "counselling:report-export",
        staff_of_x,
        kwargs=lambda w: {**_x(w), "fmt": "pdf"},
        label="pdf",
    ),
    Case(
        "counselling:report-export",
        {**everyone(404), "anonymous": LOGIN},
        kwargs=lambda w: {**_x(w), "fmt": "docx"},
        label="unknown format",
    ),
    Case(
        "counselling:report-export",
        unknown_agency,
        kwargs=lambda w: {"agency": "no-such-agency", "fmt": "csv"},
        label="unknown agency",
    ),
]
