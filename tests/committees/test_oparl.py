"""The OParl 1.1 export, checked against the standard's schema files (tests/standards/oparl-1.1/).

Each object is validated with its schema by jsonschema-rs (required properties, types, patterns,
date and date-time formats). OParl's schemas add what JSON Schema does not know, and `conforms`
checks that too: objects nested in a property (a body's legislative terms) against the schema
the property names (`items.schema`), URLs where the format is `url`, and no property the
standard does not define.
"""

from __future__ import annotations

import datetime
import json
from functools import cache
from pathlib import Path

import jsonschema_rs
import pytest

from gemeinsam.committees.enums import MandateStatus, SeatRole
from tests.committees import factories

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).resolve().parents[1] / "standards" / "oparl-1.1"


@cache
def _schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.json").read_text())


@cache
def _validator(name: str):
    return jsonschema_rs.validator_for(_schema(name), validate_formats=True)


def conforms(obj: dict, name: str) -> list[str]:
    """What in `obj` the schema `name` does not allow (empty: it conforms)."""
    schema = _schema(name)
    problems = [f"{name}: {error.message}" for error in _validator(name).iter_errors(obj)]
    for key, value in obj.items():
        spec = schema["properties"].get(key)
        if spec is None:
            problems.append(f"{name}: {key} is not an OParl property")
            continue
        if spec.get("format") == "url" and not str(value).startswith(("http://", "https://")):
            problems.append(f"{name}: {key} {value!r} is not a url")
        items = spec.get("items", {}) if spec.get("type") == "array" else {}
        if "schema" in items and isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    problems += conforms(item, items["schema"].removesuffix(".json"))
    return problems


@pytest.fixture
def register(world):
    committee = factories.make_committee(world.agency_x)
    term = factories.make_term(committee)
    seat = factories.make_seat(committee, term=term)
    advisory = factories.make_seat(committee, "Migrationsbeirat", voting=False)
    factories.make_mandate(
        seat,
        "Amina Yılmaz",
        organization=world.org_b,
        status=MandateStatus.APPOINTED,
        appointed_on=datetime.date(2022, 1, 20),
    )
    factories.make_mandate(
        advisory, "Deniz Kaya", status=MandateStatus.REPORTED, role=SeatRole.ALTERNATE
    )
    factories.make_mandate(seat, "Kemal Aksoy", status=MandateStatus.NOMINATED)
    factories.make_meeting(committee)
    factories.make_meeting(committee, days_ahead=12, is_public=False)
    return committee


def _get(client, path):
    response = client.get(path)
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_the_schema_check_finds_a_missing_field_and_a_wrong_type():
    assert conforms(
        {
            "id": "https://x/1",
            "type": "https://schema.oparl.org/1.1/Membership",
            "votingRight": "yes",
        },
        "Membership",
    ) == ['Membership: "yes" is not of type "boolean"']
    assert 'Body: "name" is a required property' in conforms({"id": "https://x/1"}, "Body")
    assert conforms({"id": "x", "type": "https://schema.oparl.org/1.1/Body"}, "Body")[-1] == (
        "Body: id 'x' is not a url"
    )


def test_system_and_body_conform_to_oparl(register, client_for):
    client = client_for(None)

    system = _get(client, "/de/committees/oparl/")
    body = _get(client, "/de/committees/oparl/lichtenberg/")

    assert conforms(system, "System") == []
    assert conforms(body, "Body") == []
    bodies = _get(client, "/de/committees/oparl/bodies/")
    assert system["body"] == "http://testserver/de/committees/oparl/bodies/"
    assert [b["id"] for b in bodies["data"]] == [body["id"]]
    assert all(conforms(b, "Body") == [] for b in bodies["data"])
    assert body["name"] == "Bezirk Lichtenberg"
    assert [t["name"] for t in body["legislativeTerm"]] == ["Wahlperiode 2021–2026"]


@pytest.mark.parametrize(
    ("kind", "schema"),
    [
        ("organization", "Organization"),
        ("membership", "Membership"),
        ("person", "Person"),
        ("meeting", "Meeting"),
        ("legislativeterm", "LegislativeTerm"),
    ],
)
def test_every_list_item_conforms_to_oparl(register, client_for, kind, schema):
    page = _get(client_for(None), f"/de/committees/oparl/lichtenberg/{kind}/")

    assert page["data"]
    for item in page["data"]:
        assert conforms(item, schema) == []


def test_the_organization_carries_seat_counts_and_classification(register, client_for):
    [organization] = _get(client_for(None), "/de/committees/oparl/lichtenberg/organization/")[
        "data"
    ]

    assert organization["classification"] == "Jugendhilfeausschuss"
    assert (organization["memberCount"], organization["votingMemberCount"]) == (15, 10)
    assert organization["post"] == ["Mitglied", "Stellvertretendes Mitglied"]
    assert len(organization["membership"]) == 2


def test_memberships_are_the_seated_holders_with_voting_right_and_organization(
    register, client_for, world
):
    data = _get(client_for(None), "/de/committees/oparl/lichtenberg/membership/")["data"]
    people = _get(client_for(None), "/de/committees/oparl/lichtenberg/person/")["data"]

    by_person = {p["id"]: p["name"] for p in people}
    summary = sorted(
        (by_person[m["person"]], m["role"], m["votingRight"], m.get("onBehalfOf", "")) for m in data
    )
    assert summary == [
        ("Amina Yılmaz", "Mitglied", True, "http://testserver" + world.org_b.get_absolute_url()),
        ("Deniz Kaya", "Stellvertretendes Mitglied", False, ""),
    ]
    # A nomination is not public.
    assert "Kemal Aksoy" not in by_person.values()


def test_only_public_meetings_go_out(register, client_for):
    data = _get(client_for(None), "/de/committees/oparl/lichtenberg/meeting/")["data"]

    assert [m["location"]["description"] for m in data] == ["Rathaus Lichtenberg"]


def test_a_body_without_committees_is_not_there(world, client_for):
    factories.make_body("Bezirk Pankow", slug="pankow")

    assert client_for(None).get("/de/committees/oparl/pankow/").status_code == 404
