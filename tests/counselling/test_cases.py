"""The advisors' case actions: opening a case without a request, editing it, its advisors,
handing it to another agency, closing and reopening it."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from gemeinsam.core.models import AuditLogEntry
from gemeinsam.counselling.enums import CaseStatus
from gemeinsam.counselling.models import Case, CaseTemplate, Forwarding
from gemeinsam.counselling.services.cases import close_case
from gemeinsam.organizations.models import WorkingLanguage
from tests import factories


@pytest.fixture
def case(world):
    return factories.make_case(
        world.agency_x,
        advisors=[world.advisor_x],
        organizations=[world.org_a],
        title="Satzung für den Elternverein",
        project=world.project_x,
    )


def _url(name, case):
    return reverse(f"counselling:case-{name}", kwargs={"pk": case.pk})


def _detail(case):
    return reverse("counselling:case-detail", kwargs={"pk": case.pk})


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _audit(case) -> list[AuditLogEntry]:
    return list(
        AuditLogEntry.objects.filter(object_type="counselling.case", object_id=str(case.pk))
        .exclude(action="create")
        .order_by("id")
    )


def _create(client, agency, **data):
    return client.post(reverse("counselling:case-create", kwargs={"agency": agency.slug}), data)


# --- Opening a case ----------------------------------------------------------------------------


def test_a_case_can_be_opened_after_a_phone_call_with_the_templates_steps(world, client_for):
    template = CaseTemplate.objects.get(code="funding_application")
    topic = factories.topics("funding_applications")[0]
    response = _create(
        client_for(world.advisor_x),
        world.agency_x,
        title="Antrag beim Auf-Augenhöhe-Fonds",
        case_type="process_support",
        organizations=f"Verein B für Kultur\n/en/organizations/{world.org_a.slug}/",
        advisors=[world.advisor_x.pk, world.manager_x.pk],
        topics=[topic.pk],
        language=WorkingLanguage.objects.get(code="ar").pk,
        project=world.project_x.pk,
        template=template.pk,
    )
    case = Case.objects.get()
    assert response["Location"] == _detail(case)
    assert (case.agency, case.title, case.project, case.language.code) == (
        world.agency_x,
        "Antrag beim Auf-Augenhöhe-Fonds",
        world.project_x,
        "ar",
    )
    assert set(case.organizations.all()) == {world.org_a, world.org_b}
    assert set(case.advisors.all()) == {world.advisor_x, world.manager_x}
    assert list(case.topics.all()) == [topic]
    assert sorted(t.due_on - case.opened_on for t in case.tasks.all()) == [
        datetime.timedelta(days=d) for d in (0, 14, 28, 56)
    ]
    assert AuditLogEntry.objects.filter(
        object_type="counselling.case", object_id=str(case.pk), action="create"
    ).exists()


def test_the_new_case_form_offers_the_agencys_staff_with_me_preselected(world, client_for):
    response = client_for(world.advisor_x).get(
        reverse("counselling:case-create", kwargs={"agency": "agency-x"})
    )
    form = response.context["form"]
    assert [str(u) for u in form.fields["advisors"].queryset] == ["Marta Krüger", "Xenia Wolff"]
    assert form["advisors"].initial == [world.advisor_x.pk]
    assert list(form.fields["project"].queryset) == [world.project_x]


def test_organizations_that_are_not_in_the_directory_are_named_in_the_error(world, client_for):
    factories.make_organization("Verein B für Kultur")  # a second one of that name
    response = _create(
        client_for(world.advisor_x),
        world.agency_x,
        title="Beratung",
        case_type="single",
        organizations="Verein Gibtsnicht\nVerein B für Kultur",
        advisors=[world.advisor_x.pk],
    )
    assert response.status_code == 200
    assert response.context["form"].errors["organizations"] == [
        "“Verein Gibtsnicht” is not an organization in the directory.",
        "Several organizations are called “Verein B für Kultur”; please paste the address of "
        "its page.",
    ]
    assert not Case.objects.exists()


def test_advisors_must_work_for_the_agency_of_the_case(world, client_for):
    response = _create(
        client_for(world.advisor_x),
        world.agency_x,
        title="Beratung",
        case_type="single",
        advisors=[world.advisor_y.pk],
    )
    assert response.status_code == 200
    assert "advisors" in response.context["form"].errors
    assert not Case.objects.exists()


# --- Editing -----------------------------------------------------------------------------------


def test_editing_a_case_changes_it_and_records_what_changed(world, client_for, case):
    other_project = factories.make_project(world.agency_x, title="Gremien stärken")
    response = client_for(world.advisor_x).post(
        _url("edit", case),
        {
            "title": "Satzung und Gemeinnützigkeit",
            "case_type": "process_support",
            "organizations": world.org_b.name,
            "topics": [t.pk for t in factories.topics("association_law")],
            "project": other_project.pk,
        },
    )
    assert response["Location"] == _detail(case)
    case.refresh_from_db()
    assert (case.title, case.project, case.organization_kind) == (
        "Satzung und Gemeinnützigkeit",
        other_project,
        world.org_b.kind,
    )
    assert list(case.organizations.all()) == [world.org_b]
    [entry] = _audit(case)
    assert entry.actor == world.advisor_x
    assert entry.changes == {
        "title": [None, None],  # that it changed, never what it says: the title may name people
        "project": ["Willkommen in Berlin", "Gremien stärken"],
        "organizations": [["Verein A für Jugendarbeit"], ["Verein B für Kultur"]],
        "topics": [["Founding an association"], ["Association law and charitable status"]],
    }


def test_the_edit_form_names_organizations_so_they_find_their_way_back(world, client_for, case):
    twin = factories.make_organization("Verein A für Jugendarbeit")
    case.organizations.add(twin)
    form = client_for(world.advisor_x).get(_url("edit", case)).context["form"]
    # Two organizations share the name: each is written by its address, which is unique.
    assert sorted(form["organizations"].value().splitlines()) == sorted(
        [world.org_a.slug, twin.slug]
    )


def test_a_case_that_had_no_organization_learns_whether_it_is_a_new_client(world, client_for):
    earlier = factories.make_case(
        world.agency_x,
        advisors=[world.advisor_x],
        organizations=[world.org_b],
        opened_on=datetime.date(2025, 5, 1),
    )
    phone_call = factories.make_case(world.agency_x, advisors=[world.advisor_x])
    assert phone_call.is_new_client
    client_for(world.advisor_x).post(
        _url("edit", phone_call),
        {"title": phone_call.title, "case_type": "single", "organizations": world.org_b.slug},
    )
    phone_call.refresh_from_db()
    assert earlier.opened_on < phone_call.opened_on
    assert not phone_call.is_new_client


def test_an_anonymised_case_cannot_be_edited(world, client_for, case):
    close_case(case, by=world.advisor_x)
    Case.objects.filter(pk=case.pk).update(anonymised_at=timezone.now())
    response = client_for(world.advisor_x).post(
        _url("edit", case), {"title": "Neu", "case_type": "single"}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["An anonymised case cannot be changed."]


def test_a_colleague_without_a_part_in_the_case_sees_it_but_may_not_change_it(world, client_for):
    colleague = factories.make_staff(world.agency_x).user
    theirs = factories.make_case(world.agency_x, advisors=[colleague], title="Nicht meiner")
    client = client_for(world.advisor_x)
    assert client.get(_url("edit", theirs)).status_code == 403
    assert client.post(_url("close", theirs)).status_code == 403
    assert Case.objects.get(pk=theirs.pk).status == CaseStatus.OPEN
    listed = client.get(reverse("counselling:case-list")).context["cases"]
    assert [c.title for c in listed] == ["Nicht meiner"]


# --- Advisors ----------------------------------------------------------------------------------


def test_the_case_gets_the_advisors_chosen(world, client_for, case):
    response = client_for(world.advisor_x).post(
        _url("advisors", case), {"advisors": [world.manager_x.pk]}
    )
    assert response["Location"] == _detail(case)
    assert list(case.advisors.all()) == [world.manager_x]
    [entry] = _audit(case)
    assert entry.changes == {"advisors": [["Xenia Wolff"], ["Marta Krüger"]]}


def test_a_case_keeps_at_least_one_advisor(world, client_for, case):
    response = client_for(world.advisor_x).post(_url("advisors", case), {})
    assert response.context["form"].errors["advisors"] == ["Assign at least one advisor."]
    assert list(case.advisors.all()) == [world.advisor_x]


# --- Forwarding --------------------------------------------------------------------------------


def test_a_forwarded_case_moves_to_the_other_agency_and_its_managers(world, client_for, case):
    manager_y = factories.make_staff(world.agency_y, role="manager").user
    response = client_for(world.advisor_x).post(
        _url("forward", case),
        {"to_agency": world.agency_y.pk, "reason": "Der Verein ist nach München gezogen."},
    )
    assert response["Location"] == reverse("counselling:case-list")
    case.refresh_from_db()
    assert (case.agency, case.project) == (world.agency_y, None)
    assert list(case.advisors.all()) == [manager_y]
    forwarding = Forwarding.objects.get(case=case)
    assert (forwarding.from_agency, forwarding.to_agency, forwarding.by) == (
        world.agency_x,
        world.agency_y,
        world.advisor_x,
    )
    assert _audit(case)[-1].changes["agency"] == [str(world.agency_x), str(world.agency_y)]
    assert client_for(world.advisor_x).get(_url("edit", case)).status_code == 404
    listed = client_for(world.advisor_y).get(reverse("counselling:case-list")).context["cases"]
    assert [c.pk for c in listed] == [case.pk]


def test_an_agency_without_managers_gets_the_case_for_all_its_staff(world, client_for, case):
    client_for(world.advisor_x).post(
        _url("forward", case), {"to_agency": world.agency_y.pk, "reason": "Zuständigkeit."}
    )
    assert list(Case.objects.get(pk=case.pk).advisors.all()) == [world.advisor_y]


def test_a_case_is_not_forwarded_without_a_reason_or_to_an_agency_without_staff(
    world, client_for, case
):
    empty = factories.make_agency("Neue Agentur ohne Team", slug="agency-empty")
    client = client_for(world.advisor_x)
    response = client.post(_url("forward", case), {"to_agency": world.agency_y.pk})
    assert response.context["form"].errors["reason"] == ["Please give a reason for forwarding."]
    response = client.post(_url("forward", case), {"to_agency": empty.pk, "reason": "Test."})
    assert response.context["form"].non_field_errors() == [
        "That agency has no active staff who could take the case."
    ]
    assert Case.objects.get(pk=case.pk).agency == world.agency_x
    assert not Forwarding.objects.exists()


# --- Closing and reopening ---------------------------------------------------------------------


def test_closing_and_reopening_a_case(world, client_for, case):
    client = client_for(world.advisor_x)
    response = client.post(_url("close", case))
    assert response["Location"] == _detail(case)
    assert _messages(response) == ["The case has been closed."]
    case.refresh_from_db()
    assert (case.status, case.closed_on) == (CaseStatus.CLOSED, timezone.localdate())
    assert _messages(client.post(_url("close", case)))[-1] == "This case was already closed."
    response = client.post(_url("reopen", case))
    assert _messages(response)[-1] == "The case has been reopened."
    case.refresh_from_db()
    assert (case.status, case.closed_on) == (CaseStatus.OPEN, None)


def test_an_anonymised_case_is_not_reopened(world, client_for, case):
    close_case(case, by=world.advisor_x)
    Case.objects.filter(pk=case.pk).update(anonymised_at=timezone.now())
    response = client_for(world.manager_x).post(_url("reopen", case))
    assert response["Location"] == _detail(case)
    assert _messages(response) == ["An anonymised case cannot be reopened."]
    assert Case.objects.get(pk=case.pk).status == CaseStatus.CLOSED
