"""The advisors' intake: where staff start, each agency's queue of requests, a request's page,
and accepting it into a case, forwarding it to another agency or declining it."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from gemeinsam.counselling.enums import RequestStatus, RoutedBy
from gemeinsam.counselling.models import (
    AdvisorProfile,
    Case,
    CaseTemplate,
    CoverageArea,
    Forwarding,
    Request,
)
from gemeinsam.counselling.services.intake import decline_request
from gemeinsam.organizations.models import WorkingLanguage
from tests import factories


@pytest.fixture
def hamburg(world):
    """Agency X covers Hamburg postcodes (20…); advisor_x counsels on founding, in Arabic."""
    CoverageArea.objects.create(agency=world.agency_x, postcode_prefix="20")
    membership = world.advisor_x.staff_memberships.get(agency=world.agency_x)
    membership.languages = "ar, de"
    membership.save()
    profile = AdvisorProfile.objects.create(membership=membership)
    profile.topics.set(factories.topics("association_founding"))
    return world


def _request_in_hamburg(**extra):
    extra.setdefault("name", "Samira Nasser")
    extra.setdefault("phone", "040 1234567")
    return factories.make_request(postcode="20095", federal_state="HH", **extra)


def _intake(agency, **params):
    return reverse("counselling:intake", kwargs={"agency": agency.slug}), params


def _get_intake(client, agency, **params):
    url, params = _intake(agency, **params)
    return client.get(url, params)


def _shown(response) -> list[int]:
    return [r.pk for r in response.context["requests"]]


def _detail(req, **query):
    url = reverse("counselling:request-detail", kwargs={"pk": req.pk})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _post(client, action, req, data, came_from=None):
    url = reverse(f"counselling:request-{action}", kwargs={"pk": req.pk})
    return client.post(url, {**data, **({"from": came_from} if came_from else {})})


# --- Where staff start -------------------------------------------------------------------------


def test_staff_of_one_agency_start_at_its_intake(world, client_for):
    response = client_for(world.advisor_x).get(reverse("counselling:staff-home"))
    assert response["Location"] == reverse("counselling:intake", kwargs={"agency": "agency-x"})


def test_staff_of_several_agencies_choose_one_first(world, client_for):
    factories.make_staff(world.agency_y, user=world.advisor_x)
    response = client_for(world.advisor_x).get(reverse("counselling:staff-home"))
    content = response.content.decode()
    for agency in ("agency-x", "agency-y"):
        for name in ("intake", "report", "contact-list", "case-create"):
            assert reverse(f"counselling:{name}", kwargs={"agency": agency}) in content
        assert f"{reverse('counselling:case-list')}?agency={agency}" in content
    assert reverse("counselling:appointment-week") in content


def test_people_who_counsel_for_no_agency_are_turned_away(world, client_for):
    assert client_for(world.member_a).get(reverse("counselling:staff-home")).status_code == 403
    assert client_for(world.admin).get(reverse("counselling:staff-home")).status_code == 403


# --- The queue ---------------------------------------------------------------------------------


def test_the_queue_shows_what_the_request_is_about_and_how_it_was_routed(hamburg, client_for):
    world = hamburg
    req = _request_in_hamburg(
        organization=world.org_a,
        topics=factories.topics("association_founding"),
        language=WorkingLanguage.objects.get(code="ar"),
        channel="video",
    )
    response = _get_intake(client_for(world.advisor_x), world.agency_x)
    assert _shown(response) == [req.pk]
    row = response.content.decode().split(f'id="r{req.pk}"')[1].split("</tr>")[0]
    for text in (
        "Samira Nasser",
        "Verein A für Jugendarbeit",
        "Founding an association",
        "Arabic",
        "video",
        "20095 · Hamburg",
        "routed by: postcode",
        "Xenia Wolff",
        f"{_detail(req)}?from=agency-x",
    ):
        assert text in row, text
    assert "no agency for this region" not in row


def test_requests_from_regions_no_agency_covers_show_in_every_queue_marked(world, client_for):
    req = factories.make_request(federal_state="")
    assert req.agency is None and req.routed_by == RoutedBy.UNROUTED
    for user, agency in ((world.advisor_x, world.agency_x), (world.advisor_y, world.agency_y)):
        response = _get_intake(client_for(user), agency)
        assert _shown(response) == [req.pk]
        assert "no agency for this region" in response.content.decode()


def test_the_queue_holds_only_the_agencys_own_requests(hamburg, client_for):
    CoverageArea.objects.create(agency=hamburg.agency_y, federal_state="BY")
    ours = _request_in_hamburg()
    factories.make_request(federal_state="BY")
    assert _shown(_get_intake(client_for(hamburg.advisor_x), hamburg.agency_x)) == [ours.pk]


def test_tabs_show_new_accepted_or_declined_requests(hamburg, client_for):
    waiting = _request_in_hamburg(email="wartet@example.org")
    declined = _request_in_hamburg(email="abgelehnt@example.org")
    decline_request(declined, reason="Nicht unser Thema.", by=hamburg.advisor_x)
    client = client_for(hamburg.advisor_x)
    assert _shown(_get_intake(client, hamburg.agency_x)) == [waiting.pk]
    assert _shown(_get_intake(client, hamburg.agency_x, status="declined")) == [declined.pk]
    assert _shown(_get_intake(client, hamburg.agency_x, status="accepted")) == []
    assert "New (1)" in _get_intake(client, hamburg.agency_x).content.decode()


def test_for_me_shows_the_requests_i_was_suggested_for(hamburg, client_for):
    mine = _request_in_hamburg(topics=factories.topics("association_founding"))
    other = _request_in_hamburg(topics=factories.topics("labour_law"), email="b@example.org")
    assert list(mine.suggested_advisors.all()) == [hamburg.advisor_x]
    assert list(other.suggested_advisors.all()) == []
    client = client_for(hamburg.advisor_x)
    assert _shown(_get_intake(client, hamburg.agency_x, mine="on")) == [mine.pk]
    assert sorted(_shown(_get_intake(client, hamburg.agency_x))) == sorted([mine.pk, other.pk])
    response = _get_intake(client_for(hamburg.manager_x), hamburg.agency_x, mine="on")
    assert _shown(response) == []
    assert "No requests suggested for you here." in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_the_queue_runs_the_same_number_of_queries_however_long(
    hamburg, client_for, django_assert_num_queries, count
):
    for i in range(count):
        _request_in_hamburg(
            email=f"person{i}@example.org",
            organization=hamburg.org_a if i % 2 else None,
            organization_name="" if i % 2 else f"Initiative {i}",
            topics=factories.topics("association_founding", "funding_applications"),
            language=WorkingLanguage.objects.get(code="ar"),
        )
    factories.make_request(federal_state="", email="ohne-region@example.org")
    client = client_for(hamburg.advisor_x)
    # Session, user, the agency, the person's roles in every agency (once), the page's
    # total and rows, its topics and suggested advisors, and the count of new requests.
    with django_assert_num_queries(9):
        response = _get_intake(client, hamburg.agency_x)
    assert len(_shown(response)) == count + 1


# --- One request -------------------------------------------------------------------------------


def test_the_request_page_shows_everything_the_person_wrote(hamburg, client_for):
    req = _request_in_hamburg(
        email="samira@example.org",
        preferred_times="dienstags ab 17 Uhr",
        description="Wir wollen einen Frauenverein gründen <b>bald</b>.",
    )
    response = client_for(hamburg.advisor_x).get(_detail(req, **{"from": "agency-x"}))
    content = response.content.decode()
    for text in (
        "Samira Nasser",
        "mailto:samira@example.org",
        "040 1234567",
        "dienstags ab 17 Uhr",
        "Wir wollen einen Frauenverein gründen &lt;b&gt;bald&lt;/b&gt;.",
        "routed by: postcode",
    ):
        assert text in content, text
    accept = response.context["accept"]
    assert accept["advisors"].initial == [hamburg.advisor_x.pk]
    assert accept["title"].initial == "Founding an association"
    assert [str(a) for a in accept.fields["advisors"].queryset] == ["Marta Krüger", "Xenia Wolff"]
    assert "agency" not in accept.fields  # a routed request belongs to its agency


def test_suggested_advisors_are_marked_not_ticked_so_who_reads_the_notes_is_a_choice(
    hamburg, client_for
):
    req = _request_in_hamburg(email="samira@example.org")
    assert list(req.suggested_advisors.all()) == [hamburg.advisor_x]

    response = client_for(hamburg.manager_x).get(_detail(req, **{"from": "agency-x"}))

    field = response.context["accept"]["advisors"]
    assert field.initial == [hamburg.manager_x.pk]  # the person accepting, nobody else
    labels = {
        str(user): label
        for user, label in zip(field.field.queryset, [c.choice_label for c in field], strict=True)
    }
    assert labels == {"Marta Krüger": "Marta Krüger", "Xenia Wolff": "Xenia Wolff (suggested)"}
    content = response.content.decode()
    assert "can read the case&#x27;s confidential notes" in content
    checked = re.findall(
        r'<input type="checkbox" name="accept-advisors" value="(\d+)"[^>]*checked', content
    )
    assert checked == [str(hamburg.manager_x.pk)]


def test_accepting_opens_a_case_with_the_requests_parties_and_the_templates_steps(
    hamburg, client_for, run_jobs, mailoutbox
):
    req = _request_in_hamburg(email="samira@example.org", organization=hamburg.org_a)
    template = CaseTemplate.objects.get(code="association_founding")
    response = _post(
        client_for(hamburg.advisor_x),
        "accept",
        req,
        {
            "accept-advisors": [hamburg.advisor_x.pk, hamburg.manager_x.pk],
            "accept-case_type": "process_support",
            "accept-title": "Frauenverein gründen",
            "accept-project": hamburg.project_x.pk,
            "accept-template": template.pk,
        },
        came_from="agency-x",
    )
    case = Case.objects.get(request=req)
    assert response["Location"] == reverse("counselling:case-detail", kwargs={"pk": case.pk})
    assert (case.agency, case.title, case.case_type, case.project) == (
        hamburg.agency_x,
        "Frauenverein gründen",
        "process_support",
        hamburg.project_x,
    )
    assert set(case.advisors.all()) == {hamburg.advisor_x, hamburg.manager_x}
    assert list(case.organizations.all()) == [hamburg.org_a]
    assert list(case.contacts.all()) == [req.contact]
    assert case.tasks.count() == template.steps.count() == 5
    req.refresh_from_db()
    assert (req.status, req.decided_by) == (RequestStatus.ACCEPTED, hamburg.advisor_x)
    run_jobs()
    assert [m.subject for m in mailoutbox if m.to == ["samira@example.org"]] == [
        _german("We have received your request for counselling"),
        _german("Your request for counselling has been accepted"),
    ]


def test_accepting_without_advisors_shows_the_form_again_with_the_reason(hamburg, client_for):
    req = _request_in_hamburg()
    response = _post(
        client_for(hamburg.advisor_x), "accept", req, {"accept-case_type": "single"}, "agency-x"
    )
    assert response.status_code == 200
    assert response.context["accept"].errors["advisors"] == ["Assign at least one advisor."]
    assert not Case.objects.exists()


def test_a_request_already_dealt_with_is_not_accepted_twice(hamburg, client_for):
    req = _request_in_hamburg()
    reason = "Bitte an die Beratungsstelle vor Ort wenden."
    decline_request(req, reason=reason, by=hamburg.manager_x)
    client = client_for(hamburg.advisor_x)
    data = {"accept-advisors": [hamburg.advisor_x.pk], "accept-case_type": "single"}
    response = _post(client, "accept", req, data, came_from="agency-x")
    assert response["Location"] == _detail(req, **{"from": "agency-x"})
    assert not Case.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "This request has already been dealt with." in page
    assert reason in page
    assert "Accept and open the case" not in page


def test_an_unrouted_request_is_taken_for_one_of_my_agencies_the_queue_i_came_from_first(
    world, client_for
):
    factories.make_staff(world.agency_y, user=world.advisor_x)
    req = factories.make_request(federal_state="")
    client = client_for(world.advisor_x)
    for came_from in (world.agency_x, world.agency_y):
        page = client.get(_detail(req, **{"from": came_from.slug}))
        accept = page.context["accept"]
        assert sorted(a.slug for a in accept.fields["agency"].queryset) == ["agency-x", "agency-y"]
        assert accept["agency"].initial == came_from.pk
    response = _post(
        client,
        "accept",
        req,
        {
            "accept-agency": world.agency_y.pk,
            "accept-advisors": [world.advisor_x.pk, world.advisor_y.pk],
            "accept-case_type": "single",
        },
        came_from="agency-x",
    )
    case = Case.objects.get(request=req)
    assert response["Location"] == reverse("counselling:case-detail", kwargs={"pk": case.pk})
    assert case.agency == world.agency_y
    assert set(case.advisors.all()) == {world.advisor_x, world.advisor_y}
    req.refresh_from_db()
    assert req.agency == world.agency_y


def test_advisors_of_another_agency_are_refused_with_a_clear_message(world, client_for):
    factories.make_staff(world.agency_y, user=world.advisor_x)
    req = factories.make_request(federal_state="")
    response = _post(
        client_for(world.advisor_x),
        "accept",
        req,
        {
            "accept-agency": world.agency_x.pk,
            "accept-advisors": [world.advisor_y.pk],
            "accept-case_type": "single",
        },
        came_from="agency-x",
    )
    assert response.status_code == 200
    assert response.context["accept"].non_field_errors() == [
        "Advisors must work for the case's agency."
    ]
    assert not Case.objects.exists()


def test_forwarding_hands_the_request_to_the_other_agencys_queue(hamburg, client_for):
    req = _request_in_hamburg()
    response = _post(
        client_for(hamburg.advisor_x),
        "forward",
        req,
        {"forward-to_agency": hamburg.agency_y.pk, "forward-reason": "Sitz in Bayern."},
        came_from="agency-x",
    )
    assert response["Location"] == reverse("counselling:intake", kwargs={"agency": "agency-x"})
    req.refresh_from_db()
    assert (req.agency, req.routed_by, req.status) == (
        hamburg.agency_y,
        RoutedBy.FORWARDED,
        RequestStatus.NEW,
    )
    forwarding = Forwarding.objects.get(request=req)
    assert (forwarding.from_agency, forwarding.reason) == (hamburg.agency_x, "Sitz in Bayern.")
    assert client_for(hamburg.advisor_x).get(_detail(req)).status_code == 404
    assert _shown(_get_intake(client_for(hamburg.advisor_y), hamburg.agency_y)) == [req.pk]


def test_forwarding_needs_a_reason(hamburg, client_for):
    req = _request_in_hamburg()
    response = _post(
        client_for(hamburg.advisor_x),
        "forward",
        req,
        {"forward-to_agency": hamburg.agency_y.pk, "forward-reason": "  "},
    )
    assert response.context["forward"].errors["reason"] == ["Please give a reason for forwarding."]
    assert Request.objects.get(pk=req.pk).agency == hamburg.agency_x


def test_declining_needs_a_reason_and_sends_it_to_the_person(
    hamburg, client_for, run_jobs, mailoutbox
):
    req = _request_in_hamburg(email="samira@example.org")
    client = client_for(hamburg.advisor_x)
    response = _post(client, "decline", req, {"decline-reason": ""})
    assert response.context["decline"].errors["reason"] == [
        "Please give a reason, so the person knows where else to turn."
    ]
    assert Request.objects.get(pk=req.pk).status == RequestStatus.NEW
    reason = "Für Arbeitsrecht wenden Sie sich bitte an die Beratungsstelle Faire Arbeit."
    response = _post(client, "decline", req, {"decline-reason": reason}, came_from="agency-x")
    assert response["Location"] == reverse("counselling:intake", kwargs={"agency": "agency-x"})
    req.refresh_from_db()
    assert (req.status, req.decline_reason) == (RequestStatus.DECLINED, reason)
    run_jobs()
    declined = [m for m in mailoutbox if m.subject == _german("About your request for counselling")]
    assert [m.to for m in declined] == [["samira@example.org"]]
    assert reason in declined[0].body


def test_an_accepted_request_links_to_its_case(hamburg, client_for):
    req = _request_in_hamburg()
    _post(
        client_for(hamburg.advisor_x),
        "accept",
        req,
        {"accept-advisors": [hamburg.advisor_x.pk], "accept-case_type": "single"},
    )
    case = Case.objects.get(request=req)
    page = client_for(hamburg.manager_x).get(_detail(req)).content.decode()
    assert reverse("counselling:case-detail", kwargs={"pk": case.pk}) in page
    assert f'Open case <bdi dir="ltr">{case.reference}</bdi>' in page


def _german(text: str) -> str:
    """A mail subject as the person gets it: the request was made in German."""
    with translation.override("de"):
        return translation.gettext(text)
