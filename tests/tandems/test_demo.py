"""The demo's tandems (data/tandems.yaml): seed 001's call a year in with its tandems paired by
the suggestions and agreed by both sides, and an open pair-first call in Hamburg; loading
again adds nothing."""

import datetime

import pytest

from gemeinsam.demo import tandems as demo_tandems
from gemeinsam.tandems.enums import CallMode, PartnerAnswer
from gemeinsam.tandems.models import Evaluation, Goal, Tandem, TandemApplication, TandemCall
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2031, 3, 10)


@pytest.fixture
def directory():
    factories.make_agency("Der Paritätische NRW", slug="paritaetischer-nrw")
    factories.make_agency("KomMig", slug="kommig-hamburg")
    for i, state in enumerate(["NW", "NW", "NW", "HH"]):
        factories.make_organization(
            f"Migrantenverein {i}", federal_state=state, fields=("youth_work",), index=False
        )
        factories.make_organization(
            f"Träger {i}",
            kind="established_provider",
            federal_state=state,
            fields=("youth_work",),
            legal_form="ggmbh",
            index=False,
        )


def test_the_demo_pairs_the_nrw_call_and_opens_the_hamburg_call_once(directory):
    demo_tandems.load(TODAY)
    demo_tandems.load(TODAY)

    nrw = TandemCall.objects.get(slug="tandems-auf-augenhoehe")
    assert (nrw.mode, nrw.regions, nrw.is_open(TODAY)) == (CallMode.MATCH_LATER, ["NW"], False)
    tandems = list(Tandem.objects.filter(call=nrw))
    assert len(tandems) == 3
    assert all(t.agreed and "both" not in t.reasons for t in tandems)
    assert all(t.reasons["fields"] for t in tandems)
    assert {t.grant for t in tandems} == {nrw.max_grant}
    assert Goal.objects.filter(tandem__call=nrw).count() == 6
    assert Evaluation.objects.filter(tandem__call=nrw).count() == 3 * 2 * 2
    hamburg = TandemCall.objects.get(slug="tandemprojekte-hamburg")
    assert hamburg.is_open(TODAY)
    application = TandemApplication.objects.get(call=hamburg)
    assert (application.partner.name, application.partner_answer) == (
        "Träger 3",
        PartnerAnswer.ACCEPTED,
    )
    assert TandemApplication.objects.filter(call=nrw).count() == 6


def test_the_demo_data_is_read_and_checked():
    calls = demo_tandems.tandems_data().calls

    assert [c.slug for c in calls] == ["tandems-auf-augenhoehe", "tandemprojekte-hamburg"]
    assert calls[0].tandems == 12
