"""Permission-matrix cases for counselling, staff part: intake, requests, the case list and the
case actions (see tests/matrix/__init__.py).

An agency's intake and its new-case page are for its staff: staff of another agency know that
agencies exist, so they get 403, like members. Platform admins do not read counselling. A
request or case of agency X is not there (404) for anyone outside X; a request no agency covers
is there for the staff of every agency. A colleague who neither advises a case nor manages the
agency sees it but may not change it (403).
"""

from gemeinsam.counselling.models import CoverageArea
from gemeinsam.counselling.services.cases import close_case
from tests import factories
from tests.matrix import LOGIN, Case

nobody = {
    "anonymous": LOGIN,
    "member_a": 403,
    "member_b": 403,
    "advisor_x": 403,
    "advisor_y": 403,
    "manager_x": 403,
    "admin": 403,
}
counselling_staff = {**nobody, "advisor_x": 200, "advisor_y": 200, "manager_x": 200}
staff_of_x = {**nobody, "advisor_x": 200, "manager_x": 200}
staff_of_y = {**nobody, "advisor_y": 200}
# Requests and cases of agency X: not there for anyone else.
of_x = {
    "anonymous": LOGIN,
    "member_a": 404,
    "member_b": 404,
    "advisor_x": 200,
    "advisor_y": 404,
    "manager_x": 200,
    "admin": 404,
}
of_x_done = {**of_x, "advisor_x": 302, "manager_x": 302}
unrouted = {**of_x, "advisor_y": 200}


def _request_of_x(w):
    CoverageArea.objects.create(agency=w.agency_x, federal_state="HH")
    return factories.make_request(federal_state="HH")


def _unrouted_request(w):
    return factories.make_request(federal_state="")


def _request_with_a_known_sender(w):
    """A request to X whose address is that of someone X already counsels; the known person is
    kept on the world for the form's data (`merge-into`), which is built after the address."""
    known = _request_of_x(w)
    factories.make_case(w.agency_x, advisors=[w.advisor_x], contacts=[known.contact])
    w.known_sender = known.contact
    return {"pk": factories.make_request(federal_state="HH", email=known.contact.email).pk}


def _case_of_x(w):
    return factories.make_case(w.agency_x, advisors=[w.advisor_x], organizations=[w.org_a])


def _closed_case_of_x(w):
    return close_case(_case_of_x(w), by=w.advisor_x)


def _colleagues_case(w):
    colleague = factories.make_staff(w.agency_x, user=factories.make_user(name="Clara Vogt"))
    return factories.make_case(w.agency_x, advisors=[colleague.user])


def _request_kwargs(w):
    return {"pk": _request_of_x(w).pk}


def _case_kwargs(w):
    return {"pk": _case_of_x(w).pk}


CASES: list[Case] = [
    Case(
        "counselling:staff-home",
        {**nobody, "advisor_x": 302, "advisor_y": 302, "manager_x": 302},
    ),
    Case("counselling:intake", staff_of_x, kwargs=lambda w: {"agency": w.agency_x.slug}),
    Case(
        "counselling:intake",
        staff_of_x,
        kwargs=lambda w: {"agency": w.agency_x.slug},
        query="?status=declined&mine=on",
        label="filtered",
    ),
    Case(
        "counselling:intake",
        staff_of_y,
        kwargs=lambda w: {"agency": w.agency_y.slug},
        label="other agency",
    ),
    Case(
        "counselling:intake",
        {**dict.fromkeys(nobody, 404), "anonymous": LOGIN},
        kwargs=lambda w: {"agency": "no-such-agency"},
        label="unknown agency",
    ),
    Case("counselling:request-detail", of_x, kwargs=_request_kwargs),
    Case(
        "counselling:request-detail",
        unrouted,
        kwargs=lambda w: {"pk": _unrouted_request(w).pk},
        label="no agency for the region",
    ),
    Case(
        "counselling:request-accept",
        of_x_done,
        kwargs=_request_kwargs,
        method="post",
        data=lambda w: {"accept-advisors": [w.advisor_x.pk], "accept-case_type": "single"},
    ),
    Case(
        "counselling:request-forward",
        of_x_done,
        kwargs=_request_kwargs,
        method="post",
        data=lambda w: {
            "forward-to_agency": w.agency_y.pk,
            "forward-reason": "Die Organisation sitzt in Bayern.",
        },
    ),
    Case(
        "counselling:request-decline",
        of_x_done,
        kwargs=_request_kwargs,
        method="post",
        data=lambda w: {"decline-reason": "Bitte wenden Sie sich an die Verbraucherzentrale."},
    ),
    Case(
        "counselling:request-merge",
        of_x_done,
        kwargs=_request_with_a_known_sender,
        method="post",
        data=lambda w: {"merge-into": w.known_sender.pk},
    ),
    Case("counselling:case-list", counselling_staff),
    Case(
        "counselling:case-list",
        counselling_staff,
        query="?status=all&mine=on&q=Verein",
        label="filtered",
    ),
    Case("counselling:case-create", staff_of_x, kwargs=lambda w: {"agency": w.agency_x.slug}),
    Case(
        "counselling:case-create",
        staff_of_y,
        kwargs=lambda w: {"agency": w.agency_y.slug},
        label="other agency",
    ),
    Case("counselling:case-edit", of_x, kwargs=_case_kwargs),
    Case(
        "counselling:case-edit",
        {**of_x, "advisor_x": 403},
        kwargs=lambda w: {"pk": _colleagues_case(w).pk},
        label="colleague's case",
    ),
    Case("counselling:case-advisors", of_x, kwargs=_case_kwargs),
    Case("counselling:case-forward", of_x, kwargs=_case_kwargs),
    Case("counselling:case-close", of_x_done, kwargs=_case_kwargs, method="post"),
    Case(
        "counselling:case-close",
        {**of_x_done, "advisor_x": 403},
        kwargs=lambda w: {"pk": _colleagues_case(w).pk},
        method="post",
        label="colleague's case",
    ),
    Case(
        "counselling:case-reopen",
        of_x_done,
        kwargs=lambda w: {"pk": _closed_case_of_x(w).pk},
        method="post",
    ),
]
