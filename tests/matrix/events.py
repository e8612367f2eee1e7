"""Permission-matrix cases for the public side of events (see tests/matrix/__init__.py).

Published events, the calendar, the catalogue and the feeds are for everyone. A draft exists only
for its agency's staff and platform admins: everyone else gets 404, as if it were not there.
"""

from tests import factories
from tests.matrix import LOGIN, Case, everyone

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


# --- Registration and personal links (registration helper) ------------------------------------
# The personal pages are reached by their unguessable token: whoever holds it is the participant,
# so every role gets the page; a made-up token is not there for anybody.


def _registration(w):
    from gemeinsam.events import services

    event = factories.make_event(w.agency_x, "Workshop Fördermittel")
    outcome = services.register(event, [factories.person("Leyla Aydın")], consent=False)
    return {"token": outcome.registrations[0].token}


def _group(w):
    from gemeinsam.events import services

    event = factories.make_event(w.agency_x, "Fachtag Vielfalt")
    people = [factories.person("Leyla Aydın"), factories.person("Omar Haddad")]
    outcome = services.register(event, people, consent=False, booked_by=w.member_a)
    return {"token": outcome.group.token}


members_and_staff = {**everyone(200), "anonymous": LOGIN}

CASES += [
    Case("events:registration-create", everyone(200), kwargs=_published, label="published"),
    Case("events:registration-create", draft_of_x, kwargs=_draft, label="draft of X"),
    Case("events:group-create", members_and_staff, kwargs=_published, label="published"),
    Case(
        "events:group-create",
        {**draft_of_x, "anonymous": LOGIN},
        kwargs=_draft,
        label="draft of X",
    ),
    Case("events:registration-detail", everyone(200), kwargs=_registration),
    Case(
        "events:registration-detail",
        everyone(404),
        kwargs=lambda w: {"token": "made-up-token"},
        label="unknown token",
    ),
    Case("events:registration-ics", everyone(200), kwargs=_registration),
    Case("events:registration-update", everyone(200), kwargs=_registration),
    Case("events:registration-cancel", everyone(200), kwargs=_registration),
    Case(
        "events:registration-cancel",
        everyone(302),
        kwargs=_registration,
        method="post",
        label="confirmed",
    ),
    Case("events:group-detail", everyone(200), kwargs=_group),
    Case(
        "events:group-detail",
        everyone(404),
        kwargs=lambda w: {"token": "made-up-token"},
        label="unknown token",
    ),
    Case("events:group-cancel", everyone(200), kwargs=_group),
]
