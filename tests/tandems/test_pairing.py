"""Explained pairs: the solver finds the best total (checked against an exhaustive search),
never chooses a forbidden pair, and each suggestion names its reasons; staff form tandems from
suggestions or their own choice, and the money goes to whoever can receive it."""

import itertools
import random
from decimal import Decimal

import pytest
import time_machine

from gemeinsam.core.models import AuditLogEntry
from gemeinsam.tandems import pairing, services
from gemeinsam.tandems.inputs import Invalid
from gemeinsam.tandems.models import Tandem
from tests import factories
from tests.tandems.factories import DURING, make_application, make_call, make_tandem
from tests.tandems.test_query_counts import _grow_and_compare


def _exhaustive(scores) -> int:
    """The best total by trying every way to give each row a distinct column or none."""
    rows = len(scores)
    columns = len(scores[0]) if rows else 0
    best = 0
    options = [None, *range(columns)]
    for choice in itertools.product(options, repeat=rows):
        taken = [c for c in choice if c is not None]
        if len(taken) != len(set(taken)):
            continue
        if any(c is not None and scores[r][c] is None for r, c in enumerate(choice)):
            continue
        best = max(best, sum(scores[r][c] for r, c in enumerate(choice) if c is not None))
    return best


@pytest.mark.parametrize("seed", range(40))
def test_the_solvers_total_equals_an_exhaustive_search_and_avoids_forbidden_pairs(seed):
    rng = random.Random(seed)
    rows, columns = rng.randint(1, 5), rng.randint(1, 5)
    scores = [
        [None if rng.random() < 0.35 else rng.randint(0, 20) for _ in range(columns)]
        for _ in range(rows)
    ]

    pairs = pairing.assign(scores)

    assert all(scores[r][c] is not None for r, c in pairs)
    assert len({r for r, _ in pairs}) == len(pairs) == len({c for _, c in pairs})
    assert sum(scores[r][c] for r, c in pairs) == _exhaustive(scores)


def test_a_row_with_only_forbidden_pairs_stays_unpaired():
    assert pairing.assign([[None, None], [5, None]]) == [(1, 0)]


def test_the_best_total_beats_the_greedy_choice():
    # Greedy would take 10 (row 0 with column 0) and leave row 1 with 1; the best is 9 + 9.
    assert pairing.assign([[10, 9], [9, 1]]) == [(0, 1), (1, 0)]


@pytest.fixture
def call(world):
    return make_call(world.agency_x, "Tandems NRW", slug="nrw", pairs_within_land=True)


def _provider(name, **extra):
    return factories.make_organization(name, kind="established_provider", index=False, **extra)


@pytest.mark.django_db
@time_machine.travel(DURING, tick=False)
def test_suggestions_explain_themselves_and_respect_the_land(client_for, world, call):
    mo = factories.make_organization("Al-Nour Elternverein", index=False)
    make_application(
        call,
        mo,
        fields=("youth_welfare",),
        languages=("ar", "de"),
        district="Bochum",
        offers="Arabischsprachige Elternarbeit",
        needs="Anerkennung Jugendhilfe",
    )
    provider = _provider("Jugendhilfe Bochum gGmbH", legal_form="ggmbh")
    make_application(
        call,
        provider,
        fields=("youth_welfare",),
        languages=("ar",),
        district="bochum",
        offers="Beratung zur Anerkennung",
        needs="Zugang zu arabischsprachigen Familien",
    )
    elsewhere = _provider("Träger in Bayern")
    make_application(call, elsewhere, region="BY", fields=("youth_welfare",))

    html = (
        client_for(world.advisor_x)
        .get(f"/en/tandems/manage/{world.agency_x.slug}/nrw/pairs/")
        .content.decode()
    )

    assert "both: Child and youth welfare" in html
    assert "both speak Arabic" in html
    assert "partner offers what the MO needs: anerkennung" in html
    assert "same district or town" in html
    suggested = html.split("Suggested pairs")[2].split("Not paired")
    assert "Jugendhilfe Bochum gGmbH" in suggested[0]
    assert "Träger in Bayern" in suggested[1]


