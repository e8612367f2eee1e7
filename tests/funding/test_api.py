"""The funding API: the programme catalogue with its facets, one programme with its rules, the
readiness checks and their evaluation (facts in, result out), in every language, with bad input
answered 4xx and never a server error."""

from __future__ import annotations

import datetime
import json
from importlib import resources

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from gemeinsam.funding.models import Programme, ReadinessCheck
from gemeinsam.wsgi import application
from tests.api_support import API, call, token_for

pytestmark = pytest.mark.django_db

DAY = "2026-03-01"


def evaluate(code="association", facts=None, *, as_of=DAY, lang=None, accept_language="en"):
    body = {"facts": facts or {}}
    if as_of is not None:
        body["as_of"] = as_of
    url = f"{API}/funding/readiness-checks/{code}/evaluate" + (f"?lang={lang}" if lang else "")
    return Client().post(
        url,
        data=body,
        content_type="application/json",
        headers={"Accept-Language": accept_language},
    )


def codes(response) -> set[str]:
    return {item["code"] for item in response.json()["results"]}


def _errors(response) -> list[tuple[list, str]]:
    return [(e["loc"], e["message"]) for e in response.json()["errors"]]


# --- The catalogue ------------------------------------------------------------------------------


def test_the_list_gives_every_active_programme_with_its_values(world):
    body = call("/funding/programmes", page_size=100).json()
    active = Programme.objects.filter(is_active=True).count()
    assert (body["count"], body["pages"], len(body["results"])) == (active, 1, active)
    # By their German names, whatever the language asked for.
    assert [item["code"] for item in body["results"]] == _by_german_name()
    amif = next(item for item in body["results"] if item["code"] == "amif")
    programme = Programme.objects.get(code="amif")
    assert amif == {
        "code": "amif",
        "name": "Asylum, Migration and Integration Fund (AMIF) 2021–2027",
        "funder": programme.funder,
        "kind": "project",
        "level": "eu",
        "federal_states": [],
        "fields": ["migration_integration", "refugee_help"],
        "amount_min": str(programme.amount_min),
        "amount_max": None,
        "funding_rate_percent": "75.00",
        "own_share_percent": "25.00",
        "duration_months": 36,
        "next_deadline": "2027-06-30",
        "checked_on": "2025-11-01",
        "possibly_outdated": amif["possibly_outdated"],
        "unverified": programme.unverified,
        "summary": _shipped("amif")["summary"]["en"],
        "source_url": programme.source_url,
        "application_url": programme.application_url,
        "texts": {"language": "en", "status": {"name": "up_to_date", "summary": "up_to_date"}},
    }


def _shipped(code: str) -> dict:
    """The programme as the catalogue ships it (its summary in every language)."""
    data = resources.files("gemeinsam.funding").joinpath("data", "programmes.json")
    return next(row for row in json.loads(data.read_text("utf-8")) if row["code"] == code)


def _by_german_name() -> list[str]:
    return list(
        Programme.objects.filter(is_active=True).order_by("name").values_list("code", flat=True)
    )


def test_a_withdrawn_programme_is_neither_listed_nor_found(world):
    Programme.objects.filter(code="amif").update(is_active=False)
    assert "amif" not in codes(call("/funding/programmes", page_size=100))
    response = call("/funding/programmes/amif")
    assert (response.status_code, response.json()["detail"]) == (
        404,
        "There is no funding programme at this address.",
    )


def test_values_not_checked_for_a_year_are_marked_possibly_outdated(world):
    Programme.objects.filter(code="amif").update(checked_on=datetime.date.today())
    Programme.objects.filter(code="esf-plus").update(
        checked_on=datetime.date.today() - datetime.timedelta(days=366)
    )
    results = {i["code"]: i for i in call("/funding/programmes", page_size=100).json()["results"]}
    assert (results["amif"]["possibly_outdated"], results["esf-plus"]["possibly_outdated"]) == (
        False,
        True,
    )


def test_the_facets_narrow_like_the_catalogue_page(world):
    assert codes(call("/funding/programmes", kind="micro")) == {"auf-augenhoehe", "dsee-micro"}
    assert codes(call("/funding/programmes", level="eu")) == {"amif", "esf-plus"}
    assert codes(call("/funding/programmes", kind=["micro", "regular"], level="land")) == {
        "integrationsagenturen-nrw"
    }
    berlin = codes(call("/funding/programmes", state="BE", page_size=100))
    assert "berlin-partintp" in berlin and "amif" in berlin
    assert "integrationsagenturen-nrw" not in berlin and "hamburg-teilhabe" not in berlin
    youth = codes(call("/funding/programmes", field="youth_welfare"))
    assert youth == {"aktion-mensch-kinder-jugend", "kjp-bund"}
    assert codes(call("/funding/programmes", q="Augenh")) == {"auf-augenhoehe"}
    assert call("/funding/programmes", q="nothing like this").json()["count"] == 0


