"""The two-sided evaluation: both partners answer the same statements per phase, the tandem
page shows where they see things differently, and nobody answers for the other side."""

import pytest

from gemeinsam.tandems import services
from gemeinsam.tandems.enums import EVALUATION_ITEMS, Phase, Side
from gemeinsam.tandems.inputs import Invalid
from gemeinsam.tandems.models import Evaluation
from tests import factories
from tests.tandems.factories import make_call, make_tandem
from tests.tandems.test_query_counts import _grow_and_compare

pytestmark = pytest.mark.django_db

CODES = [code for code, _label in EVALUATION_ITEMS]


@pytest.fixture
def tandem(world):
    return make_tandem(
        make_call(world.agency_x, "Tandems NRW", slug="nrw"), world.org_a, world.org_b
    )


def _post(side, phase="start", **changes):
    data = {"side": side, "phase": phase, **{f"item_{c}": "4" for c in CODES}}
    data.update(changes)
    return data


def test_both_sides_answer_and_the_page_marks_what_they_see_differently(client_for, world, tandem):
    client_for(world.member_a).post(
        f"/en/tandems/tandem/{tandem.pk}/evaluation/", _post("mo", item_chair="1")
    )
    client_for(world.member_b).post(f"/en/tandems/tandem/{tandem.pk}/evaluation/", _post("partner"))

    answers = {e.side: e.answers for e in Evaluation.objects.filter(tandem=tandem)}
    assert answers[Side.MIGRANT_ORG]["chair"] == 1
    assert answers[Side.PARTNER]["chair"] == 4
    html = client_for(world.advisor_x).get(tandem.get_absolute_url()).content.decode()
    assert html.count("seen differently") == 1
    chair_row = html.split("Both organizations chair our meetings in turn.")[1].split("</tr>")[0]
    assert "seen differently" in chair_row


def test_answering_again_replaces_the_sides_answers_of_that_phase(world, tandem):
    answers = dict.fromkeys(CODES, 3)
    services.evaluate(
        tandem, side=Side.PARTNER, phase=Phase.MID, answers=answers, by=world.member_b
    )
    services.evaluate(
        tandem,
        side=Side.PARTNER,
        phase=Phase.MID,
        answers={**answers, "trust": 5},
        by=world.member_b,
    )

    evaluation = Evaluation.objects.get()
    assert (evaluation.phase, evaluation.answers["trust"]) == (Phase.MID, 5)


def test_a_missing_or_out_of_scale_answer_is_refused(world, tandem):
    answers = dict.fromkeys(CODES, 3)
    with pytest.raises(Invalid):
        services.evaluate(
            tandem, side=Side.MIGRANT_ORG, phase=Phase.END, answers={**answers, "trust": 7}, by=None
        )
    with pytest.raises(Invalid):
        services.evaluate(
            tandem, side=Side.MIGRANT_ORG, phase=Phase.END, answers={"trust": 3}, by=None
        )
    assert not Evaluation.objects.exists()


def test_a_member_cannot_answer_for_the_other_side(client_for, world, tandem):
    response = client_for(world.member_a).post(
        f"/en/tandems/tandem/{tandem.pk}/evaluation/", _post("partner"), follow=True
    )

    assert "You cannot answer for this side." in response.content.decode()
    assert not Evaluation.objects.exists()


def test_staff_see_every_tandems_answers_of_a_phase_side_by_side(
    client_for, world, tandem, django_assert_num_queries
):
    def grow(i):
        other = make_tandem(
            tandem.call,
            factories.make_organization(f"MO {i}", index=False),
            factories.make_organization(f"Träger {i}", kind="established_provider", index=False),
        )
        for side, value in ((Side.MIGRANT_ORG, 1), (Side.PARTNER, 5)):
            services.evaluate(
                other, side=side, phase=Phase.MID, answers=dict.fromkeys(CODES, value), by=None
            )

    url = f"/en/tandems/manage/{world.agency_x.slug}/nrw/evaluations/?phase=mid"
    page = _grow_and_compare(client_for(world.advisor_x), url, grow, django_assert_num_queries)

    assert page.count("1 / 5") == 3 * len(CODES)
    assert page.count("seen differently") == 3 * len(CODES)
    assert 'aria-current="page">at mid-term' in page
