"""The gap, live: the figures per field and per federal state, the staff drill-down, the export."""

import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from gemeinsam.core import charts
from gemeinsam.funding.queries import gap
from gemeinsam.organizations.enums import FundingKind, OrganizationKind
from gemeinsam.organizations.models import FieldOfActivity, FundingSource
from tests import factories

MO = OrganizationKind.MIGRANT_ORG
EP = OrganizationKind.ESTABLISHED_PROVIDER
GAP = "/en/funding/gap/"
DRILL = "/en/funding/gap/organizations/"


def _fund(org, field_code, kind=FundingKind.REGULAR, funder="Jugendamt"):
    FundingSource.objects.create(
        organization=org,
        field=FieldOfActivity.objects.get(code=field_code),
        kind=kind,
        funder=funder,
    )


def _org(name, *, state="NW", district="", kind=MO, fields=(), public=True):
    return factories.make_organization(
        name,
        kind=kind,
        federal_state=state,
        district=district,
        fields=fields,
        is_public=public,
        index=False,
    )


@pytest.fixture
def directory(db):
    """Berlin: three migrant organizations and one established provider; NRW: two migrant
    organizations (one in Dortmund) and one established provider; one authority (never counted)."""
    orgs = {
        # Berlin
        "kita": _org("Kita Regenbogen e. V.", state="BE", fields=("youth_welfare", "daycare")),
        "jugend": _org("Jugendtreff Al-Nour", state="BE", fields=("youth_welfare",)),
        "kultur": _org("Kulturverein Anadolu", state="BE", fields=("culture",), public=False),
        "awo": _org("Wohlfahrtsverband Mitte", state="BE", kind=EP, fields=("youth_welfare",)),
        # Nordrhein-Westfalen
        "elternverein": _org(
            "Elternverein Brücke", state="NW", district="Dortmund", fields=("youth_welfare",)
        ),
        "sport": _org("Sportclub Vatan", state="NW", fields=("sports",)),
        "caritas": _org("Jugendhilfe West gGmbH", state="NW", kind=EP, fields=("youth_welfare",)),
        "amt": _org(
            "Jugendamt Musterstadt",
            state="NW",
            kind=OrganizationKind.AUTHORITY,
            fields=("youth_welfare",),
        ),
    }
    _fund(orgs["kita"], "youth_welfare")  # regular, active
    _fund(orgs["kita"], "youth_welfare", funder="Land Berlin")  # a second regular source
    _fund(orgs["kita"], "daycare", FundingKind.PROJECT)  # project money does not count
    _fund(orgs["jugend"], "youth_welfare", FundingKind.PROJECT)
    _fund(orgs["kultur"], "youth_welfare")  # regular, but not listed as active there
    _fund(orgs["awo"], "youth_welfare")
    _fund(orgs["caritas"], "youth_welfare")
    _fund(orgs["amt"], "youth_welfare")
    return orgs


def _fields():
    return list(FieldOfActivity.objects.all())


def _row(rows, key):
    return next(r for r in rows if r.key == key)


def test_figures_per_field_for_germany(directory):
    filters = gap.Filters(field=FieldOfActivity.objects.get(code="youth_welfare"))
    rows = gap.by_field(filters, _fields())
    yw = _row(rows, "youth_welfare").migrant
    assert (yw.total, yw.active, yw.regular, yw.regular_active) == (5, 3, 2, 1)
    assert yw.active_share == 60.0
    assert yw.regular_share == 40.0
    assert yw.regular_of_active == 33.3
    assert yw.gap == 20.0
    assert yw.active_without_regular == 2
    ep = _row(rows, "youth_welfare").established
    assert (ep.total, ep.active, ep.regular, ep.regular_active) == (2, 2, 2, 2)
    assert ep.regular_share == 100.0
    daycare = _row(rows, "daycare").migrant
    assert (daycare.active, daycare.regular) == (1, 0)
    assert daycare.active_share == 20.0 and daycare.gap == 20.0
    health = _row(rows, "health").migrant
    assert (health.total, health.active, health.regular) == (5, 0, 0)
    assert health.regular_of_active is None


def test_figures_for_a_state_and_a_district(directory):
    field = FieldOfActivity.objects.get(code="youth_welfare")
    berlin = _row(gap.by_field(gap.Filters(state="BE", field=field), _fields()), "youth_welfare")
    assert (berlin.migrant.total, berlin.migrant.active, berlin.migrant.regular) == (3, 2, 2)
    assert berlin.migrant.regular_active == 1
    assert (berlin.established.total, berlin.established.regular) == (1, 1)
    dortmund = gap.Filters(state="NW", district="Dortmund", field=field)
    row = _row(gap.by_field(dortmund, _fields()), "youth_welfare")
    assert (row.migrant.total, row.migrant.active, row.migrant.regular) == (1, 1, 0)
    assert row.established.total == 0 and row.established.active_share is None
    assert dortmund.region_label == "Dortmund, North Rhine-Westphalia"


