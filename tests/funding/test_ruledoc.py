"""Rules as data: the readiness checks against the boundary cases domain experts can read
(tests/funding/rule_vectors/*.yaml), and the format's validation and three-valued evaluation."""

from __future__ import annotations

import copy
import datetime
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from gemeinsam.funding import documents, ruledoc
from gemeinsam.funding.facts import FACTS, FactError, clean_facts
from gemeinsam.funding.ruledoc import MET, NOT_MET, UNKNOWN, RuleError

VECTORS = sorted((Path(__file__).parent / "rule_vectors").glob("*.yaml"))
TODAY = datetime.date(2026, 11, 21)


def _cases():
    for path in VECTORS:
        spec = yaml.safe_load(path.read_text("utf-8"))
        for case in spec["cases"]:
            yield pytest.param(spec["check"], case, id=f"{path.stem}: {case['name']}")


@pytest.mark.parametrize(("check", "case"), list(_cases()))
def test_the_checks_meet_their_boundary_cases(check, case):
    document = documents.builtin_check(check)
    facts = clean_facts(case["facts"], as_of=case["as_of"])
    result = ruledoc.evaluate(document, facts, as_of=case["as_of"])
    statuses = {r.key: r.status for r in result.requirements}
    expected = case.get("expect", {})
    assert {key: statuses[key] for key in expected} == expected
    if "overall" in case:
        assert result.status == case["overall"]


def test_every_builtin_check_has_boundary_cases_and_passes_validation():
    covered = {yaml.safe_load(path.read_text("utf-8"))["check"] for path in VECTORS}
    assert covered == set(documents.CHECKS)
    for code in documents.CHECKS:
        ruledoc.validate(documents.builtin_check(code))  # raises on any problem


def test_every_explanation_exists_in_all_four_languages():
    for code in documents.CHECKS:
        for requirement in documents.builtin_check(code)["requirements"]:
            for name in ("title", "explanation", "next_step"):
                assert set(requirement[name]) >= {"de", "en", "ar", "tr"}, (code, name)


def test_an_unknown_check_is_not_found():
    with pytest.raises(KeyError):
        documents.builtin_check("kita-without-rules")


# --- Validation: a broken rule cannot be saved ---------------------------------------------------


def _texts(word="x"):
    return {language: f"{word} {language}" for language in ("de", "en", "ar", "tr")}


def _document(test, **extra):
    requirement = {
        "key": "R-1",
        "test": test,
        "title": _texts("title"),
        "explanation": _texts("why"),
        "next_step": _texts("do"),
        **extra,
    }
    return {"requirements": [requirement]}


def _problems(document) -> list[tuple[str, str]]:
    with pytest.raises(RuleError) as error:
        ruledoc.validate(document)
    return error.value.problems


@pytest.mark.parametrize(
    ("test", "where"),
    [
        ({"fact": "shoe_size", "op": ">=", "value": 7}, "requirements[0].test.fact"),
        ({"fact": "members", "op": "in", "value": [7]}, "requirements[0].test.op"),
        ({"fact": "members", "op": ">=", "value": "seven"}, "requirements[0].test.value"),
        ({"fact": "members", "op": ">=", "value": True}, "requirements[0].test.value"),
        ({"fact": "members", "op": ">="}, "requirements[0].test.value"),
        ({"fact": "recognised_75", "op": "is", "value": "yes"}, "requirements[0].test.value"),
        ({"fact": "legal_form", "op": "is", "value": "limited"}, "requirements[0].test.value"),
        ({"fact": "legal_form", "op": "in", "value": []}, "requirements[0].test.value"),
        (
            {"fact": "legal_form", "op": "in", "value": ["registered_association", "x"]},
            "requirements[0].test.value",
        ),
        ({"fact": "founded_on", "op": "within_years", "value": -1}, "requirements[0].test.value"),
        ({"fact": "founded_on", "op": "within_years", "value": 2.5}, "requirements[0].test.value"),
        (
            {"fact": "azav_valid_until", "op": "not_before_today", "value": 1},
            "requirements[0].test.value",
        ),
        ({"fact": "members", "op": "known", "value": 1}, "requirements[0].test.value"),
        ({"fact": "members", "op": ">=", "value": 7, "unit": "people"}, "requirements[0].test"),
        ({"all": []}, "requirements[0].test"),
        ({"all": [{"fact": "members", "op": "known"}], "any": []}, "requirements[0].test"),
        ({"not": {"fact": "members", "op": "known"}, "all": []}, "requirements[0].test"),
        ({"any": [{"fact": "nope", "op": "known"}]}, "requirements[0].test.any[0].fact"),
        ({"not": "members"}, "requirements[0].test.not"),
        ({"not": {"fact": "members", "op": "known"}, "fact": "members"}, "requirements[0].test"),
        ({}, "requirements[0].test"),
        ("members >= 7", "requirements[0].test"),
    ],
)
def test_a_broken_test_is_refused_with_its_place(test, where):
    assert where in [place for place, _message in _problems(_document(test))]


