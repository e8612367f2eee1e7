"""Who may open the committees pages: one row per URL and role.

The register and its OParl export are public. Agency X keeps the committee: its staff (advisors
too) and platform admins change it and follow its mandates; staff of agency Y and members see
the committee, so they get 403. A mandate is seen by agency X's staff and the members of the
organization it is for (member A: 403 on a change); everyone else gets 404.
"""

from gemeinsam.committees.enums import MandateStatus
from tests.committees import factories
from tests.matrix import LOGIN, Case, everyone, logged_in

staff_of_x = {
    "anonymous": LOGIN,
    "member_a": 403,
    "member_b": 403,
    "advisor_x": 200,
    "advisor_y": 403,
    "manager_x": 200,
    "admin": 200,
}
staff_of_x_done = {**staff_of_x, "advisor_x": 302, "manager_x": 302, "admin": 302}


def _committee(w):
    committee = factories.make_committee(w.agency_x)
    if not committee.seats.exists():
        factories.make_seat(committee, term=factories.make_term(committee))
    return committee


def _kwargs(w):
    committee = _committee(w)
    return {"body": committee.body.slug, "slug": committee.slug}


def _mandate_of_org_a(w):
    seat = _committee(w).seats.get()
    return factories.make_mandate(seat, organization=w.org_a, status=MandateStatus.NOMINATED)


CASES: list[Case] = [
    Case("committees:committee-list", everyone(200)),
    Case("committees:committee-list", everyone(200), query="?body=lichtenberg", label="body"),
    Case("committees:committee-detail", everyone(200), kwargs=_kwargs),
    Case(
        "committees:committee-detail",
        everyone(404),
        kwargs=lambda w: {"body": "lichtenberg", "slug": "no-such-committee"},
        label="unknown",
    ),
    Case("committees:committee-calendar", everyone(200), kwargs=_kwargs),
    Case(
        "committees:committee-create",
        staff_of_x,
        kwargs=lambda w: {"agency": w.agency_x.slug},
    ),
    Case(
        "committees:committee-create",
        staff_of_x_done,
        kwargs=lambda w: {"agency": w.agency_x.slug},
        method="post",
        data=lambda w: {
            "body": factories.make_body().pk,
            "name": "Integrationsbeirat",
            "kind": "integration_council",
            "seats_total": "12",
            "seats_voting": "12",
            "is_active": "on",
        },
    ),
    Case("committees:committee-update", staff_of_x, kwargs=_kwargs),
    Case("committees:meeting-create", staff_of_x, kwargs=_kwargs),
    Case(
        "committees:meeting-create",
        staff_of_x_done,
        kwargs=_kwargs,
        method="post",
        data=lambda w: {
            "starts_at": "2030-03-04T17:00",
            "ends_at": "2030-03-04T19:00",
            "is_public": "on",
        },
    ),
    Case("committees:seat-create", staff_of_x, kwargs=_kwargs),
    Case("committees:mandate-list", staff_of_x, kwargs=_kwargs),
    Case("committees:mandate-create", staff_of_x, kwargs=_kwargs),
    Case(
        "committees:mandate-step",
        {**logged_in(404), "member_a": 403, "advisor_x": 302, "manager_x": 302, "admin": 302},
        kwargs=lambda w: {"pk": _mandate_of_org_a(w).pk},
        method="post",
        data=lambda w: {"action": "propose"},
    ),
    # The path to a seat: org A is unlisted (member B cannot know it: 404), org B public (403).
    Case(
        "committees:seat-paths",
        {**logged_in(200), "member_b": 404},
        kwargs=lambda w: {"organization": _committee(w) and w.org_a.slug},
    ),
    Case(
        "committees:seat-paths",
        {**logged_in(200), "member_a": 403},
        kwargs=lambda w: {"organization": w.org_b.slug},
        label="public organization",
    ),
    Case("committees:oparl-system", everyone(200)),
    Case("committees:oparl-bodies", everyone(200)),
    Case(
        "committees:oparl-body", everyone(200), kwargs=lambda w: {"body": _committee(w).body.slug}
    ),
    Case(
        "committees:oparl-list",
        everyone(200),
        kwargs=lambda w: {"body": _committee(w).body.slug, "kind": "membership"},
    ),
    Case(
        "committees:oparl-list",
        everyone(404),
        kwargs=lambda w: {"body": _committee(w).body.slug, "kind": "nonsense"},
        label="unknown list",
    ),
]
