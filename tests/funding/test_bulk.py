"""Rules in SQL over many organizations against the engine, organization by organization.

The SQL statuses must equal `ruledoc.evaluate(profile_facts(org))` for every built-in programme
and check, and for one document per kind of test, on organizations covering known, unknown and
boundary values of every fact (dates exactly on the boundary, 29 February, empty federal state,
expired and open-ended recognitions), on several reference days.
"""

from __future__ import annotations

import datetime
import itertools
from random import Random
from types import SimpleNamespace

import pytest

from gemeinsam.funding import bulk, ruledoc
from gemeinsam.funding.facts import FACTS
from gemeinsam.funding.models import Programme, ReadinessCheck
from gemeinsam.funding.profile import profile_facts
from gemeinsam.organizations.models import LegalForm, Organization, Recognition, RecognitionType

# A normal day, a 29 February (years back: 28 February) and the day after one.
DAYS = [datetime.date(2026, 11, 21), datetime.date(2028, 2, 29), datetime.date(2029, 3, 1)]
STATES = ["", "NW", "HH", "BE", "BY"]


def _around(day: datetime.date, years: int) -> list[datetime.date]:
    edge = ruledoc.years_before(day, years)
    one = datetime.timedelta(days=1)
    return [edge - one, edge, edge + one]


def _dates(years: tuple[int, ...]) -> list:
    """None, and for every reference day the days just before, on and after N years back."""
    found = {None, datetime.date(2024, 2, 29), datetime.date(2023, 2, 28)}
    for day, n in itertools.product(DAYS, years):
        found.update(_around(day, n))
    return sorted(found, key=lambda d: (d is not None, d))


def _validity() -> list:
    """A recognition's end: open, and the days around each reference day."""
    found = {None}
    for day in DAYS:
        found.update(_around(day, 0))
    return sorted(found, key=lambda d: (d is not None, d))


ABSENT = "absent"


@pytest.fixture
def organizations(db):
    rng = Random(5)
    legal_forms = [None, *LegalForm.objects.all()]
    types = {t.code: t for t in RecognitionType.objects.all()}
    founded = _dates((0, 1, 2, 3))
    youth_since = _dates((3,))
    notice = [ABSENT, *_dates((5,))]
    valid = [ABSENT, *_validity()]
    choices = {
        "legal_form": legal_forms,
        "founded_on": founded,
        "members_count": [None, 0, 6, 7, 8, 120],
        "youth_welfare_since": youth_since,
        "federal_state": STATES,
        "board_migration_majority": [None, True, False],
    }
    recognitions = {
        "charitable": notice,
        "youth_welfare_75": valid,
        "azav": valid,
        "welfare_association": valid,
    }
    made = []
    # Every value of every field at least once next to the others drawn at random, then more.
    plan = [
        (field, value) for field, values in {**choices, **recognitions}.items() for value in values
    ]
    plan += [(None, None)] * 500
    for i, (field, value) in enumerate(plan):
        values = {name: rng.choice(options) for name, options in choices.items()}
        wanted = {code: rng.choice(options) for code, options in recognitions.items()}
        if field in values:
            values[field] = value
        elif field in wanted:
            wanted[field] = value
        organization = Organization.objects.create(
            name=f"Verein {i}", slug=f"verein-{i}", kind="migrant_org", **values
        )
        for code, day in wanted.items():
            if day is ABSENT:
                continue
            dates = {"granted_on": day} if code == "charitable" else {"valid_until": day}
            Recognition.objects.create(organization=organization, type=types[code], **dates)
        made.append(organization)
    return made


def _by_object_api(documents: dict, as_of: datetime.date) -> dict:
    found = {}
    for organization in Organization.objects.select_related("legal_form").prefetch_related(
        "recognitions__type"
    ):
        facts = profile_facts(organization, as_of=as_of)
        found[organization.pk] = {
            code: ruledoc.evaluate(document, facts, as_of=as_of).status
            for code, document in documents.items()
        }
    return found


def _owners(documents: dict) -> list:
    return [
        SimpleNamespace(code=code, current_rules=SimpleNamespace(document=document))
        for code, document in documents.items()
    ]


def _assert_same(documents: dict) -> None:
    for as_of in DAYS:
        expected = _by_object_api(documents, as_of)
        result = bulk.statuses(_owners(documents), as_of=as_of, per_organization=True)
        assert result.by_organization.keys() == expected.keys()
        for pk, statuses in expected.items():
            assert result.by_organization[pk] == statuses, (as_of, pk)
        for code in documents:
            tally = {ruledoc.MET: 0, ruledoc.NOT_MET: 0, ruledoc.UNKNOWN: 0}
            for statuses in expected.values():
                tally[statuses[code]] += 1
            assert result.counts[code] == tally, (as_of, code)


