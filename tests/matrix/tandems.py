"""Who may open the tandems pages: one row per URL and role (see tests/matrix/__init__.py).

Published calls are public; a draft call only its agency's staff see (others 404). The
management pages of agency X are for its staff (advisors too) and platform admins: staff of
agency Y know X exists, so they get 403. Applying is for members of an organization. An
application is seen by its organization's members, the invited partner's members and the
call's agency's staff; only the applicant's members change it, only the partner's answer.
"""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from gemeinsam.tandems.enums import CallMode, PartnerAnswer
from gemeinsam.tandems.models import ApplicationDocument
from tests import factories
from tests.matrix import LOGIN, Case, everyone, logged_in
from tests.tandems.factories import make_application, make_call, make_tandem

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
seen_by_a_and_staff_of_x = {
    "anonymous": LOGIN,
    "member_a": 200,
    "member_b": 404,
    "advisor_x": 200,
    "advisor_y": 404,
    "manager_x": 200,
    "admin": 200,
}


def _open_call(w, **extra):
    """A call of agency X that takes applications on the day the matrix runs."""
    today = timezone.localdate()
    return make_call(
        w.agency_x,
        slug="tandems-nrw",
        opens_on=today - datetime.timedelta(days=10),
        closes_on=today + datetime.timedelta(days=30),
        project_starts_on=today + datetime.timedelta(days=60),
        project_ends_on=today + datetime.timedelta(days=400),
        **extra,
    )


def _call_kwargs(w, **extra):
    call = _open_call(w, **extra)
    return {"agency": call.agency.slug, "slug": call.slug}


def _application_of_a(w):
    return {"pk": make_application(_open_call(w), w.org_a, by=w.member_a).pk}


def _invitation_of_b(w):
    call = _open_call(w, mode=CallMode.PAIR_FIRST)
    application = make_application(
        call, w.org_a, by=w.member_a, partner=w.org_b, partner_answer=PartnerAnswer.INVITED
    )
    return {"pk": application.pk}


def _document_of_a(w):
    application = make_application(_open_call(w), w.org_a, by=w.member_a)
    document = ApplicationDocument(application=application, position=0, original_name="satzung.pdf")
    document.file.save("satzung.pdf", ContentFile(b"%PDF-1.4 Satzung"), save=False)
    document.save()
    return {"pk": application.pk, "position": 0}


def _new_call_data(w):
    today = timezone.localdate()
    return {
        "title": "Tandems Hamburg",
        "funder": "BASFI",
        "budget": "50000",
        "max_grant": "5000",
        "opens_on": today.isoformat(),
        "closes_on": (today + datetime.timedelta(days=30)).isoformat(),
        "project_starts_on": (today + datetime.timedelta(days=60)).isoformat(),
        "project_ends_on": (today + datetime.timedelta(days=400)).isoformat(),
        "mode": CallMode.PAIR_FIRST,
    }


def _accepted_pair_first(w):
    call = _open_call(w, mode=CallMode.PAIR_FIRST)
    provider = factories.make_organization("Bücherhallen", kind="established_provider", index=False)
    application = make_application(
        call, provider, partner=w.org_a, partner_answer=PartnerAnswer.ACCEPTED
    )
    return {"agency": call.agency.slug, "slug": call.slug, "pk": application.pk}


def _tandem_of_a_and_b(w):
    return {"pk": make_tandem(_open_call(w), w.org_a, w.org_b).pk}


tandem_seen = {**seen_by_a_and_staff_of_x, "member_b": 200}
tandem_changed = {**tandem_seen, **{role: 302 for role in tandem_seen if role != "anonymous"}}
tandem_changed.update({"advisor_y": 404, "admin": 403})

