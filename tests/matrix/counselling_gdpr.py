"""Permission-matrix cases for data protection (see tests/matrix/__init__.py).

A person's data is for the managers of an agency the person asked or was counselled by: advisors,
staff of other agencies, members and platform admins get 404 for the person (they never learn
that the record exists). An agency's list of people answers 403 to anyone but its managers, as
the agency itself is public. Organizations' counselling data is for managers only (404 for
everyone else). Everyone logged in may see and download their own data.
"""

from gemeinsam.counselling.models import Contact
from tests import factories
from tests.matrix import LOGIN, Case, everyone, logged_in

managers_of_x = {
    "anonymous": LOGIN,
    "member_a": 403,
    "member_b": 403,
    "advisor_x": 403,
    "advisor_y": 403,
    "manager_x": 200,
    "admin": 403,
}
only_manager_x = {**everyone(404), "anonymous": LOGIN, "manager_x": 200}
nobody = {**everyone(404), "anonymous": LOGIN}


def _person(w, agency=None):
    """Someone counselled by agency X (or another agency), with a case there."""
    agency = agency or w.agency_x
    advisor = w.advisor_x if agency == w.agency_x else w.advisor_y
    contact = Contact.objects.create(
        name="Leyla Aydın", email="leyla.aydin@example.org", organization=w.org_a
    )
    factories.make_case(agency, advisors=[advisor], organizations=[w.org_a], contacts=[contact])
    return {"pk": contact.pk}


def _unrouted_only(w):
    """Someone whose only request came from a region no agency covers: every agency sees the
    request in its queue, nobody reaches the person."""
    return {"pk": factories.make_request(federal_state="", email="anon@example.org").contact_id}


def _shared_address(w):
    """Agency Y's client with the same address as agency X's: X's manager reaches only X's."""
    _person(w)
    contact = Contact.objects.create(name="Leyla Aydın (Süd)", email="leyla.aydin@example.org")
    factories.make_case(w.agency_y, advisors=[w.advisor_y], contacts=[contact])
    return {"pk": contact.pk}


def _across_agencies(w):
    """Someone with a case at X and one at Y: X's manager erases what X holds."""
    person = _person(w)
    contact = Contact.objects.get(pk=person["pk"])
    factories.make_case(w.agency_y, advisors=[w.advisor_y], contacts=[contact])
    return person


CASES: list[Case] = [
    Case("counselling:contact-list", managers_of_x, kwargs=lambda w: {"agency": w.agency_x.slug}),
    Case(
        "counselling:contact-list",
        managers_of_x,
        kwargs=lambda w: {"agency": w.agency_x.slug},
        query="?q=leyla",
        label="search",
    ),
    Case(
        "counselling:contact-list",
        {**managers_of_x, "manager_x": 403},
        kwargs=lambda w: {"agency": w.agency_y.slug},
        label="other agency",
    ),
    Case(
        "counselling:contact-list",
        nobody,
        kwargs=lambda w: {"agency": "no-such-agency"},
        label="unknown agency",
    ),
    Case("counselling:contact-detail", only_manager_x, kwargs=_person),
    Case(
        "counselling:contact-detail",
        nobody,
        kwargs=lambda w: _person(w, w.agency_y),
        label="person of agency Y",
    ),
    Case("counselling:contact-export", only_manager_x, kwargs=_person),
    Case(
        "counselling:contact-export",
        nobody,
        kwargs=lambda w: _person(w, w.agency_y),
        label="person of agency Y",
    ),
    Case(
        "counselling:contact-erase",
        {**only_manager_x, "manager_x": 302},
        kwargs=_person,
        method="post",
        data=lambda w: {"confirm": "on"},
    ),
    Case(
        "counselling:contact-erase",
        nobody,
        kwargs=lambda w: _person(w, w.agency_y),
        method="post",
        data=lambda w: {"confirm": "on"},
        label="person of agency Y",
    ),
    *(
        Case(name, nobody, kwargs=_unrouted_only, label="unrouted request only")
        for name in ("counselling:contact-detail", "counselling:contact-export")
    ),
    Case(
        "counselling:contact-erase",
        nobody,
        kwargs=_unrouted_only,
        method="post",
        data=lambda w: {"confirm": "on"},
        label="unrouted request only",
    ),
    *(
        Case(name, nobody, kwargs=_shared_address, label="shared email address, agency Y")
        for name in ("counselling:contact-detail", "counselling:contact-export")
    ),
    Case(
        "counselling:contact-erase",
        nobody,
        kwargs=_shared_address,
        method="post",
        data=lambda w: {"confirm": "on"},
        label="shared email address, agency Y",
    ),
    Case("counselling:contact-detail", only_manager_x, kwargs=_across_agencies, label="X and Y"),
    Case(
        "counselling:contact-erase",
        {**only_manager_x, "manager_x": 302},
        kwargs=_across_agencies,
        method="post",
        data=lambda w: {"confirm": "on"},
        label="erase across agencies",
    ),
    Case("counselling:organization-data", only_manager_x, kwargs=lambda w: {"slug": w.org_a.slug}),
    Case(
        "counselling:organization-data",
        nobody,
        kwargs=lambda w: {"slug": "no-such-organization"},
        label="unknown organization",
    ),
    Case(
        "counselling:organization-export",
        only_manager_x,
        kwargs=lambda w: {"slug": w.org_b.slug},
    ),
    Case("counselling:my-data", logged_in(200)),
    Case("counselling:my-data-export", logged_in(200)),
]