def _test_documents() -> dict:
    """One document per kind of test, for every fact and operator the format has."""
    tests = {}
    for name, fact in FACTS.items():
        tests[f"known-{name}"] = {"fact": name, "op": "known"}
        tests[f"not-known-{name}"] = {"not": {"fact": name, "op": "known"}}
        if fact.type == "bool":
            for value in (True, False):
                tests[f"{name}-is-{value}"] = {"fact": name, "op": "is", "value": value}
        elif fact.type in ("int", "money"):
            for op, value in itertools.product(["==", "!=", "<", "<=", ">", ">="], [0, 7, 6.5]):
                tests[f"{name}{op}{value}"] = {"fact": name, "op": op, "value": value}
        elif fact.type == "date":
            tests[f"{name}-valid"] = {"fact": name, "op": "not_before_today"}
            for op, years in itertools.product(
                ["at_least_years_ago", "within_years"], [0, 1, 3, 5]
            ):
                tests[f"{name}-{op}-{years}"] = {"fact": name, "op": op, "value": years}
        else:
            some = list(fact.choices[:2])
            tests[f"{name}-is"] = {"fact": name, "op": "is", "value": fact.choices[0]}
            tests[f"{name}-in"] = {"fact": name, "op": "in", "value": some}
            tests[f"{name}-not-in"] = {"fact": name, "op": "not_in", "value": some}
            tests[f"not-{name}-in"] = {"not": {"fact": name, "op": "in", "value": some}}
    members = {"fact": "members", "op": ">=", "value": 7}
    youth = {"fact": "youth_work_since", "op": "at_least_years_ago", "value": 3}
    nrw = {"fact": "federal_state", "op": "is", "value": "NW"}
    never = {"fact": "own_funds", "op": ">", "value": 0}  # no profile tells it: always unknown
    tests.update(
        {
            "not-unknown": {"not": never},
            "not-not": {"not": {"not": members}},
            "any-unknown-or-met": {"any": [never, members]},
            "any-unknown-or-missing": {"any": [never, {"fact": "members", "op": "<", "value": 0}]},
            "all-unknown-and-met": {"all": [never, members]},
            "all-known-guard": {"all": [{"fact": "members", "op": "known"}, members]},
            "nested": {"any": [{"all": [youth, {"not": nrw}]}, {"not": {"any": [members, never]}}]},
            "not-any": {
                "not": {"any": [nrw, {"fact": "recognised_75", "op": "is", "value": True}]}
            },
        }
    )
    texts = {name: dict.fromkeys(ruledoc.LANGUAGES, name) for name in ruledoc.TEXTS}
    return {
        key: {"requirements": [{"key": key, "test": test, **texts}]} for key, test in tests.items()
    }


@pytest.mark.django_db
def test_every_built_in_programme_and_check_gives_the_same_statuses_in_sql(organizations):
    owners = [*Programme.objects.prefetch_related("rule_versions"), *ReadinessCheck.objects.all()]
    documents = {owner.code: owner.current_rules.document for owner in owners}
    assert len(documents) >= 14

    _assert_same(documents)


@pytest.mark.django_db
def test_every_kind_of_test_gives_the_same_status_in_sql(organizations):
    for document in _test_documents().values():
        ruledoc.validate(document)

    _assert_same(_test_documents())


@pytest.mark.django_db
def test_a_document_of_several_requirements_is_met_only_if_each_is(organizations):
    documents = _test_documents()
    several = {
        "requirements": [
            *documents["members>=7"]["requirements"],
            *documents["federal_state-is"]["requirements"],
            *documents["recognised_75-is-True"]["requirements"],
        ]
    }

    _assert_same({"several": several})


@pytest.mark.django_db
def test_the_generated_organizations_hold_every_case_of_every_fact(organizations):
    as_of = DAYS[0]
    facts = [profile_facts(o, as_of=as_of) for o in Organization.objects.all()]
    for name in bulk.COLUMNS:
        assert any(name in f for f in facts), name
        assert any(name not in f for f in facts), name
    assert {f.get("recognised_75") for f in facts} == {True, False, None}
    assert any(not f.get("federal_state") for f in facts)
    assert Organization.objects.filter(founded_on=datetime.date(2024, 2, 29)).exists()


@pytest.mark.django_db
def test_the_columns_are_exactly_the_facts_a_profile_can_tell(organizations):
    told = set()
    for organization in Organization.objects.all():
        told |= set(profile_facts(organization, as_of=DAYS[0]))

    assert told == set(bulk.COLUMNS)
    assert set(bulk.COLUMNS) <= set(FACTS)


@pytest.mark.django_db
def test_the_facts_columns_read_the_profile_as_the_object_api_does(organizations):
    as_of = DAYS[1]
    names = [bulk.PREFIX + name for name in bulk.COLUMNS]
    for row in bulk.facts_queryset(as_of).values("pk", *names):
        organization = Organization.objects.get(pk=row["pk"])
        facts = profile_facts(organization, as_of=as_of)
        columns = {name: row[bulk.PREFIX + name] for name in bulk.COLUMNS}
        assert {k: v for k, v in columns.items() if v is not None} == facts


@pytest.mark.django_db
def test_counting_takes_the_same_queries_for_any_number_of_programmes_and_organizations(
    organizations, django_assert_num_queries
):
    programmes = list(Programme.objects.prefetch_related("rule_versions"))
    with django_assert_num_queries(2):
        result = bulk.statuses(programmes, as_of=DAYS[0])
    assert len(result.counts) == 12
    assert all(sum(c.values()) == len(organizations) for c in result.counts.values())
    with django_assert_num_queries(3):
        bulk.statuses(
            programmes[:2],
            Organization.objects.filter(pk__lte=50),
            as_of=DAYS[0],
            per_organization=True,
        )


@pytest.mark.django_db
def test_a_subset_of_organizations_is_counted_alone(organizations):
    programmes = list(Programme.objects.prefetch_related("rule_versions"))
    some = Organization.objects.filter(federal_state="NW")
    result = bulk.statuses(programmes, some, as_of=DAYS[0], per_organization=True)

    assert set(result.by_organization) == set(some.values_list("pk", flat=True))
    assert result.counts["komm-an-nrw"] == {
        ruledoc.MET: some.count(),
        ruledoc.NOT_MET: 0,
        ruledoc.UNKNOWN: 0,
    }
