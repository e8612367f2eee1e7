"""A tandem's agreement: both partners and the agency's staff add goals and milestones, every
change is a new version that each side accepts again, and acceptance names the version seen."""

import datetime

import pytest

from gemeinsam.core.models import AuditLogEntry
from gemeinsam.tandems import services
from gemeinsam.tandems.enums import EVALUATION_ITEMS, Side
from gemeinsam.tandems.inputs import Invalid
from tests.tandems.factories import make_call, make_tandem
from tests.tandems.test_query_counts import _grow_and_compare

pytestmark = pytest.mark.django_db

CODES = [code for code, _label in EVALUATION_ITEMS]


@pytest.fixture
def tandem(world):
    call = make_call(world.agency_x, "Tandems NRW", slug="nrw")
    return make_tandem(call, world.org_a, world.org_b)


def test_both_sides_accept_and_a_change_asks_both_again(client_for, world, tandem):
    client_for(world.member_a).post(
        f"/en/tandems/tandem/{tandem.pk}/sign/", {"side": "mo", "version": "1"}
    )
    client_for(world.member_b).post(
        f"/en/tandems/tandem/{tandem.pk}/sign/", {"side": "partner", "version": "1"}
    )
    tandem.refresh_from_db()
    assert (tandem.agreed, tandem.mo_signed_by, tandem.partner_signed_by) == (
        True,
        world.member_a,
        world.member_b,
    )

    client_for(world.advisor_x).post(
        f"/en/tandems/tandem/{tandem.pk}/goals/",
        {"text": "Zwei gemeinsame Elternabende", "owner": "partner"},
    )

    tandem.refresh_from_db()
    assert (tandem.agreement_version, tandem.agreed) == (2, False)
    assert [(g.text, g.owner) for g in tandem.goals.all()] == [
        ("Zwei gemeinsame Elternabende", Side.PARTNER)
    ]
    entry = AuditLogEntry.objects.filter(object_type="tandems.tandem").latest("pk")
    assert entry.changes["goal"] == [None, "Zwei gemeinsame Elternabende"]


def test_accepting_a_version_that_changed_meanwhile_is_refused(world, tandem):
    services.add_goal(tandem, text="Fortbildung", owner=Side.MIGRANT_ORG, by=world.member_a)

    with pytest.raises(Invalid):
        services.sign_agreement(tandem, side=Side.MIGRANT_ORG, version=1, by=world.member_a)

    tandem.refresh_from_db()
    assert tandem.mo_signed_version is None


def test_a_member_cannot_accept_for_the_other_side(client_for, world, tandem):
    response = client_for(world.member_a).post(
        f"/en/tandems/tandem/{tandem.pk}/sign/", {"side": "partner", "version": "1"}, follow=True
    )

    assert "You cannot accept the agreement for this side." in response.content.decode()
    tandem.refresh_from_db()
    assert tandem.partner_signed_version is None


def test_a_milestone_outside_the_project_period_is_refused(world, tandem):
    with pytest.raises(Invalid) as refused:
        services.add_milestone(
            tandem, title="Abschlussfest", due_on=datetime.date(2040, 1, 1), by=world.member_b
        )

    assert refused.value.problems == {"__all__": ["A milestone lies within the project period."]}
    assert not tandem.milestones.exists()


def test_the_tandem_page_shows_the_agreement_and_the_buttons_of_ones_own_side(
    client_for, world, tandem
):
    services.add_milestone(
        tandem, title="Auftakttreffen", due_on=datetime.date(2031, 6, 15), by=world.member_b
    )

    html = client_for(world.member_b).get(tandem.get_absolute_url()).content.decode()

    assert "Auftakttreffen" in html
    assert "Accept the agreement for the partner organization" in html
    assert "Accept the agreement for the migrant organization" not in html


def test_the_tandem_page_costs_the_same_for_three_goals_as_for_one(
    world, client_for, django_assert_num_queries, tandem
):
    def grow(i):
        phase = ["start", "mid", "end"][i]
        for side in (Side.MIGRANT_ORG, Side.PARTNER):
            services.evaluate(
                tandem, side=side, phase=phase, answers=dict.fromkeys(CODES, 3), by=None
            )
        services.add_goal(tandem, text=f"Ziel {i}", owner=Side.PARTNER, by=world.member_b)
        services.add_milestone(
            tandem,
            title=f"Meilenstein {i}",
            due_on=datetime.date(2031, 7, 1 + i),
            by=world.member_b,
        )

    page = _grow_and_compare(
        client_for(world.member_a), tandem.get_absolute_url(), grow, django_assert_num_queries
    )

    assert "Ziel 2" in page
    assert "Meilenstein 2" in page