def test_the_list_is_paginated(world):
    Programme.objects.exclude(
        code__in=sorted(Programme.objects.values_list("code", flat=True))[:12]
    ).update(is_active=False)
    first = call("/funding/programmes", page_size=5).json()
    last = call("/funding/programmes", page_size=5, page=99).json()
    assert (first["count"], first["pages"], len(first["results"])) == (12, 3, 5)
    assert (last["page"], len(last["results"])) == (3, 2)
    assert [i["code"] for i in first["results"]] == _by_german_name()[:5]


def test_the_list_costs_the_same_queries_for_one_programme_and_for_all(world):
    call("/funding/programmes")  # the first call loads what every call shares

    def count(**params):
        with CaptureQueriesContext(connection) as queries:
            call("/funding/programmes", page_size=100, **params)
        return len(queries)

    # With a Land the catalogue is a list already, so counting it costs no query.
    assert count(q="Augenh") == count() == count(state="BE") + 1


def test_summaries_follow_the_requested_language(world):
    amif = _shipped("amif")
    for language in ("de", "ar", "tr"):
        by_param = call("/funding/programmes", q="AMIF", lang=language).json()["results"]
        by_header = call("/funding/programmes", q="AMIF", accept_language=language).json()
        assert by_param[0]["summary"] == amif["summary"][language]
        assert by_header["results"][0]["summary"] == amif["summary"][language]
        assert by_param[0]["texts"]["language"] == language
    arabic = call("/funding/programmes", q="AMIF", lang="ar").json()["results"][0]
    assert arabic["name"] == "صندوق اللجوء والهجرة والاندماج (AMIF) 2021–2027"


def test_a_changed_german_summary_is_given_as_outdated_translation(world):
    programme = Programme.objects.get(code="amif")
    Programme.objects.filter(pk=programme.pk).update(summary=programme.summary + " Neu.")
    (arabic,) = call("/funding/programmes", q="AMIF", lang="ar").json()["results"]
    assert arabic["summary"] == _shipped("amif")["summary"]["ar"]
    assert arabic["texts"]["status"] == {"name": "up_to_date", "summary": "outdated"}


def test_a_programme_gives_its_rules_in_the_requested_language(world):
    body = call("/funding/programmes/amif", lang="tr").json()
    programme = Programme.objects.get(code="amif")
    requirement = programme.current_rules.document["requirements"][0]
    assert (body["rule_version"], body["deadline_kind"], body["summary"]) == (
        programme.current_rules.number,
        "fixed",
        _shipped("amif")["summary"]["tr"],
    )
    assert body["requirements"][0] == {
        "key": requirement["key"],
        "title": requirement["title"]["tr"],
        "explanation": requirement["explanation"]["tr"],
        "legal_basis": requirement["legal_basis"],
    }


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "lottery"},
        {"level": "galactic"},
        {"state": "XX"},
        {"field": "no spaces"},
        {"q": "x" * 101},
        {"q": "null\x00byte"},
        {"page": 0},
        {"page_size": 101},
        {"lang": "fr"},
    ],
)
def test_malformed_filters_are_refused(world, params):
    response = call("/funding/programmes", **params)
    assert (response.status_code, response.json()["code"]) == (422, "invalid_request")
    assert response.json()["errors"][0]["loc"][:2] == ["query", next(iter(params))]


def test_an_unknown_programme_is_a_404(world):
    answers = [call(f"/funding/programmes/{code}") for code in ("no-such-thing", "x" * 81)]
    assert [(r.status_code, r.json()["code"]) for r in answers] == [
        (404, "not_found"),
        (422, "invalid_request"),
    ]


# --- Readiness checks ---------------------------------------------------------------------------


