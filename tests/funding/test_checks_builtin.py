"""The readiness checks for founding and running a Kita (§ 45 SGB VIII) and for labour-market
measures (own AZAV approval or the partner route): seeded, asked, evaluated, kept."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from gemeinsam.funding import documents
from gemeinsam.funding.models import ReadinessCheck, ReadinessResult
from gemeinsam.organizations.models import Recognition, RecognitionType

pytestmark = pytest.mark.django_db

KITA_FACTS = [
    "legal_form",
    "has_concept",
    "has_premises",
    "staff_qualified",
    "child_protection_concept",
    "building_approval",
    "in_needs_plan",
    "kita_permit",
]


def _url(code, **query):
    url = f"/en/funding/checks/{code}/"
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _statuses(response) -> dict[str, str]:
    return {row["key"]: row["status"] for row in response.context["rows"]}


def test_both_checks_are_seeded_after_the_first_two_with_their_rules_as_version_1():
    seeded = list(ReadinessCheck.objects.order_by("position").values_list("code", flat=True))
    assert seeded == ["association", "youth_welfare", "kita", "labour_market"]
    for code in ("kita", "labour_market"):
        check = ReadinessCheck.objects.get(code=code)
        version = check.current_rules
        assert version.number == 1
        assert version.document["requirements"] == documents.builtin_check(code)["requirements"]
    assert ReadinessCheck.objects.get(code="kita").label_in("tr") == (
        "Kreş kurmak ve işletmek (§ 45 SGB VIII)"
    )


def test_the_list_shows_both_checks(client):
    html = client.get("/en/funding/checks/").content.decode()
    assert "Founding and running a Kita (§ 45 SGB VIII)" in html
    assert "Labour-market measures (AZAV approval or partnership)" in html


def test_the_kita_check_asks_yes_or_no_questions_and_nothing_else(client):
    response = client.get(_url("kita"))
    form = response.context["form"]
    # The facts its rules ask, and the Land only to name the authority that grants the permit.
    assert list(form.fields) == [*KITA_FACTS, "state"]
    assert [value for value, _label in form.fields["has_concept"].choices] == ["", "true", "false"]
    html = response.content.decode()
    assert "A pedagogical concept is written" in html
    assert "Operating permit under § 45 SGB VIII granted" in html
    assert response.context["result"] is None


def test_the_kita_check_evaluates_the_answers(client):
    response = client.get(
        _url(
            "kita",
            checked=1,
            legal_form="registered_association",
            has_concept="true",
            has_premises="false",
            kita_permit="",
        )
    )
    assert _statuses(response) == {
        "KITA-07": "met",
        "KITA-03a": "met",
        "KITA-04": "not_met",
        "KITA-06": "unknown",
        "KITA-03b": "unknown",
        "KITA-05": "unknown",
        "KITA-08": "unknown",
        "KITA-01": "unknown",
    }
    assert response.context["result"].status == "not_met"
    html = response.content.decode()
    assert "something is missing" in html
    assert "before signing a lease" in html  # the next step of the missing premises
    assert "Description of the rooms with dimensioned floor plans" in html
    assert "has not been verified here" in html  # the unverified parts say so


def test_a_kita_with_everything_in_place_meets_the_check(client):
    answers = dict.fromkeys(KITA_FACTS[1:], "true")
    response = client.get(_url("kita", checked=1, legal_form="ggmbh", **answers))
    assert set(_statuses(response).values()) == {"met"}
    assert "everything met" in response.content.decode()


def test_an_answer_that_is_not_yes_or_no_is_an_error_and_no_result(client):
    response = client.get(_url("kita", checked=1, has_concept="maybe"))
    assert response.context["result"] is None
    assert list(response.context["form"].errors) == ["has_concept"]


def test_the_kita_check_in_arabic(client):
    html = client.get("/ar/funding/checks/kita/?checked=1&has_concept=true").content.decode()
    assert "تصور تربوي" in html
    assert 'dir="rtl"' in html


def test_an_approval_valid_until_today_is_one_route(client):
    today = timezone.localdate()
    response = client.get(_url("labour_market", checked=1, azav_valid_until=today.isoformat()))
    assert _statuses(response) == {"AM-01": "met", "AM-05": "met", "AM-04": "met", "AM-03": "met"}
    assert "everything met" in response.content.decode()


def test_an_approval_that_ran_out_yesterday_is_missing(client):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = client.get(
        _url(
            "labour_market",
            checked=1,
            azav_valid_until=yesterday.isoformat(),
            partner_of_approved_provider="false",
        )
    )
    assert _statuses(response)["AM-01"] == "not_met"
    assert _statuses(response)["AM-05"] == "not_met"
    assert "Have the certification body renew the approval" in response.content.decode()


def test_the_partner_route_is_the_other(client):
    response = client.get(_url("labour_market", checked=1, partner_of_approved_provider="true"))
    assert response.context["result"].status == "met"
    assert list(response.context["form"].fields) == [
        "azav_valid_until",
        "partner_of_approved_provider",
        "qm_system",
        "staff_qualified",
    ]


def test_the_profile_answers_the_approval_and_the_result_is_kept(world, client_for):
    valid_until = timezone.localdate() + datetime.timedelta(days=200)
    Recognition.objects.create(
        organization=world.org_a,
        type=RecognitionType.objects.get(code="azav"),
        granted_on=timezone.localdate() - datetime.timedelta(days=100),
        valid_until=valid_until,
    )
    client = client_for(world.member_a)
    response = client.get(_url("labour_market", organization=world.org_a.slug))
    assert response.context["form"]["azav_valid_until"].value() == valid_until

    client.post(
        reverse("funding:check-save", kwargs={"code": "kita"}),
        {"organization": world.org_a.slug, "has_concept": "true", "kita_permit": "false"},
    )
    result = ReadinessResult.objects.get()
    assert (result.organization, result.status) == (world.org_a, "not_met")
    assert result.rule_version == ReadinessCheck.objects.get(code="kita").current_rules
