"""A readiness check asks only what the directory profile does not already tell."""

from __future__ import annotations

import datetime

from gemeinsam.funding import documents, ruledoc
from gemeinsam.funding.profile import profile_facts
from gemeinsam.organizations.models import Recognition, RecognitionType
from tests import factories

TODAY = datetime.date(2026, 11, 21)


def _recognise(organization, code, **dates):
    Recognition.objects.create(
        organization=organization, type=RecognitionType.objects.get(code=code), **dates
    )


def test_a_full_profile_answers_every_fact_it_knows(db):
    organization = factories.make_organization(
        "Elternverein Brücke",
        federal_state="NW",
        founded_on=datetime.date(2015, 3, 1),
        members_count=23,
        youth_welfare_since=datetime.date(2018, 9, 1),
        board_migration_majority=True,
    )
    _recognise(organization, "charitable", granted_on=datetime.date(2024, 5, 6))
    _recognise(organization, "youth_welfare_75", valid_until=datetime.date(2026, 11, 20))
    _recognise(organization, "azav", valid_until=datetime.date(2027, 6, 30))
    _recognise(organization, "welfare_association")

    assert profile_facts(organization, as_of=TODAY) == {
        "legal_form": "registered_association",
        "founded_on": datetime.date(2015, 3, 1),
        "members": 23,
        "youth_work_since": datetime.date(2018, 9, 1),
        "federal_state": "NW",
        "board_majority_migration": True,
        "charitable_notice_on": datetime.date(2024, 5, 6),
        "recognised_75": False,  # expired yesterday
        "azav_valid_until": datetime.date(2027, 6, 30),
        "welfare_association_member": True,
    }


def test_what_the_profile_does_not_say_stays_unknown(db):
    organization = factories.make_organization(
        "Initiative Nachbarschaft", legal_form=None, federal_state=""
    )
    _recognise(organization, "charitable")  # no date of the notice given
    assert profile_facts(organization, as_of=TODAY) == {}
    result = ruledoc.evaluate(documents.builtin_check("association"), {}, as_of=TODAY)
    assert {r.status for r in result.requirements} == {ruledoc.UNKNOWN}


def test_a_profile_ready_for_recognition_meets_the_youth_welfare_check(db):
    organization = factories.make_organization(
        "Jugendtreff Al-Nour", youth_welfare_since=datetime.date(2020, 1, 15)
    )
    _recognise(organization, "charitable", granted_on=datetime.date(2023, 2, 1))
    facts = profile_facts(organization, as_of=TODAY)
    result = ruledoc.evaluate(documents.builtin_check("youth_welfare"), facts, as_of=TODAY)
    assert result.status == ruledoc.MET
