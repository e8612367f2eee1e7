"""A signed-in member sees each bound step as done, missing or unknown for their organization,
with the next action and a one-click request for counselling; others see the plain guide."""

from __future__ import annotations

import datetime

from django.core import mail

from gemeinsam.counselling.models import ConsentRecord, Request
from gemeinsam.funding import services as funding_services
from gemeinsam.funding.models import ReadinessCheck
from gemeinsam.knowledge.enums import StepState
from gemeinsam.knowledge.progress import organization_for_progress, progress
from gemeinsam.organizations.models import LegalForm
from tests import factories
from tests.knowledge.guides import make_guide

TODAY = datetime.date(2026, 6, 15)


def _states(guide, organization) -> dict[str, str]:
    steps = list(guide.steps.select_related("readiness_check"))
    found = progress(steps, organization_for_progress(organization.pk), language="en", as_of=TODAY)
    return {s.title: found[s.pk].state for s in steps if s.pk in found}


def test_the_profile_answers_what_it_knows_and_the_rest_stays_unknown(world):
    guide = make_guide(world.agency_x, by=world.advisor_x)

    assert _states(guide, world.org_a) == {
        "Einen Verein gründen": StepState.DONE,
        "Gemeinnützigkeit nachweisen": StepState.UNKNOWN,
        "Drei Jahre Jugendarbeit belegen": StepState.UNKNOWN,
    }


def test_an_initiative_without_a_legal_form_is_missing_the_first_step(world):
    world.org_a.legal_form = LegalForm.objects.get(code="initiative")
    world.org_a.save()
    guide = make_guide(world.agency_x, by=world.advisor_x)

    assert _states(guide, world.org_a)["Einen Verein gründen"] == StepState.MISSING


def test_a_kept_result_answers_what_the_profile_does_not(world):
    check = ReadinessCheck.objects.get(code="youth_welfare")
    funding_services.save_result(
        world.org_a,
        check.current_rules,
        {"youth_work_since": "2020-01-01", "charitable_notice_on": "2019-01-01"},
        as_of=datetime.date(2026, 1, 10),
    )
    guide = make_guide(world.agency_x, by=world.advisor_x)

    states = _states(guide, world.org_a)

    # Youth work since 2020: three years are long past. The tax notice of 2019 is more than
    # five years old on the day of the guide: missing, not unknown.
    assert states["Drei Jahre Jugendarbeit belegen"] == StepState.DONE
    assert states["Gemeinnützigkeit nachweisen"] == StepState.MISSING


def test_the_profile_wins_over_an_older_kept_answer(world):
    check = ReadinessCheck.objects.get(code="youth_welfare")
    funding_services.save_result(
        world.org_a, check.current_rules, {"legal_form": "initiative"}, as_of=TODAY
    )
    guide = make_guide(world.agency_x, by=world.advisor_x)

    assert _states(guide, world.org_a)["Einen Verein gründen"] == StepState.DONE


def test_a_member_sees_the_states_and_what_to_do_next(world, client_for):
    guide = make_guide(world.agency_x, by=world.advisor_x)

    page = client_for(world.member_a).get(f"/en/knowledge/{guide.slug}/").content.decode()

    assert "Where <bdi>Verein A für Jugendarbeit</bdi> stands" in page
    assert '<span class="badge badge-ok">done</span>' in page
    assert page.count('<span class="badge badge-warn">unknown</span>') == 2
    assert "What to do next:</strong> Document the youth work" in page
    assert f"/en/funding/checks/youth_welfare/?organization={world.org_a.slug}" in page
    assert page.count("Agree and ask for counselling on this step") == 2


def test_anonymous_readers_and_staff_see_the_plain_guide(world, client_for):
    guide = make_guide(world.agency_x, by=world.advisor_x)
    for reader in (None, world.advisor_x):
        page = client_for(reader).get(f"/en/knowledge/{guide.slug}/").content.decode()
        assert "Einen Verein gründen" in page
        assert "badge-ok" not in page and "What to do next" not in page
        assert "Agree and ask for counselling" not in page
        assert (
            "/en/counselling/request/?topic=youth_welfare" in page or "topic=youth_welfare" in page
        )


def test_a_member_of_two_organizations_chooses_which_one(world, client_for):
    org_c = factories.make_organization("Initiative C", legal_form="initiative")
    factories.make_membership(org_c, world.member_a)
    guide = make_guide(world.agency_x, by=world.advisor_x)
    client = client_for(world.member_a)

    page = client.get(f"/en/knowledge/{guide.slug}/?organization={org_c.slug}").content.decode()

    assert "Where <bdi>Initiative C</bdi> stands" in page
    assert '<span class="badge badge-error">missing</span>' in page
    # Someone else's organization is not offered: the first own one is shown instead.
    page = client.get(f"/en/knowledge/{guide.slug}/?organization={world.org_b.slug}")
    assert "Verein B" not in page.content.decode().split("<main")[1].split("<ol")[0]


def test_one_click_asks_for_counselling_on_the_step_for_the_organization(world, client_for):
    guide = make_guide(world.agency_x, by=world.advisor_x)
    step = guide.steps.get(requirement_key="JH-03")

    response = client_for(world.member_a).post(
        f"/en/knowledge/{guide.slug}/steps/{step.pk}/ask/", {"organization": world.org_a.slug}
    )

    asked = Request.objects.get()
    assert (
        response["Location"] == f"/en/counselling/request/{asked.token}/"
        or asked.token in (response["Location"])
    )
    assert (asked.organization, asked.requested_by) == (world.org_a, world.member_a)
    assert [t.code for t in asked.topics.all()] == ["youth_welfare"]
    assert asked.description == (
        "Frage zum Leitfaden „Anerkennung als Träger der freien Jugendhilfe“, "
        "Schritt 4 „Drei Jahre Jugendarbeit belegen“ (unbekannt)."
    )
    consent = ConsentRecord.objects.get(contact=asked.contact)
    assert consent.text.startswith("I agree that the details I give here are stored")


def test_no_one_asks_for_an_organization_not_their_own(world, client_for):
    guide = make_guide(world.agency_x, by=world.advisor_x)
    step = guide.steps.get(requirement_key="JH-03")

    response = client_for(world.member_b).post(
        f"/en/knowledge/{guide.slug}/steps/{step.pk}/ask/", {"organization": world.org_a.slug}
    )

    assert response.status_code == 404
    assert not Request.objects.exists() and mail.outbox == []


def test_a_step_of_another_guide_is_not_there(world, client_for):
    guide = make_guide(world.agency_x, by=world.advisor_x)
    other = make_guide(world.agency_x, by=world.advisor_x, title="Anderer Leitfaden")
    step = other.steps.get(requirement_key="JH-03")

    response = client_for(world.member_a).post(
        f"/en/knowledge/{guide.slug}/steps/{step.pk}/ask/", {"organization": world.org_a.slug}
    )

    assert response.status_code == 404 and not Request.objects.exists()
