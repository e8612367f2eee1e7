"""Counselling's pages are built from the design system's components: no template writes its
own navigation, field, table or pagination markup, every form that draws fields sums its errors
up at the top, the staff pages sit under a trail, and the case list filters with the shared
panel whose chips remove one filter each."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

import gemeinsam.counselling
from tests import factories
from tests.html_support import attribute, find, find_all, text

pytestmark = pytest.mark.django_db

TEMPLATES = Path(gemeinsam.counselling.__file__).parent / "templates"
HAND_WRITTEN = re.compile(r'<table|<nav|class="pagination|<label|<h1')
DRAWS_FIELDS = re.compile(r"{% field |{% fieldset |{% for field in ")


def _templates():
    return sorted(TEMPLATES.rglob("*.html"))


def test_no_counselling_template_writes_navigation_fields_tables_pages_or_headings_by_hand():
    by_hand = [
        str(path.relative_to(TEMPLATES))
        for path in _templates()
        if HAND_WRITTEN.search(path.read_text(encoding="utf-8"))
    ]
    assert by_hand == []


def test_every_form_that_draws_fields_sums_its_errors_up_at_the_top():
    without = [
        str(path.relative_to(TEMPLATES))
        for path in _templates()
        if DRAWS_FIELDS.search(text := path.read_text(encoding="utf-8"))
        and "{% error_summary " not in text
    ]
    assert without == []


def test_a_case_page_sits_under_the_trail_of_its_agencys_cases(world, client_for):
    case = factories.make_case(world.agency_x, advisors=[world.advisor_x], title="Satzung")

    html = client_for(world.advisor_x).get(reverse("counselling:case-edit", args=[case.pk]))
    html = html.content.decode()

    crumbs = find(html, "nav", class_="breadcrumbs")
    assert [text(a) for a in find_all(crumbs, "a")] == [
        "Home",
        "Counselling",
        "Cases",
        case.reference,
    ]
    assert (
        attribute(find_all(crumbs, "a")[2], "href")
        == "/en/counselling/manage/cases/?agency=agency-x"
    )
    nav = find(html, "nav", aria_label="This case")
    assert [(text(a), attribute(a, "aria-current")) for a in find_all(nav, "a")] == [
        (f"Case {case.reference}", None),
        ("Edit", "page"),
        ("Advisors", None),
        ("Forward to another agency", None),
    ]


def test_a_form_sent_with_errors_links_each_error_to_its_field(world, client_for):
    case = factories.make_case(world.agency_x, advisors=[world.advisor_x])

    response = client_for(world.advisor_x).post(
        reverse("counselling:session-add", args=[case.pk]), {"held_on": "", "channel": "x"}
    )

    summary = find(response.content.decode(), "div", class_="error-summary")
    links = [attribute(a, "href") for a in find_all(summary, "a")]
    assert "#id_held_on" in links


def test_the_case_list_filters_in_the_shared_panel_with_a_chip_per_filter(world, client_for):
    factories.make_case(world.agency_x, advisors=[world.advisor_x], title="Meiner")

    response = client_for(world.advisor_x).get(
        reverse("counselling:case-list"), {"status": "closed", "mine": "on", "q": "Satzung"}
    )

    html = response.content.decode()
    panel = find(html, "section", class_="filter-panel")
    assert find(panel, "details", data_open_wide=True)
    assert {attribute(i, "name") for i in find_all(panel, "input")} >= {"mine", "q"}
    chips = {text(a): attribute(a, "href") for a in find_all(html, "a", class_="chip")}
    assert chips == {
        "Remove filter: Status: closed ×": "?mine=on&q=Satzung",
        "Remove filter: Only my cases: Only my cases ×": "?status=closed&q=Satzung",
        "Remove filter: Search: Satzung ×": "?status=closed&mine=on",
    }
    nothing = find(html, "div", class_="empty-state")
    assert "No cases match these filters." in text(nothing)
