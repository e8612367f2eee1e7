"""The staff overview of readiness in their region: statuses from SQL equal the engine's, the
region, saved results over the profile, filters, exports, queries and who may see it."""

from __future__ import annotations

import csv
import datetime
import io

import openpyxl
import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gemeinsam.funding import ruledoc, services
from gemeinsam.funding.models import ReadinessCheck, ReadinessResult
from gemeinsam.funding.profile import profile_facts
from gemeinsam.funding.queries import overview
from gemeinsam.organizations.models import Organization, Recognition, RecognitionType
from tests import factories
from tests.html_support import attribute, find, find_all, text

URL = "/en/funding/readiness/"


def _recognise(org, code, **dates):
    Recognition.objects.create(
        organization=org, type=RecognitionType.objects.get(code=code), **dates
    )


@pytest.fixture
def stages(world):
    """Organizations at different stages, in Berlin, Hamburg and (world's own) NRW."""
    today = timezone.localdate()
    ready = factories.make_organization(
        "Bildungsverein Aufbruch",
        federal_state="BE",
        members_count=12,
        youth_welfare_since=today - datetime.timedelta(days=5 * 365),
        fields=("youth_work",),
    )
    _recognise(ready, "charitable", granted_on=today - datetime.timedelta(days=400))
    _recognise(ready, "azav", valid_until=today + datetime.timedelta(days=30))
    small = factories.make_organization(
        "Initiative Nachbarschaft",
        federal_state="BE",
        members_count=5,
        legal_form="initiative",
        fields=("culture",),
    )
    unknown = factories.make_organization(
        "Kulturforum Hamburg", federal_state="HH", legal_form=None, kind="umbrella_body"
    )
    old_notice = factories.make_organization(
        "Elternverein Brücke", federal_state="HH", members_count=30
    )
    _recognise(old_notice, "charitable", granted_on=today - datetime.timedelta(days=6 * 365))
    _recognise(old_notice, "youth_welfare_75", valid_until=today - datetime.timedelta(days=1))
    world.stages = [ready, small, unknown, old_notice]
    return world


def _page(client, query=""):
    response = client.get(URL + query)
    assert response.status_code == 200, response.status_code
    return response


def _shown(response) -> list[str]:
    return [org.name for org, _cells in response.context["rows"]]


def test_statuses_equal_the_engine_for_each_organization(stages):
    today = timezone.localdate()
    checks = overview.readiness_checks()
    assert {c.code for c in checks} >= {"association", "youth_welfare", "kita", "labour_market"}
    rows = overview.with_statuses(Organization.objects.all(), checks, as_of=today)
    seen = 0
    for org in rows.prefetch_related("recognitions__type").select_related("legal_form"):
        facts = profile_facts(org, as_of=today)
        for i, check in enumerate(checks):
            expected = ruledoc.evaluate(check.current_rules.document, facts, as_of=today).status
            assert getattr(org, f"c{i}_profile") == expected, (org.name, check.code)
            assert getattr(org, f"c{i}") == expected  # nothing saved yet
            seen += 1
    assert seen == 6 * len(checks)
    association = next(i for i, c in enumerate(checks) if c.code == "association")
    statuses = {org.name: getattr(org, f"c{association}") for org in rows}
    assert statuses["Bildungsverein Aufbruch"] == ruledoc.MET
    assert statuses["Initiative Nachbarschaft"] == ruledoc.NOT_MET
    assert statuses["Kulturforum Hamburg"] == ruledoc.UNKNOWN


def test_the_region_is_the_agencies_states(stages, client_for):
    stages.agency_x.federal_states_served = ["BE"]
    stages.agency_x.save()
    response = _page(client_for(stages.advisor_x))
    assert _shown(response) == ["Bildungsverein Aufbruch", "Initiative Nachbarschaft"]
    assert response.context["region"] == ["Berlin"]
    assert "Verein A für Jugendarbeit" not in response.content.decode()
    # An agency's own state when it names none served; a second agency adds its states.
    stages.agency_y.federal_state = "HH"
    stages.agency_y.save()
    factories.make_staff(stages.agency_y, user=stages.advisor_x)
    shown = _shown(_page(client_for(stages.advisor_x)))
    assert len(shown) == 4
    assert "Verein B für Kultur" not in shown


def test_an_agency_without_a_state_sees_all_of_germany(stages, client_for):
    response = _page(client_for(stages.advisor_y))
    assert response.context["region"] is None
    assert len(_shown(response)) == 6
    assert "All of Germany" in response.content.decode()
    assert len(_shown(_page(client_for(stages.admin)))) == 6