def test_the_checks_list_the_facts_they_ask(world):
    checks = {c["code"]: c for c in call("/funding/readiness-checks").json()}
    association = checks["association"]
    assert (association["name"], association["rule_version"]) == (
        "Association and charitable status",
        ReadinessCheck.objects.get(code="association").current_rules.number,
    )
    assert [(f["name"], f["type"], f["label"]) for f in association["facts"]] == [
        ("members", "int", "Number of members"),
        ("legal_form", "choice", "Legal form"),
        ("charitable_notice_on", "date", "Date of the tax exemption notice"),
        ("charitable_finding_on", "date", "Date of the § 60a AO finding"),
    ]
    assert "registered_association" in association["facts"][1]["choices"]
    arabic = {c["code"]: c for c in call("/funding/readiness-checks", lang="ar").json()}
    assert arabic["association"]["name"] == "الجمعية وصفة النفع العام"
    assert arabic["association"]["facts"][0]["label"] == "عدد الأعضاء"


def test_facts_in_each_requirement_out_with_what_to_do_next(world):
    response = evaluate(
        facts={
            "members": 6,
            "legal_form": "registered_association",
            "charitable_notice_on": "2021-03-01",
        }
    )
    body = response.json()
    assert (response.status_code, body["check"], body["as_of"], body["status"]) == (
        200,
        "association",
        DAY,
        "not_met",
    )
    rows = {r["key"]: r for r in body["requirements"]}
    assert {key: r["status"] for key, r in rows.items()} == {
        "VR-01": "not_met",
        "VR-02": "met",
        "GN-02": "met",  # a notice exactly five years old still counts
    }
    assert rows["VR-01"] == {
        "key": "VR-01",
        "fixed": False,
        "routes": [],
        "met_on": None,
        "status": "not_met",
        "title": "At least seven members",
        "explanation": "An association should only be entered in the register of associations "
        "when at least seven members have signed the statutes.",
        "next_step": "Find more members before you apply for registration.",
        "legal_basis": "§ 56 BGB",
        "documents": [],
        "source": rows["VR-01"]["source"],
        "unknown_facts": [],
    }


def test_a_day_more_makes_the_tax_notice_too_old(world):
    facts = {"charitable_notice_on": "2021-02-28"}
    rows = {r["key"]: r["status"] for r in evaluate(facts=facts).json()["requirements"]}
    assert rows["GN-02"] == "not_met"


def test_what_is_not_given_is_unknown_never_not_met(world):
    body = evaluate(facts={"members": 7, "legal_form": None, "charitable_notice_on": ""}).json()
    rows = {r["key"]: r for r in body["requirements"]}
    assert body["status"] == "unknown"
    assert (rows["VR-02"]["status"], rows["VR-02"]["unknown_facts"]) == ("unknown", ["legal_form"])
    assert rows["GN-02"]["unknown_facts"] == ["charitable_finding_on", "charitable_notice_on"]


def test_everything_met(world):
    body = evaluate(
        facts={
            "members": 9,
            "legal_form": "registered_association",
            "charitable_notice_on": "2025-05-01",
        }
    ).json()
    assert (body["status"], {r["status"] for r in body["requirements"]}) == ("met", {"met"})


def test_as_of_defaults_to_today(world):
    body = evaluate(as_of=None).json()
    assert body["as_of"] == timezone.localdate().isoformat()


def test_the_result_follows_the_requested_language(world):
    by_param = evaluate(facts={"members": 3}, lang="ar").json()["requirements"][0]
    by_header = evaluate(facts={"members": 3}, accept_language="tr").json()["requirements"][0]
    assert (by_param["title"], by_header["title"]) == ("سبعة أعضاء على الأقل", "En az yedi üye")
    documents = evaluate(facts={}, lang="de").json()["requirements"][1]["documents"]
    assert documents == ["Satzung", "Gründungsprotokoll"]


def test_impossible_and_unknown_facts_are_named_in_the_callers_language(world):
    response = evaluate(
        "youth_welfare",
        facts={
            "youth_work_since": "2027-01-01",
            "members": -1,
            "astrology": "Leo",
            "legal_form": "pirate_ship",
            "annual_income": [5],
        },
        accept_language="de",
    )
    assert (response.status_code, response.json()["detail"]) == (
        422,
        "Einige Parameter sind ungültig.",
    )
    assert _errors(response) == [
        (["body", "facts", "youth_work_since"], "Dieses Datum kann nicht in der Zukunft liegen."),
        (["body", "facts", "members"], "Das kann nicht negativ sein."),
        (["body", "facts", "astrology"], "Diese Angabe gibt es nicht."),
        (["body", "facts", "legal_form"], "Dieser Wert passt nicht zur Frage."),
        (["body", "facts", "annual_income"], "Dieser Wert passt nicht zur Frage."),
    ]
    english = evaluate(facts={"members": -1}, lang="en")
    assert _errors(english) == [(["body", "facts", "members"], "This cannot be negative.")]


