"""Permission-matrix cases for the public side of events (see tests/matrix/__init__.py).

Published events, the calendar, the catalogue and the feeds are for everyone. A draft exists only
for its agency's staff and platform admins: everyone else gets 404, as if it were not there.
"""

from tests import factories
from tests.matrix import Case, everyone

draft_of_x = {
    "anonymous": 404,
    "member_a": 404,
    "member_b": 404,
    "advisor_x": 200,
    "advisor_y": 404,
    "manager_x": 200,
    "admin": 200,
}


def _published(w):
    return {"slug": factories.make_event(w.agency_x, "Runder Tisch Nord").slug}


def _draft(w):
    return {"slug": factories.make_event(w.agency_x, "Entwurf", status="draft").slug}


CASES: list[Case] = [
    Case("events:event-list", everyone(200)),
    Case(
        "events:event-list",
        everyone(200),
        query="?kind=workshop&kind=nonsense&date_from=2026-13-45&places_left=1&page=abc",
        label="odd filters",
    ),
    Case("events:event-calendar", everyone(200)),
    Case("events:event-calendar", everyone(200), query="?month=2026-99", label="bad month"),
    Case("events:training-list", everyone(200), query="?profession=educators"),
    Case("events:event-detail", everyone(200), kwargs=_published, label="published"),
    Case("events:event-detail", draft_of_x, kwargs=_draft, label="draft of X"),
    Case("events:event-ics", everyone(200), kwargs=_published, label="published"),
    Case("events:event-ics", draft_of_x, kwargs=_draft, label="draft of X"),
    Case("events:event-feed", everyone(200), query="?agency=agency-x"),
    Case("events:agency-feed", everyone(200), kwargs=lambda w: {"agency_slug": w.agency_x.slug}),
    Case(
        "events:agency-feed",
        everyone(404),
        kwargs=lambda w: {"agency_slug": "no-such-agency"},
        label="unknown agency",
    ),
]