def test_a_saved_result_beats_the_profile(stages, client_for):
    today = timezone.localdate()
    small = stages.stages[1]
    check = ReadinessCheck.objects.get(code="association")
    services.save_result(
        small,
        check.current_rules,
        {
            "members": "8",
            "legal_form": "registered_association",
            "charitable_notice_on": (today - datetime.timedelta(days=30)).isoformat(),
        },
        as_of=today,
    )
    response = _page(client_for(stages.manager_x), "?q=Nachbarschaft")
    checks = response.context["checks"]
    index = next(i for i, c in enumerate(checks) if c.code == "association")
    [(_org, cells)] = response.context["rows"]
    assert cells[index].status == ruledoc.MET
    assert cells[index].profile_status == ruledoc.NOT_MET
    assert cells[index].saved_on == today
    assert not cells[index].older_rules
    assert "profile: missing" in response.content.decode()
    totals = {t["check"].code: t for t in response.context["totals"]}
    assert totals["association"][ruledoc.MET] == 1
    assert totals["association"][ruledoc.NOT_MET] == 0


def test_the_last_saved_result_of_a_check_is_shown_and_counted_once(stages, client_for):
    today = timezone.localdate()
    small = stages.stages[1]
    association = ReadinessCheck.objects.get(code="association")
    kita = ReadinessCheck.objects.get(code="kita")
    met = {
        "members": "8",
        "legal_form": "registered_association",
        "charitable_notice_on": (today - datetime.timedelta(days=30)).isoformat(),
    }
    first = services.save_result(small, association.current_rules, met, as_of=today)
    other = services.save_result(small, kita.current_rules, {}, as_of=today)
    last = services.save_result(
        small, association.current_rules, {**met, "members": "3"}, as_of=today
    )

    latest = ReadinessResult.objects.filter(organization=small, is_latest=True)
    assert sorted(latest.values_list("pk", flat=True)) == sorted([other.pk, last.pk])
    assert ReadinessResult.objects.get(pk=first.pk).is_latest is False
    response = _page(client_for(stages.manager_x), "?q=Nachbarschaft")
    index = next(i for i, c in enumerate(response.context["checks"]) if c.code == "association")
    [(_org, cells)] = response.context["rows"]
    assert (cells[index].status, cells[index].profile_status) == (last.status, ruledoc.NOT_MET)
    assert last.status != first.status
    totals = {t["check"].code: t for t in response.context["totals"]}
    assert sum(totals["association"][status] for status in overview.STATUSES) == 1


def test_two_latest_results_of_one_check_are_refused_by_the_database(stages):
    small = stages.stages[1]
    check = ReadinessCheck.objects.get(code="association")
    result = services.save_result(small, check.current_rules, {}, as_of=timezone.localdate())
    result.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        result.save()


def test_totals_count_the_filtered_rows(stages, client_for):
    response = _page(client_for(stages.admin))
    totals = {t["check"].code: t for t in response.context["totals"]}
    association = totals["association"]
    assert (
        association[ruledoc.MET] + association[ruledoc.NOT_MET] + association[ruledoc.UNKNOWN] == 6
    )
    assert association[ruledoc.MET] == 1
    assert association[ruledoc.NOT_MET] == 2  # five members; a tax notice six years old
    html = response.content.decode()
    assert "Totals per readiness check" in html
    assert '<th scope="col">' in html


def test_the_totals_are_drawn_as_bars_beside_their_table(stages, client_for):
    response = _page(client_for(stages.admin))

    html = response.content.decode()
    pair = find(html, "div", class_="chart-and-table")
    svg = find(pair, "svg")
    title_id, desc_id = attribute(svg, "aria-labelledby").split()
    assert (attribute(svg, "role"), text(find(svg, "title", id=title_id))) == (
        "img",
        "Totals per readiness check",
    )
    assert text(find(svg, "desc", id=desc_id)).startswith("Bar chart: per readiness check")
    bars = {text(find(r, "title")): r for r in find_all(svg, "rect") if find_all(r, "title")}
    association = "Association and charitable status"
    met, missing = bars[f"{association}, met: 1"], bars[f"{association}, missing: 2"]
    assert float(attribute(missing, "width")) == 2 * float(attribute(met, "width"))
    assert attribute(missing, "class") == "chart-bar chart-tone-error"
    assert find(pair, "table")  # the same numbers, beside the picture


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?state=HH", ["Elternverein Brücke", "Kulturforum Hamburg"]),
        ("?kind=umbrella_body", ["Kulturforum Hamburg"]),
        ("?field=youth_work", ["Bildungsverein Aufbruch", "Verein A für Jugendarbeit"]),
        ("?check=association:met", ["Bildungsverein Aufbruch"]),
        ("?check=association:missing", ["Elternverein Brücke", "Initiative Nachbarschaft"]),
        ("?check=labour_market:met", ["Bildungsverein Aufbruch"]),
        ("?q=brücke", ["Elternverein Brücke"]),
        ("?state=HH&q=kultur", ["Kulturforum Hamburg"]),
    ],
)
def test_filters(stages, client_for, query, expected):
    response = _page(client_for(stages.admin), query)
    assert _shown(response) == expected
    assert response.context["filtered"] is True