def test_a_test_nested_too_deeply_is_refused():
    test = {"fact": "members", "op": "known"}
    for _ in range(ruledoc.MAX_DEPTH + 2):
        test = {"not": test}
    assert any("nested too deeply" in message for _place, message in _problems(_document(test)))


@pytest.mark.parametrize(
    ("document", "where"),
    [
        ([], ""),
        ({"requirements": "R-1"}, ""),
        ({"requirements": []}, "requirements"),
        ({"requirements": ["R-1"]}, "requirements[0]"),
    ],
)
def test_a_document_without_requirements_is_refused(document, where):
    assert [place for place, _message in _problems(document)] == [where]


def test_texts_in_every_language_a_key_and_a_test_are_required():
    good = _document({"fact": "members", "op": "known"})
    broken = copy.deepcopy(good)
    requirement = broken["requirements"][0]
    del requirement["explanation"]["ar"]
    requirement["next_step"] = "only German"
    requirement["documents"] = [{"de": "Satzung"}]
    requirement["legal_basis"] = 56
    requirement["key"] = " "
    del requirement["test"]
    places = {place for place, _message in _problems(broken)}
    assert places == {
        "requirements[0].explanation.ar",
        "requirements[0].next_step",
        "requirements[0].documents[0].en",
        "requirements[0].documents[0].ar",
        "requirements[0].documents[0].tr",
        "requirements[0].legal_basis",
        "requirements[0].key",
        "requirements[0].test",
    }
    ruledoc.validate(good)


def test_two_requirements_may_not_share_a_key():
    document = _document({"fact": "members", "op": "known"})
    document["requirements"].append(copy.deepcopy(document["requirements"][0]))
    assert [place for place, _m in _problems(document)] == ["requirements[1].key"]


# --- Evaluation: three-valued, never "not met" for what is not known ------------------------------


def _status(test, facts, as_of=TODAY) -> str:
    document = _document(test)
    ruledoc.validate(document)
    return ruledoc.evaluate(document, facts, as_of=as_of).status


KNOWN = {"fact": "members", "op": ">=", "value": 7}
FALSE = {"fact": "members", "op": "<", "value": 0}
OPEN = {"fact": "own_funds", "op": ">", "value": 0}  # not among the facts below: unknown


@pytest.mark.parametrize(
    ("test", "expected"),
    [
        ({"all": [KNOWN, KNOWN]}, MET),
        ({"all": [KNOWN, OPEN]}, UNKNOWN),
        ({"all": [OPEN, FALSE]}, NOT_MET),
        ({"any": [FALSE, KNOWN]}, MET),
        ({"any": [FALSE, OPEN]}, UNKNOWN),
        ({"any": [FALSE, FALSE]}, NOT_MET),
        ({"not": KNOWN}, NOT_MET),
        ({"not": FALSE}, MET),
        ({"not": OPEN}, UNKNOWN),
        ({"fact": "own_funds", "op": "known"}, NOT_MET),
        ({"fact": "members", "op": "known"}, MET),
    ],
)
def test_combinations_follow_three_valued_logic(test, expected):
    assert _status(test, {"members": 9}) == expected


