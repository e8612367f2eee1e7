"""The seed data of the funding programme catalogue (src/gemeinsam/funding/data/programmes.json):
well-formed, and every rule in it one the rule format accepts."""

from __future__ import annotations

import datetime
import json
import re
from importlib import resources

import pytest

from gemeinsam.core.enums import FederalState
from gemeinsam.funding import ruledoc
from gemeinsam.organizations.models import FieldOfActivity

KEYS = {
    "code",
    "name",
    "funder",
    "kind",
    "fields",
    "level",
    "federal_states",
    "amount_min",
    "amount_max",
    "funding_rate_percent",
    "own_share_percent",
    "duration_months",
    "deadline",
    "passes_on",
    "volunteer_work_counts",
    "application_url",
    "source_url",
    "checked_on",
    "unverified",
    "summary",
    "rules",
}
KINDS = {"regular", "project", "micro", "structural"}
LEVELS = {"federal", "land", "municipality", "eu"}
LANGUAGES = ("de", "en", "ar", "tr")


def _programmes() -> list[dict]:
    path = resources.files("gemeinsam.funding") / "data" / "programmes.json"
    return json.loads(path.read_text("utf-8"))


PROGRAMMES = _programmes()


def _ids():
    return [programme.get("code", str(index)) for index, programme in enumerate(PROGRAMMES)]


def test_twelve_programmes_with_unique_codes():
    codes = [programme["code"] for programme in PROGRAMMES]
    assert len(codes) == 12
    assert len(set(codes)) == 12
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code) for code in codes)


@pytest.mark.parametrize("programme", PROGRAMMES, ids=_ids())
def test_each_programme_has_exactly_the_catalogue_keys(programme):
    assert set(programme) == KEYS
    assert programme["kind"] in KINDS
    assert programme["level"] in LEVELS
    assert programme["name"].strip()
    assert programme["funder"].strip()
    assert set(programme["federal_states"]) <= set(FederalState.values)
    assert len(programme["federal_states"]) == len(set(programme["federal_states"]))
    assert programme["source_url"].startswith(("https://", "http://"))
    assert programme["application_url"] == "" or programme["application_url"].startswith(
        ("https://", "http://")
    )
    datetime.date.fromisoformat(programme["checked_on"])
    for name in ("passes_on", "volunteer_work_counts"):
        assert programme[name] in (True, False, None), name


@pytest.mark.parametrize("programme", PROGRAMMES, ids=_ids())
def test_every_rule_document_passes_validation(programme):
    ruledoc.validate(programme["rules"])  # raises RuleError listing every problem
    assert 1 <= len(programme["rules"]["requirements"]) <= 3
    for requirement in programme["rules"]["requirements"]:
        assert requirement["legal_basis"].strip()
        assert requirement["source"].startswith(("https://", "http://"))


def test_requirement_keys_are_unique_across_the_catalogue():
    keys = [r["key"] for p in PROGRAMMES for r in p["rules"]["requirements"]]
    assert len(keys) == len(set(keys))


def test_every_field_code_exists_in_the_reference_data(db):
    known = set(FieldOfActivity.objects.values_list("code", flat=True))
    assert known, "the reference data migration did not run"
    for programme in PROGRAMMES:
        assert programme["fields"], programme["code"]
        assert len(programme["fields"]) == len(set(programme["fields"])), programme["code"]
        assert set(programme["fields"]) <= known, (
            programme["code"],
            set(programme["fields"]) - known,
        )


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@pytest.mark.parametrize("programme", PROGRAMMES, ids=_ids())
def test_amounts_rates_and_durations_are_plausible(programme):
    low, high = programme["amount_min"], programme["amount_max"]
    for value in (low, high):
        assert value is None or (_is_number(value) and value >= 0)
    if low is not None and high is not None:
        assert low <= high
    for name in ("funding_rate_percent", "own_share_percent"):
        value = programme[name]
        assert value is None or (_is_number(value) and 0 <= value <= 100), name
    rate, share = programme["funding_rate_percent"], programme["own_share_percent"]
    if rate is not None and share is not None:
        assert rate + share == 100
    months = programme["duration_months"]
    assert months is None or (_is_number(months) and months > 0)


@pytest.mark.parametrize("programme", PROGRAMMES, ids=_ids())
def test_every_unverified_entry_names_a_real_key(programme):
    unverified = programme["unverified"]
    assert isinstance(unverified, list)
    assert len(unverified) == len(set(unverified))
    assert set(unverified) <= KEYS - {"code", "unverified"}


@pytest.mark.parametrize("programme", PROGRAMMES, ids=_ids())
def test_summaries_exist_in_all_four_languages(programme):
    summary = programme["summary"]
    assert set(summary) == set(LANGUAGES)
    for language in LANGUAGES:
        assert isinstance(summary[language], str) and summary[language].strip(), language
    assert re.search(r"[\u0600-\u06ff]", summary["ar"]), "the Arabic summary is not in Arabic"


@pytest.mark.parametrize("programme", PROGRAMMES, ids=_ids())
def test_deadlines_are_well_formed(programme):
    deadline = programme["deadline"]
    kind = deadline["kind"]
    if kind == "fixed":
        assert set(deadline) == {"kind", "dates"}
        assert deadline["dates"]
        for day in deadline["dates"]:
            datetime.date.fromisoformat(day)
    elif kind == "yearly":
        assert set(deadline) == {"kind", "month", "day"}
        month, day = deadline["month"], deadline["day"]
        assert isinstance(month, int) and isinstance(day, int)
        datetime.date(2023, month, day)  # a real day of the year (29 February is not yearly)
    else:
        assert kind in {"rolling", "calls"}
        assert set(deadline) == {"kind"}


def test_rules_the_notes_name_are_there():
    by_code = {programme["code"]: programme for programme in PROGRAMMES}

    def tests(code):
        return [r["test"] for r in by_code[code]["rules"]["requirements"]]

    assert {"fact": "federal_state", "op": "is", "value": "BE"} in tests("berlin-partintp")
    assert {"fact": "board_majority_migration", "op": "is", "value": True} in tests(
        "berlin-partintp"
    )
    assert {"fact": "federal_state", "op": "is", "value": "NW"} in tests(
        "integrationsagenturen-nrw"
    )
    assert {"fact": "welfare_association_member", "op": "is", "value": True} in tests(
        "integrationsagenturen-nrw"
    )
    association = json.loads(
        (resources.files("gemeinsam.funding") / "data" / "checks" / "association.json").read_text(
            "utf-8"
        )
    )
    charitable = next(r["test"] for r in association["requirements"] if r["key"] == "GN-02")
    assert charitable in tests("aktion-mensch-kinder-jugend")
    assert {
        "any": [
            {"fact": "recognised_75", "op": "is", "value": True},
            {"fact": "welfare_association_member", "op": "is", "value": True},
        ]
    } in tests("aktion-mensch-kinder-jugend")
    assert {"fact": "recognised_75", "op": "is", "value": True} in tests("kjp-bund")
    assert "rules" in by_code["kjp-bund"]["unverified"]


@pytest.mark.parametrize("programme", PROGRAMMES, ids=_ids())
def test_with_nothing_known_no_rule_says_not_met(programme):
    result = ruledoc.evaluate(programme["rules"], {}, as_of=datetime.date(2025, 11, 1))
    assert result.status == ruledoc.UNKNOWN