def test_figures_per_federal_state(directory):
    field = FieldOfActivity.objects.get(code="youth_welfare")
    rows = gap.by_state(gap.Filters(state="BE", field=field))
    assert len(rows) == 16  # every organization has a state: no extra row
    be, nw, by = _row(rows, "BE"), _row(rows, "NW"), _row(rows, "BY")
    assert (be.migrant.total, be.migrant.active, be.migrant.regular) == (3, 2, 2)
    assert (nw.migrant.total, nw.migrant.active, nw.migrant.regular) == (2, 1, 0)
    assert nw.migrant.gap == 50.0
    assert (by.migrant.total, by.migrant.active_share) == (0, None)
    assert nw.established.regular_share == 100.0
    _org("Verein ohne Land", state="", fields=("youth_welfare",))
    rows = gap.by_state(gap.Filters(field=field))
    assert rows[-1].key == "" and rows[-1].migrant.active == 1


def test_dashboard_shows_figures_and_filters(directory, client):
    response = client.get(GAP, {"state": "BE", "field": "youth_welfare"})
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["filters"].state == "BE"
    assert "66.7 % of the migrant organizations here are active in Child and youth welfare" in html
    assert re.search(
        r'<caption id="[^"]+">Migrant organizations and established providers in Berlin', html
    )
    assert 'scope="row">Child and youth welfare</th>' in html
    # The chart draws each share as a bar of that length, out of 100 %.
    bars = _bars(html)
    assert bars["Child and youth welfare, active in the field: 66.7 %"] == pytest.approx(
        66.7 / 100 * _full_bar(html), abs=0.1
    )
    # Anonymous visitors see counts, never links to the organizations.
    assert DRILL not in html
    assert "Kita Regenbogen" not in html


def test_dashboard_in_german_keeps_css_numbers(directory, client):
    html = client.get("/de/funding/gap/", {"state": "BE"}).content.decode()
    # The drawing's numbers are SVG's (a point), the words German (a comma).
    assert _bars(html)["Kinder- und Jugendhilfe, im Arbeitsfeld aktiv: 66,7 %"] == pytest.approx(
        66.7 / 100 * _full_bar(html), abs=0.1
    )
    assert not re.search(r'<rect [^>]*="[0-9]+,[0-9]', html)
    assert "66,7 %" in html


def _bars(html: str) -> dict[str, float]:
    """The chart's bars: each one's title and its length."""
    return {
        title: float(width)
        for width, title in re.findall(
            r'<rect class="chart-bar[^"]*" x="[0-9.]+" y="[0-9.]+" width="([0-9.]+)" '
            r'height="[0-9.]+"><title>([^<]+)</title>',
            html,
        )
    }


def _full_bar(html: str) -> float:
    """The length of a bar at 100 %: the chart's width less the room for the value."""
    width = re.search(r'viewBox="0 0 ([0-9.]+) [0-9.]+" class="chart chart-bars"', html).group(1)
    return float(width) - charts.VALUE_ROOM


@pytest.mark.parametrize(
    "query",
    [
        {"state": "XX", "district": "Nowhere", "field": "no-such-field"},
        {"state": "be'\"<", "field": ["x", "y"], "district": "x" * 500},
        {"district": "Dortmund", "page": "abc"},
    ],
)
def test_bad_filter_values_are_ignored(directory, client, query):
    response = client.get(GAP, query)
    assert response.status_code == 200
    filters = response.context["filters"]
    assert filters.state == ""
    assert filters.field.code == "youth_welfare"
    if query.get("district") == "Dortmund":
        assert filters.district == "Dortmund"  # a district named in the directory counts
    else:
        assert filters.district == ""


def test_state_is_case_insensitive_and_district_is_checked_within_the_state(directory, client):
    filters = client.get(GAP, {"state": "nw", "district": "Dortmund"}).context["filters"]
    assert (filters.state, filters.district) == ("NW", "Dortmund")
    filters = client.get(GAP, {"state": "BE", "district": "Dortmund"}).context["filters"]
    assert (filters.state, filters.district) == ("BE", "")


def test_staff_see_drill_down_links(directory, world, client_for):
    html = client_for(world.advisor_x).get(GAP, {"state": "BE"}).content.decode()
    assert f"{DRILL}?state=BE&amp;field=youth_welfare&amp;group=regular" in html


def _names(response):
    return [org.name for org in response.context["page"].object_list]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            {"field": "youth_welfare", "group": "active"},
            ["Elternverein Brücke", "Jugendtreff Al-Nour", "Kita Regenbogen e. V."],
        ),
        (
            {"field": "youth_welfare", "group": "regular"},
            ["Kita Regenbogen e. V.", "Kulturverein Anadolu"],
        ),
        (
            {"field": "youth_welfare", "group": "active_without_regular"},
            ["Elternverein Brücke", "Jugendtreff Al-Nour"],
        ),
        (
            {"field": "youth_welfare", "group": "active", "state": "NW", "district": "Dortmund"},
            ["Elternverein Brücke"],
        ),
        (
            {"field": "youth_welfare", "group": "regular", "state": "BE", "kind": EP},
            ["Wohlfahrtsverband Mitte"],
        ),
        ({"field": "daycare", "group": "nonsense", "kind": "authority"}, ["Kita Regenbogen e. V."]),
        ({"field": "sports", "group": "active", "state": "BE"}, []),
    ],
)
def test_drill_down_lists_exactly_the_organizations(directory, world, client_for, query, expected):
    response = client_for(world.manager_x).get(DRILL, query)
    assert response.status_code == 200
    assert _names(response) == expected