@pytest.mark.parametrize(
    ("test", "facts", "expected"),
    [
        ({"fact": "members", "op": "==", "value": 7}, {"members": 7}, MET),
        ({"fact": "members", "op": "!=", "value": 7}, {"members": 7}, NOT_MET),
        ({"fact": "members", "op": "<=", "value": 7}, {"members": 7}, MET),
        ({"fact": "members", "op": ">", "value": 7}, {"members": 7}, NOT_MET),
        (
            {"fact": "annual_income", "op": "<=", "value": 45000},
            {"annual_income": Decimal("45000.00")},
            MET,
        ),
        (
            {"fact": "annual_income", "op": "<=", "value": 45000},
            {"annual_income": Decimal("45000.01")},
            NOT_MET,
        ),
        ({"fact": "recognised_75", "op": "is", "value": True}, {"recognised_75": False}, NOT_MET),
        ({"fact": "federal_state", "op": "is", "value": "NW"}, {"federal_state": "NW"}, MET),
        (
            {"fact": "federal_state", "op": "not_in", "value": ["BE", "HH"]},
            {"federal_state": "NW"},
            MET,
        ),
        ({"fact": "azav_valid_until", "op": "not_before_today"}, {"azav_valid_until": TODAY}, MET),
        (
            {"fact": "azav_valid_until", "op": "not_before_today"},
            {"azav_valid_until": TODAY - datetime.timedelta(days=1)},
            NOT_MET,
        ),
    ],
)
def test_comparisons(test, facts, expected):
    assert _status(test, facts) == expected


def test_the_result_names_what_is_not_known_and_what_is_missing():
    document = documents.builtin_check("association")
    result = ruledoc.evaluate(document, {"members": 3}, as_of=TODAY)
    by_key = {r.key: r for r in result.requirements}
    assert [r.key for r in result.missing] == ["VR-01"]
    assert by_key["GN-02"].unknown_facts == ["charitable_finding_on", "charitable_notice_on"]
    assert by_key["VR-01"].text("explanation", "ar").startswith("لا تُسجَّل")
    assert by_key["VR-01"].text("next_step", "xx") == by_key["VR-01"].text("next_step", "de")


def test_years_before_moves_29_february_to_the_28th():
    assert ruledoc.years_before(datetime.date(2028, 2, 29), 1) == datetime.date(2027, 2, 28)
    assert ruledoc.years_before(datetime.date(2028, 2, 29), 4) == datetime.date(2024, 2, 29)


# --- Facts: answers that cannot be true are refused ----------------------------------------------


def test_answers_are_typed_and_empty_ones_are_not_known():
    facts = clean_facts(
        {
            "members": "12",
            "legal_form": "registered_association",
            "recognised_75": "no",
            "welfare_association_member": True,
            "own_funds": "2500.50",
            "founded_on": "2019-04-01",
            "annual_income": "",
            "federal_state": None,
        },
        as_of=TODAY,
    )
    assert facts == {
        "members": 12,
        "legal_form": "registered_association",
        "recognised_75": False,
        "welfare_association_member": True,
        "own_funds": Decimal("2500.50"),
        "founded_on": datetime.date(2019, 4, 1),
    }


def test_impossible_answers_are_named_one_by_one():
    with pytest.raises(FactError) as error:
        clean_facts(
            {
                "founded_on": "2027-01-01",
                "members": -3,
                "own_funds": "NaN",
                "legal_form": "limited",
                "recognised_75": "maybe",
                "shoe_size": 42,
                "annual_income": True,
                "youth_work_since": "yesterday",
                "board_majority_migration": "yes",
            },
            as_of=TODAY,
        )
    assert error.value.problems == {
        "founded_on": "This date cannot lie in the future.",
        "members": "This cannot be negative.",
        "own_funds": "This value does not fit the question.",
        "legal_form": "This value does not fit the question.",
        "recognised_75": "This value does not fit the question.",
        "shoe_size": "There is no such fact.",
        "annual_income": "This value does not fit the question.",
        "youth_work_since": "This value does not fit the question.",
    }


def test_a_fractional_number_of_members_is_refused():
    with pytest.raises(FactError):
        clean_facts({"members": 6.5}, as_of=TODAY)
    assert clean_facts({"members": 7.0}, as_of=TODAY) == {"members": 7}


def test_every_fact_has_a_label_in_every_language():
    for fact in FACTS.values():
        assert {fact.label(language) for language in ("de", "en", "ar", "tr")} == set(
            fact.labels.values()
        )
        assert all(fact.labels[language].strip() for language in ("de", "en", "ar", "tr"))