@pytest.mark.django_db
@time_machine.travel(DURING, tick=False)
def test_an_excluded_pair_is_not_suggested_again(client_for, world, call):
    mo = make_application(call, factories.make_organization("MO Eins", index=False))
    partner = make_application(call, _provider("Träger Eins"))

    html = (
        client_for(world.advisor_x)
        .get(
            f"/en/tandems/manage/{world.agency_x.slug}/nrw/pairs/",
            {"exclude": f"{mo.pk}-{partner.pk}"},
        )
        .content.decode()
    )

    assert "No pair to suggest." in html


@pytest.mark.django_db
@time_machine.travel(DURING, tick=False)
def test_staff_form_a_tandem_where_the_partner_hosts_the_money_and_it_is_audited(
    client_for, world, call
):
    mo = make_application(
        call,
        factories.make_organization("Initiative Al-Amal", legal_form="initiative", index=False),
    )
    partner = make_application(call, _provider("Diakonie Bochum"))

    response = client_for(world.manager_x).post(
        f"/en/tandems/manage/{world.agency_x.slug}/nrw/pairs/form/",
        {"mo": mo.pk, "partner": partner.pk},
    )

    assert response["Location"] == f"/en/tandems/manage/{world.agency_x.slug}/nrw/pairs/"
    tandem = Tandem.objects.get()
    assert (tandem.migrant_org, tandem.partner, tandem.recipient) == (
        mo.organization,
        partner.organization,
        partner.organization,
    )
    assert tandem.reasons["partner_hosts"] is True
    entry = AuditLogEntry.objects.get(object_type="tandems.tandem")
    assert entry.changes["recipient"] == [None, "Diakonie Bochum"]


@pytest.mark.django_db
@time_machine.travel(DURING, tick=False)
def test_a_pair_across_laender_or_without_a_recipient_is_refused(client_for, world, call):
    mo = make_application(
        call, factories.make_organization("Initiative Nord", legal_form="initiative", index=False)
    )
    partner = make_application(
        call, _provider("Initiative Süd", legal_form="initiative"), region="BY"
    )

    response = client_for(world.manager_x).post(
        f"/en/tandems/manage/{world.agency_x.slug}/nrw/pairs/form/",
        {"mo": mo.pk, "partner": partner.pk},
        follow=True,
    )

    html = response.content.decode()
    assert "This call pairs organizations within one Land only." in html
    assert "Neither organization can receive grant money with its legal form." in html
    assert not Tandem.objects.exists()


@pytest.mark.django_db
@time_machine.travel(DURING, tick=False)
def test_the_pairs_page_costs_the_same_for_three_pairs_as_for_one(
    world, client_for, django_assert_num_queries
):
    call = make_call(world.agency_x, "Tandems NRW", slug="nrw")

    def grow(i):
        make_application(
            call,
            factories.make_organization(f"MO {i}", index=False),
            fields=("culture",),
            languages=("ar",),
        )
        make_application(call, _provider(f"Träger {i}"), fields=("culture",), languages=("ar",))

    page = _grow_and_compare(
        client_for(world.advisor_x),
        f"/en/tandems/manage/{world.agency_x.slug}/nrw/pairs/",
        grow,
        django_assert_num_queries,
    )

    assert page.count("Form this tandem") == 4  # three suggestions and the own choice


@pytest.mark.django_db
@time_machine.travel(DURING, tick=False)
def test_a_tandem_beyond_the_calls_budget_is_refused(world):
    call = make_call(
        world.agency_x,
        "Kleine Tandems",
        slug="klein",
        budget=Decimal("12000"),
        max_grant=Decimal("8000"),
    )
    first = make_application(call, factories.make_organization("MO A", index=False))
    make_tandem(call, first.organization, _provider("Träger A"), grant=Decimal("8000"))
    mo = make_application(call, factories.make_organization("MO B", index=False))
    partner = make_application(call, _provider("Träger B"))

    with pytest.raises(Invalid) as refused:
        services.form_tandem(call, mo, partner, by=world.advisor_x)

    assert refused.value.problems == {
        "__all__": ["The call's budget is spent: 4000.00 € are left."]
    }
    assert Tandem.objects.count() == 1