CASES: list[Case] = [
    Case("tandems:call-list", everyone(200)),
    Case("tandems:call-detail", everyone(200), kwargs=_call_kwargs),
    Case(
        "tandems:call-detail",
        {**everyone(404), "advisor_x": 200, "manager_x": 200, "admin": 200},
        kwargs=lambda w: _call_kwargs(w, is_published=False),
        label="draft",
    ),
    Case(
        "tandems:call-detail",
        everyone(404),
        kwargs=lambda w: {"agency": w.agency_x.slug, "slug": "no-such-call"},
        label="unknown call",
    ),
    Case("tandems:call-manage", staff_of_x, kwargs=lambda w: {"agency": w.agency_x.slug}),
    Case("tandems:giving-export", staff_of_x, kwargs=lambda w: {"agency": w.agency_x.slug}),
    Case("tandems:call-create", staff_of_x, kwargs=lambda w: {"agency": w.agency_x.slug}),
    Case(
        "tandems:call-create",
        staff_of_x_done,
        kwargs=lambda w: {"agency": w.agency_x.slug},
        method="post",
        data=_new_call_data,
    ),
    Case("tandems:call-update", staff_of_x, kwargs=_call_kwargs),
    Case(
        "tandems:call-update",
        {**staff_of_x, "advisor_y": 403},
        kwargs=lambda w: _call_kwargs(w, is_published=False),
        label="draft",
    ),
    Case("tandems:application-list", staff_of_x, kwargs=_call_kwargs),
    Case(
        "tandems:application-create",
        {**logged_in(403), "member_a": 200, "member_b": 200},
        kwargs=_call_kwargs,
    ),
    Case("tandems:my-applications", logged_in(200)),
    Case("tandems:application-detail", seen_by_a_and_staff_of_x, kwargs=_application_of_a),
    Case(
        "tandems:application-detail",
        {**seen_by_a_and_staff_of_x, "member_b": 200},
        kwargs=_invitation_of_b,
        label="invited partner",
    ),
    Case(
        "tandems:application-detail",
        {
            **seen_by_a_and_staff_of_x,
            "member_a": 302,
            "advisor_x": 403,
            "manager_x": 403,
            "admin": 403,
        },
        kwargs=_application_of_a,
        method="post",
        data=lambda w: {"action": "draft", "offers": "Elternarbeit"},
        label="changed",
    ),
    Case(
        "tandems:invitation-answer",
        {
            "anonymous": LOGIN,
            "member_a": 403,
            "member_b": 302,
            "advisor_x": 403,
            "advisor_y": 404,
            "manager_x": 403,
            "admin": 403,
        },
        kwargs=_invitation_of_b,
        method="post",
        data=lambda w: {"decision": "accept"},
    ),
    Case("tandems:application-document", seen_by_a_and_staff_of_x, kwargs=_document_of_a),
    Case("tandems:pair-list", staff_of_x, kwargs=_call_kwargs),
    Case("tandems:evaluation-overview", staff_of_x, kwargs=_call_kwargs),
    Case("tandems:evaluation-report", staff_of_x, kwargs=_call_kwargs),
    Case(
        "tandems:application-withdraw",
        {
            **seen_by_a_and_staff_of_x,
            "member_a": 302,
            "advisor_x": 403,
            "manager_x": 403,
            "admin": 403,
        },
        kwargs=_application_of_a,
        method="post",
    ),
    Case(
        "tandems:application-tandem",
        staff_of_x_done,
        kwargs=_accepted_pair_first,
        method="post",
    ),
    Case("tandems:tandem-detail", tandem_seen, kwargs=_tandem_of_a_and_b),
    Case(
        "tandems:goal-add",
        tandem_changed,
        kwargs=_tandem_of_a_and_b,
        method="post",
        data=lambda w: {"text": "Elternabende", "owner": "mo"},
    ),
    Case(
        "tandems:milestone-add",
        tandem_changed,
        kwargs=_tandem_of_a_and_b,
        method="post",
        data=lambda w: {"title": "Auftakt", "due_on": "2031-06-15"},
    ),
    Case(
        "tandems:evaluation-submit",
        {**tandem_changed, "advisor_x": 403, "manager_x": 403},
        kwargs=_tandem_of_a_and_b,
        method="post",
        data=lambda w: {"side": "mo", "phase": "start"},
    ),
    Case(
        "tandems:agreement-sign",
        {**tandem_changed, "advisor_x": 403, "manager_x": 403},
        kwargs=_tandem_of_a_and_b,
        method="post",
        data=lambda w: {"side": "mo", "version": "1"},
    ),
    Case(
        "tandems:tandem-create",
        staff_of_x_done,
        kwargs=_call_kwargs,
        method="post",
        data=lambda w: {"mo": "0", "partner": "0"},
    ),
]