def test_drill_down_lists_non_public_organizations_to_staff_only(directory, world, client_for):
    query = {"field": "youth_welfare", "group": "regular"}
    for user in (world.advisor_y, world.admin):
        response = client_for(user).get(DRILL, query)
        html = response.content.decode()
        assert "Kulturverein Anadolu" in html
        assert f'href="{directory["kultur"].get_absolute_url()}"' in html
    for user in (world.member_a, world.member_b):
        response = client_for(user).get(DRILL, query)
        assert response.status_code == 403
        assert b"Kulturverein Anadolu" not in response.content
    response = client_for(None).get(DRILL, query)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_drill_down_is_paginated(db, world, client_for):
    for i in range(27):
        _org(f"Verein {i:02}", fields=("youth_welfare",))
    client = client_for(world.advisor_x)
    first = client.get(DRILL, {"field": "youth_welfare"})
    assert first.context["page"].paginator.count == 27
    assert len(first.context["page"].object_list) == 25
    assert "field=youth_welfare&amp;group=active&amp;kind=migrant_org&amp;page=2" in (
        first.content.decode()
    )
    second = client.get(DRILL, {"field": "youth_welfare", "page": "2"})
    assert _names(second) == ["Verein 25", "Verein 26"]
    # A page that is not a number shows the first one.
    odd = client.get(DRILL, {"field": "youth_welfare", "page": "x"})
    assert odd.context["page"].number == 1 and _names(odd) == _names(first)


def test_export_csv(directory, client):
    response = client.get("/en/funding/gap/export.csv", {"state": "BE"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="funding-gap-be.csv"' in response["Content-Disposition"]
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert lines[0][:4] == [
        "Region",
        "Field of activity",
        "Migrant organizations",
        "Active in the field",
    ]
    yw = next(line for line in lines if line[1] == "Child and youth welfare")
    assert yw[:10] == [
        "Berlin",
        "Child and youth welfare",
        "3",
        "2",
        "66.7",
        "2",
        "66.7",
        "1",
        "50.0",
        "0.0",
    ]
    assert len(lines) == 1 + FieldOfActivity.objects.count()


def test_export_csv_per_state(directory, client):
    response = client.get(
        "/en/funding/gap/export.csv", {"field": "youth_welfare", "table": "states"}
    )
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(lines) == 17
    nw = next(line for line in lines if line[1] == "North Rhine-Westphalia")
    assert nw[:7] == [
        "Child and youth welfare",
        "North Rhine-Westphalia",
        "2",
        "1",
        "50.0",
        "0",
        "0.0",
    ]


def test_export_guards_against_formulas(db, client):
    FieldOfActivity.objects.create(code="evil", names={"en": "=HYPERLINK(1)"}, position=99)
    lines = client.get("/en/funding/gap/export.csv").content.decode("utf-8-sig")
    assert ";'=HYPERLINK(1);" in lines
    book = load_workbook(io.BytesIO(client.get("/en/funding/gap/export.xlsx").content))
    values = [row[1] for row in book.worksheets[0].iter_rows(values_only=True)]
    assert "'=HYPERLINK(1)" in values


def test_export_xlsx(directory, client):
    response = client.get("/en/funding/gap/export.xlsx", {"state": "NW", "field": "youth_welfare"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    by_field, by_state = book.worksheets
    rows = list(by_field.iter_rows(values_only=True))
    yw = next(row for row in rows if row[1] == "Child and youth welfare")
    assert yw[:10] == (
        "North Rhine-Westphalia",
        "Child and youth welfare",
        *(2, 1, 50, 0, 0, 0, 0, 50),
    )
    states = list(by_state.iter_rows(values_only=True))
    be = next(row for row in states if row[1] == "Berlin")
    assert be[2:5] == (3, 2, 66.7)


def test_export_unknown_format_is_404(db, client):
    for url in ("/en/funding/gap/export.pdf", "/en/funding/gap/export.json"):
        response = client.get(url)
        # The "not found" page, never a file of some other format.
        assert response.status_code == 404
        assert response["Content-Type"].startswith("text/html")
        assert "Page not found" in response.content.decode()
        assert "Content-Disposition" not in response


def _queries(client):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(GAP, {"state": "NW", "field": "youth_welfare"})
    assert response.status_code == 200
    return len(captured)


def test_dashboard_queries_do_not_grow_with_the_directory(db, client):
    one = _org("Einzelverein", fields=("youth_welfare",))
    _fund(one, "youth_welfare")
    few = _queries(client)
    for i in range(4):
        org = _org(f"Verein {i}", district="Dortmund", fields=("youth_welfare", "culture"))
        _fund(org, "culture")
        _fund(org, "youth_welfare", FundingKind.PROJECT)
    _org("Träger", kind=EP, fields=("youth_welfare",))
    assert _queries(client) == few
    assert few <= 12
