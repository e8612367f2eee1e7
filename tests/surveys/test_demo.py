"""The demo's survey (seed 004): the platform turns the raw responses into 54 % and 18 %."""

import datetime

import pytest
from django.db.models import Count

from gemeinsam.demo import surveys as demo_surveys
from gemeinsam.surveys import results
from gemeinsam.surveys.models import Answer, Indicator, Questionnaire, Response
from tests import factories

TODAY = datetime.date(2026, 3, 4)


@pytest.fixture
def loaded(db):
    agency = factories.make_agency("Der Paritätische NRW", slug="paritaetischer-nrw")
    assert demo_surveys.load(TODAY) == 414 + 102 + 171
    return agency


def test_the_demo_indicators_come_from_the_raw_responses(loaded):
    values = {
        i.code: (s.count, s.n, s.percent) for i, s in results.indicators(loaded, language="en")
    }
    assert values == {
        "mo-founded-for-youth-welfare": (224, 414, 54),
        "mo-funded-through-youth-welfare": (75, 414, 18),
    }
    sizes = dict(
        Response.objects.values_list("version__questionnaire__audience").annotate(n=Count("pk"))
    )
    assert sizes == {"mo": 414, "authority": 102, "provider": 171}


def test_the_demo_responses_are_anonymous_and_kept_by_the_day(loaded):
    assert not Response.objects.filter(invitation__isnull=False).exists()
    assert not Response.objects.filter(submitted_at__isnull=False).exists()
    days = set(Response.objects.values_list("submitted_on", flat=True))
    assert min(days) == TODAY - datetime.timedelta(days=48)
    assert max(days) == TODAY - datetime.timedelta(days=7)


def test_loading_the_demo_again_adds_nothing(loaded):
    counts = (Questionnaire.objects.count(), Response.objects.count(), Answer.objects.count())
    assert demo_surveys.load(TODAY) == 0
    assert (
        Questionnaire.objects.count(),
        Response.objects.count(),
        Answer.objects.count(),
    ) == counts
    assert Indicator.objects.count() == 2
    assert all(v.launched_at for q in Questionnaire.objects.all() for v in q.versions.all())