def test_invalid_filter_values_are_ignored(stages, client_for):
    stages.agency_x.federal_states_served = ["BE"]
    stages.agency_x.save()
    client = client_for(stages.advisor_x)
    # Hamburg lies outside the region: ignored, as are unknown kinds, fields and checks.
    response = _page(client, "?state=HH&kind=nonsense&field=nope&check=kita:great&page=abc")
    assert _shown(response) == ["Bildungsverein Aufbruch", "Initiative Nachbarschaft"]
    assert response.context["filtered"] is False
    assert _shown(_page(client, "?check=association")) == _shown(response)


def test_paged_by_fifty(world, client_for):
    for n in range(52):
        factories.make_organization(f"Verein {n:02d}", index=False)
    client = client_for(world.admin)
    first = _page(client)
    assert len(first.context["rows"]) == 50
    assert first.context["page"].paginator.count == 54
    assert len(_page(client, "?page=2").context["rows"]) == 4


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        _page(client)
    return len(captured)


def test_queries_do_not_grow_with_the_organizations(world, client_for):
    client = client_for(world.advisor_y)
    Organization.objects.exclude(pk=world.org_a.pk).delete()
    few = _queries(client)
    for n in range(4):
        org = factories.make_organization(f"Verein {n}", fields=("culture",), index=False)
        _recognise(org, "charitable", granted_on=datetime.date(2025, 1, 1))
        services.save_result(
            org,
            ReadinessCheck.objects.get(code="kita").current_rules,
            {"has_concept": "true"},
            as_of=timezone.localdate(),
        )
    assert Organization.objects.count() == 5
    assert _queries(client) == few


def test_export_csv_reads_back_with_formulas_neutralised(stages, client_for):
    factories.make_organization("=HYPERLINK(1)", federal_state="BE")
    response = client_for(stages.admin).get("/en/funding/readiness/export.csv?state=BE")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["Organization", "Kind", "Federal state"]
    assert "Association and charitable status" in header
    names = [row[0] for row in body]
    assert names == ["'=HYPERLINK(1)", "Bildungsverein Aufbruch", "Initiative Nachbarschaft"]
    column = header.index("Association and charitable status")
    by_name = {row[0]: row for row in body}
    assert by_name["Bildungsverein Aufbruch"][column] == "met"
    assert by_name["Initiative Nachbarschaft"][column] == "missing"
    assert by_name["Bildungsverein Aufbruch"][header.index("Fields of activity")]


def test_export_xlsx_reads_back(stages, client_for):
    response = client_for(stages.advisor_x).get(
        "/en/funding/readiness/export.xlsx?check=association:not_met&state=BE"
    )
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][0] == "Organization"
    assert [row[0] for row in values[1:]] == ["Initiative Nachbarschaft"]
    column = values[0].index("Association and charitable status")
    assert values[1][column] == "missing"


def test_export_of_another_format_is_not_there(world, client_for):
    response = client_for(world.admin).get("/en/funding/readiness/export.pdf")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert "Page not found" in response.content.decode()
    assert world.org_a.name not in response.content.decode()


@pytest.mark.parametrize("who", ["member_a", "member_b"])
def test_members_may_not_see_it(world, client_for, who):
    client = client_for(getattr(world, who))
    page = client.get(URL)
    export = client.get("/en/funding/readiness/export.csv")
    assert (page.status_code, export.status_code) == (403, 403)
    # Nothing of the region's organizations leaks into the refusal.
    for response in (page, export):
        assert world.org_a.name.encode() not in response.content
        assert world.org_b.name.encode() not in response.content


def test_anonymous_is_sent_to_log_in(world, client_for):
    response = client_for(None).get(URL)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
