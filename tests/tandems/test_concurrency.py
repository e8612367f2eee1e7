"""A call's budget is never passed, also when staff form tandems at the same moment (issue 20,
item 6). Twelve threads, each with its own connection, start together behind a barrier and
each forms a tandem of 8,000 € in a call of 20,000 €: exactly two may succeed. The negative
control switches the call's lock off (a race hook of the test settings: the budget is then read
before the transaction, followed by a short pause) and shows that the same race passes the
budget, so the test would catch a missing lock. The shared database and the race runner are
the rooms' (tests/rooms/test_concurrency.py), for the same reasons."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest

from gemeinsam.tandems import services
from gemeinsam.tandems.inputs import Invalid
from gemeinsam.tandems.models import Tandem
from tests import factories
from tests.tandems.factories import make_application, make_call
from tests.threads import race as _race

THREADS = 12

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _contested_call():
    agency = factories.make_agency("Der Paritätische NRW", slug="race-agency")
    staff = factories.make_staff(agency, role="manager").user
    call = make_call(
        agency, "Tandems", slug="race", budget=Decimal("20000"), max_grant=Decimal("8000")
    )
    pairs = []
    for i in range(THREADS):
        mo = make_application(call, factories.make_organization(f"MO {i}", index=False))
        partner = make_application(
            call,
            factories.make_organization(f"Träger {i}", kind="established_provider", index=False),
        )
        pairs.append((mo, partner))
    jobs = [
        lambda mo=mo, partner=partner: services.form_tandem(call, mo, partner, by=staff)
        for mo, partner in pairs
    ]
    return call, jobs


def test_simultaneous_tandems_never_pass_the_calls_budget(shared_database):
    call, jobs = _contested_call()

    results, errors, overlap = _race(jobs)

    assert Tandem.objects.filter(call=call).count() == len(results) == 2
    assert sum(t.grant for t in Tandem.objects.filter(call=call)) == Decimal("16000")
    assert len(errors) == THREADS - 2
    assert {type(e) for e in errors} == {Invalid}
    assert overlap > 1


def test_without_the_lock_the_same_race_passes_the_budget(shared_database, settings):
    """Negative control: proves the test above would notice a missing lock."""
    settings.GEMEINSAM_RACES = {"tandem_budget": {"lock": False, "delay": 0.2}}
    call, jobs = _contested_call()

    started = time.monotonic()
    results, errors, overlap = _race(jobs)

    formed = Tandem.objects.filter(call=call).count()
    assert formed > 2, f"{formed} formed, errors: {errors!r}"
    assert len(results) == formed
    assert sum(t.grant for t in Tandem.objects.filter(call=call)) > call.budget
    assert overlap > 1
    assert time.monotonic() - started < THREADS * 0.2
