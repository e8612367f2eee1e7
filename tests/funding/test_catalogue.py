"""The catalogue and the checks as stored data: seeded, versioned, edited by platform admins
with validation, and results that name the rule version that produced them."""

from __future__ import annotations

import copy
import datetime
import json
import re

import pytest

from gemeinsam.core import content
from gemeinsam.funding import ruledoc, services
from gemeinsam.funding.facts import FactError
from gemeinsam.funding.models import Programme, ReadinessCheck, ReadinessResult, RuleVersion
from tests import factories

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 21)


def test_every_installation_starts_with_the_checks_and_twelve_programmes():
    assert sorted(ReadinessCheck.objects.values_list("code", flat=True)) == [
        "association",
        "kita",
        "labour_market",
        "youth_welfare",
    ]
    assert Programme.objects.count() == 12
    for owner in [*ReadinessCheck.objects.all(), *Programme.objects.all()]:
        version = owner.current_rules
        assert version.number == 1
        ruledoc.validate(version.document)
    partintp = Programme.objects.get(code="berlin-partintp")
    assert partintp.federal_states == ["BE"]
    assert (
        ReadinessCheck.objects.get(code="association").label_in("ar") == "الجمعية وصفة النفع العام"
    )


def test_a_broken_rule_is_not_stored_and_a_changed_one_is_a_new_version(world):
    check = ReadinessCheck.objects.get(code="association")
    first = check.current_rules
    broken = copy.deepcopy(first.document)
    broken["requirements"][0]["test"] = {"fact": "shoe_size", "op": ">=", "value": 7}
    with pytest.raises(ruledoc.RuleError):
        services.store_rules(check, broken, by=world.admin)
    assert check.rule_versions.count() == 1

    assert services.store_rules(check, first.document, by=world.admin) == first
    changed = copy.deepcopy(first.document)
    changed["requirements"][0]["test"]["value"] = 8
    second = services.store_rules(check, changed, by=world.admin)
    assert (second.number, check.current_rules, second.created_by) == (2, second, world.admin)
    first.refresh_from_db()
    assert first.document["requirements"][0]["test"]["value"] == 7  # never edited


def test_a_stored_result_names_its_rule_version_and_keeps_what_was_answered(world):
    organization = factories.make_organization("Frauenverein Al-Amal")
    version = ReadinessCheck.objects.get(code="association").current_rules
    result = services.save_result(
        organization,
        version,
        {
            "members": "9",
            "legal_form": "registered_association",
            "charitable_notice_on": "2020-01-01",
        },
        as_of=TODAY,
        by=world.member_a,
    )
    stored = ReadinessResult.objects.get()
    assert (stored, stored.rule_version, stored.status) == (result, version, "not_met")
    assert stored.statuses == {"VR-01": "met", "VR-02": "met", "GN-02": "not_met"}
    assert stored.facts["charitable_notice_on"] == "2020-01-01"
    assert stored.facts["members"] == 9


def test_impossible_answers_store_nothing(world):
    organization = factories.make_organization("Jugendtreff")
    version = ReadinessCheck.objects.get(code="youth_welfare").current_rules
    with pytest.raises(FactError):
        services.save_result(organization, version, {"founded_on": "2030-01-01"}, as_of=TODAY)
    assert ReadinessResult.objects.count() == 0
    outcome = services.evaluate(version, {"legal_form": "initiative"}, as_of=TODAY)
    assert outcome.status == ruledoc.NOT_MET


def test_deadlines_and_the_twelve_month_mark():
    programme = Programme.objects.get(code="integrationsagenturen-nrw")
    programme.deadline = {"kind": "yearly", "month": 11, "day": 30}
    assert programme.next_deadline(TODAY) == datetime.date(2026, 11, 30)
    assert programme.next_deadline(datetime.date(2026, 12, 1)) == datetime.date(2027, 11, 30)
    programme.deadline = {"kind": "fixed", "dates": ["2026-03-21", "2027-03-21"]}
    assert programme.next_deadline(TODAY) == datetime.date(2027, 3, 21)
    assert programme.next_deadline(datetime.date(2027, 4, 1)) is None
    programme.deadline = {"kind": "rolling"}
    assert programme.next_deadline(TODAY) is None
    programme.checked_on = datetime.date(2025, 11, 20)
    assert programme.possibly_outdated(TODAY)
    programme.checked_on = datetime.date(2025, 11, 21)
    assert not programme.possibly_outdated(TODAY)
    # The summary in the reader's language, German where there is none.
    assert re.search(r"[\u0600-\u06ff]", content.text(programme, "summary", "ar"))
    assert content.text(programme, "summary", "de") == programme.summary


def _admin_post(client, check, rules):
    data = {
        "code": check.code,
        "position": check.position,
        **{f"name_{code}": check.names.get(code, "") for code in ("de", "en", "ar", "tr")},
        "rules": json.dumps(rules),
        "rule_versions-TOTAL_FORMS": "0",
        "rule_versions-INITIAL_FORMS": "0",
    }
    return client.post(f"/en/admin/funding/readinesscheck/{check.pk}/change/", data)


def test_a_platform_admin_cannot_save_a_broken_rule_and_sees_why(world, client_for):
    client = client_for(world.admin)
    check = ReadinessCheck.objects.get(code="association")
    page = client.get(f"/en/admin/funding/readinesscheck/{check.pk}/change/").content.decode()
    assert "VR-01" in page
    broken = copy.deepcopy(check.current_rules.document)
    broken["requirements"][0]["test"] = {"fact": "members", "op": ">=", "value": "seven"}
    response = _admin_post(client, check, broken)
    errors = response.context["adminform"].form.errors["rules"]
    assert errors == ["requirements[0].test.value: This value does not fit the fact."]
    assert RuleVersion.objects.filter(readiness_check=check).count() == 1

    fixed = copy.deepcopy(check.current_rules.document)
    fixed["requirements"][0]["test"]["value"] = 8
    response = _admin_post(client, check, fixed)
    assert response.status_code == 302
    assert check.current_rules.number == 2
    assert check.current_rules.document["requirements"][0]["test"]["value"] == 8
