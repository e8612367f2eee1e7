"""The 360Giving export: the call's grant to the agency marked as a regrant, each tandem's
grant linked to it, valid against the 360Giving 1.4 package schema; on a staff page and as
`gemeinsam export-360giving --agency SLUG`."""

import io
import json
from decimal import Decimal
from io import StringIO
from pathlib import Path

import jsonschema_rs
import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from gemeinsam.tandems import exports, services
from gemeinsam.tandems.enums import EVALUATION_ITEMS, Phase, Side
from tests import factories
from tests.tandems.factories import make_call, make_tandem

pytestmark = pytest.mark.django_db

# The 360Giving 1.4 schemas as published (ThreeSixtyGiving/standard), kept beside the test.
SCHEMAS = Path(__file__).resolve().parents[1] / "standards" / "360giving-1.4"


def _validator():
    grant = json.loads((SCHEMAS / "360-giving-schema.json").read_text())
    package = json.loads((SCHEMAS / "360-giving-package-schema.json").read_text())
    # The package names the grant schema by its 1.4.2 address, the grant schema itself 1.4.3.
    base = "https://raw.githubusercontent.com/ThreeSixtyGiving/standard"
    registry = jsonschema_rs.Registry(
        [
            (f"{base}/1.4.2/schema/360-giving-schema.json", grant),
            (grant["$id"], grant),
        ]
    )
    # Formats are checked as 360Giving's own validator does: a date is not also a date-time,
    # so exactly one branch of `awardDate`'s oneOf holds.
    return jsonschema_rs.validator_for(
        package, registry=registry, validate_formats=True, offline=True
    )


@pytest.fixture
def tandems(world):
    call = make_call(world.agency_x, "Tandems NRW", slug="nrw", budget=Decimal("120000.00"))
    provider = factories.make_organization(
        "Diakonie Bochum", kind="established_provider", index=False
    )
    first = make_tandem(call, world.org_a, provider, grant=Decimal("9500.50"))
    second = make_tandem(
        call, world.org_b, world.org_a, grant=Decimal("8000"), recipient=world.org_a
    )
    return call, first, second


def test_the_package_marks_the_regrant_links_each_tandem_and_is_valid(world, tandems):
    data = exports.package(world.agency_x)

    _validator().validate(data)
    parent, *children = data["grants"]
    assert (parent["regrantType"], parent["amountAwarded"]) == ("FRG010", 120000)
    assert parent["recipientOrganization"][0]["name"] == world.agency_x.name
    assert [c["amountAwarded"] for c in children] == [9500.5, 8000]
    assert all(c["relatedActivity"] == [parent["id"]] for c in children)
    assert children[1]["recipientOrganization"][0]["name"] == world.org_a.name


def test_an_invalid_package_is_refused_by_the_same_check(world, tandems):
    data = exports.package(world.agency_x)
    data["grants"][1]["amountAwarded"] = "9500,50"

    assert not _validator().is_valid(data)


def test_the_command_writes_the_package_and_refuses_an_unknown_agency(world, tandems):
    out = StringIO()
    call_command("export_360giving", "--agency", world.agency_x.slug, stdout=out)

    assert len(json.loads(out.getvalue())["grants"]) == 3
    with pytest.raises(CommandError, match="no agency"):
        call_command("export_360giving", "--agency", "no-such-agency")


def test_staff_download_the_package_and_other_agencies_tandems_are_not_in_it(
    client_for, world, tandems
):
    other = make_call(world.agency_y, "Andere", slug="andere")
    make_tandem(other, world.org_b, factories.make_organization("Träger Y", index=False))

    response = client_for(world.advisor_x).get(
        f"/en/tandems/manage/{world.agency_x.slug}/360giving.json"
    )

    assert response["Content-Disposition"] == 'attachment; filename="360giving-agency-x.json"'
    names = [g["title"] for g in json.loads(response.content)["grants"]]
    assert not any("Träger Y" in name for name in names)
    assert len(names) == 3


def _answered(call, count, *, mo=2, partner=4):
    codes = [code for code, _label in EVALUATION_ITEMS]
    for i in range(count):
        tandem = make_tandem(
            call,
            factories.make_organization(f"MO {i}", index=False),
            factories.make_organization(f"Träger {i}", kind="established_provider", index=False),
        )
        for side, value in ((Side.MIGRANT_ORG, mo), (Side.PARTNER, partner)):
            services.evaluate(
                tandem, side=side, phase=Phase.START, answers=dict.fromkeys(codes, value), by=None
            )


def read_xlsx(data: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(data), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_funders_report_withholds_averages_of_fewer_than_five_tandems(world):
    call = make_call(world.agency_x, "Tandems NRW", slug="nrw", budget=Decimal("120000"))
    _answered(call, 3)

    rows = exports.evaluation_report(call)

    start = [row for row in rows[1:] if row[0] == "at the start"]
    assert start[0][2:] == ["<5", "x", "x", "x"]
    mid = [row for row in rows[1:] if row[0] == "at mid-term"]
    assert mid[0][2:] == [0, None, None, None]


def test_the_funders_report_shows_averages_of_five_tandems_and_more(client_for, world):
    call = make_call(world.agency_x, "Tandems NRW", slug="nrw")
    _answered(call, 6, mo=2, partner=5)

    response = client_for(world.manager_x).get(
        f"/en/tandems/manage/{world.agency_x.slug}/nrw/evaluations/report.xlsx"
    )

    rows = read_xlsx(response.content)
    assert rows[0][:3] == ["Phase", "Statement", "Tandems that answered"]
    assert rows[1] == ["at the start", "We agree on the tandem's goals.", 6, 2, 5, 6]
