"""Funding's pages are built from the design system's components: no template writes its own
navigation, field, table, pagination or heading markup, every form that draws fields sums its
errors up at the top, requirement states are badges, and the programme catalogue filters with
the shared panel whose chips remove one filter each."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import gemeinsam.funding
from tests.html_support import attribute, find, find_all, text

pytestmark = pytest.mark.django_db

TEMPLATES = Path(gemeinsam.funding.__file__).parent / "templates"
HAND_WRITTEN = re.compile(r'<table|<nav|class="pagination|<label|<h1|class="status ')
DRAWS_FIELDS = re.compile(r"{% field |{% fieldset |{% for field in ")


def _templates():
    return sorted(TEMPLATES.rglob("*.html"))


def test_no_funding_template_writes_navigation_fields_tables_pages_or_headings_by_hand():
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


def test_the_catalogue_filters_in_the_shared_panel_with_a_chip_per_filter(client):
    response = client.get(
        "/en/funding/programmes/",
        {"state": "NW", "kind": "regular", "level": ["federal", "nowhere"], "q": "Jugend"},
    )

    html = response.content.decode()
    panel = find(html, "section", class_="filter-panel")
    assert find(panel, "details", data_open_wide=True)
    checked = {
        (attribute(i, "name"), attribute(i, "value"))
        for i in find_all(panel, "input", checked=True)
    }
    assert checked == {("kind", "regular"), ("level", "federal")}
    chips = {text(a): attribute(a, "href") for a in find_all(html, "a", class_="chip")}
    assert chips == {
        "Remove filter: Search words: Jugend ×": (
            "?state=NW&kind=regular&level=federal&level=nowhere"
        ),
        "Remove filter: Federal state: North Rhine-Westphalia ×": (
            "?kind=regular&level=federal&level=nowhere&q=Jugend"
        ),
        "Remove filter: Kind of funding: Regular funding ×": (
            "?state=NW&level=federal&level=nowhere&q=Jugend"
        ),
        "Remove filter: Level: Federal ×": "?state=NW&kind=regular&level=nowhere&q=Jugend",
    }


def test_a_check_sent_with_a_wrong_answer_links_the_error_to_its_question(client):
    response = client.get("/en/funding/checks/association/", {"checked": "1", "members": "many"})

    summary = find(response.content.decode(), "div", class_="error-summary")
    assert [attribute(a, "href") for a in find_all(summary, "a")] == ["#id_members"]