def test_a_founding_date_is_judged_against_the_day_asked_about(world):
    early = evaluate(facts={"founded_on": "2026-02-01"}, as_of="2026-01-01")
    later = evaluate(facts={"founded_on": "2026-02-01"}, as_of="2026-03-01")
    assert (early.status_code, later.status_code) == (422, 200)


@pytest.mark.parametrize(
    "body",
    [
        {"facts": []},
        {"facts": "members=7"},
        {"as_of": "1.3.2026"},
        {"as_of": 1772323200},
        {"as_of": "0001-01-01"},
        [],
        '"members"',
        7,
        {"facts": {}, "organization": 1},
    ],
)
def test_bodies_of_the_wrong_shape_are_refused(world, body):
    response = Client().post(
        f"{API}/funding/readiness-checks/association/evaluate",
        data=body,
        content_type="application/json",
    )
    assert (response.status_code, response.json()["code"]) == (422, "invalid_request")


def test_a_body_that_is_not_json_is_a_bad_request(world):
    response = Client().post(
        f"{API}/funding/readiness-checks/association/evaluate",
        data="{not json",
        content_type="application/json",
    )
    assert (response.status_code, response.json()["code"]) == (400, "bad_request")


def test_an_unknown_check_is_a_404(world):
    response = evaluate("astrology")
    assert (response.status_code, response.json()["detail"]) == (
        404,
        "There is no readiness check at this address.",
    )


def test_a_token_changes_nothing(world):
    token = token_for(world.member_a)
    with_token = call("/funding/readiness-checks", token=token).json()
    assert with_token == call("/funding/readiness-checks").json()


def test_the_operations_are_in_the_openapi_document(world):
    paths = call("/openapi.json").json()["paths"]
    assert sorted((p, sorted(paths[p])) for p in paths if p.startswith("/api/v1/funding")) == [
        ("/api/v1/funding/programmes", ["get"]),
        ("/api/v1/funding/programmes/{code}", ["get"]),
        ("/api/v1/funding/readiness-checks", ["get"]),
        ("/api/v1/funding/readiness-checks/{code}/evaluate", ["post"]),
    ]


def test_anonymous_callers_are_throttled(world, settings):
    settings.NINJA_DEFAULT_THROTTLE_RATES = {"anon": "2/min", "auth": None, "user": None}
    client = Client(REMOTE_ADDR="198.51.100.40")
    answers = [
        client.get(f"{API}/funding/readiness-checks", headers={"Accept-Language": "en"})
        for _ in range(3)
    ]
    assert [r.status_code for r in answers] == [200, 200, 429]
    assert answers[-1].json()["code"] == "throttled"


# --- Fuzzing ------------------------------------------------------------------------------------

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
FUZZ = settings(
    max_examples=40,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def _fuzzing(settings):
    # As in test_api_fuzz: the WSGI handler would close the test's connection on PostgreSQL.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    settings.NINJA_DEFAULT_THROTTLE_RATES = {"anon": None, "auth": None, "user": None}
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@schema.include(tag="funding").parametrize()
@FUZZ
def test_no_request_breaks_the_funding_api(case, world, _fuzzing):
    if case.path_parameters and "code" in case.path_parameters and "/evaluate" in case.path:
        case.path_parameters["code"] = "youth_welfare"
    response = case.call()
    case.validate_response(
        response,
        checks=[
            not_a_server_error,
            status_code_conformance,
            response_schema_conformance,
            negative_data_rejection,
        ],
    )


def test_evaluating_for_a_land_leaves_out_the_other_lands_guides_and_law():
    bavaria = evaluate("kita", facts={"federal_state": "BY"}).json()
    unknown = evaluate("kita", facts={}).json()

    assert [g["states"] for g in bavaria["guides"]] == [[], []]
    assert [g["states"] for g in unknown["guides"]] == [["North Rhine-Westphalia"], [], []]
    law = {r["key"]: r["legal_basis"] for r in bavaria["requirements"]}
    assert law["KITA-08"] == "§§ 74a, 80 SGB VIII"
    law = {r["key"]: r["legal_basis"] for r in unknown["requirements"]}
    assert law["KITA-08"] == "§§ 74a, 80 SGB VIII; North Rhine-Westphalia: §§ 33–36 KiBiz"
