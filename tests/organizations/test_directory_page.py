"""The directory's page: the shared filter panel with removable chips, and an empty result that
says what to try instead, offering to clear filters only when a filter is in force."""

import pytest

from tests import factories
from tests.html_support import attribute, find, find_all, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def orgs(db):
    factories.make_organization(
        "Verein für Jugendhilfe Bochum", city="Bochum", federal_state="NW", fields=("youth_work",)
    )
    factories.make_organization(
        "Kulturbrücke Essen", city="Essen", federal_state="NW", languages=("ar",)
    )
    factories.make_organization(
        "Bezirksamt Neukölln", kind="authority", city="Berlin", federal_state="BE"
    )


def chips(html) -> list[tuple[str, str]]:
    return [(attribute(a, "href"), text(a)) for a in find_all(html, "a", class_="chip")]


def test_the_filters_are_the_shared_panel_and_their_chips_stand_above_the_results(client, orgs):
    html = client.get(
        "/en/organizations/", {"q": "Verein", "kind": "migrant_org", "state": "NW"}
    ).content.decode()

    panel = find(html, "section", class_="filter-panel")
    assert attribute(find(panel, "details"), "data-open-wide") == ""
    assert text(find(panel, "summary")) == "Filter 2"
    ticked = [
        (attribute(box, "name"), attribute(box, "value"))
        for box in find_all(panel, "input", type="checkbox", checked=True)
    ]
    assert ticked == [("kind", "migrant_org"), ("state", "NW")]
    legends = [text(legend) for legend in find_all(panel, "legend")]
    assert legends[:2] == ["Kind", "Field of activity"]
    # The chips are not in the panel (folded on a phone) but above the results.
    assert find_all(panel, "a", class_="chip") == []
    results = find(html, "section", aria_labelledby="results-heading")
    assert chips(results) == [
        ("?q=Verein&state=NW", "Remove filter: Kind: migrant organization ×"),
        ("?q=Verein&kind=migrant_org", "Remove filter: Federal state: North Rhine-Westphalia ×"),
    ]
    # The search box keeps the filters in force when new words are sent.
    search = find(html, "form", role="search")
    assert attribute(find(search, "input", type="search"), "value") == "Verein"
    hidden = [
        (attribute(field, "name"), attribute(field, "value"))
        for field in find_all(search, "input", type="hidden")
    ]
    assert hidden == [("kind", "migrant_org"), ("state", "NW")]


def test_an_empty_result_keeps_the_chips_of_filters_it_no_longer_counts(client, orgs):
    html = client.get("/en/organizations/", {"q": "Zzyzx", "kind": "authority"}).content.decode()
    assert chips(html) == [("?q=Zzyzx", "Remove filter: Kind: authority ×")]
    empty = find(html, "div", class_="empty-state")
    assert [(attribute(a, "href"), text(a)) for a in find_all(empty, "a")] == [
        ("?q=Zzyzx", "Clear all filters"),
        ("?kind=authority", "Show every organization with these filters"),
        ("/en/agencies/", "Ask an agency for help"),
    ]


def test_without_a_filter_an_empty_result_offers_no_clearing_of_filters(client, orgs, world):
    html = client.get("/en/organizations/", {"q": "Zzyzx"}).content.decode()
    assert "Clear all filters" not in html
    assert chips(html) == []
    empty = find(html, "div", class_="empty-state")
    assert "Check the spelling" in text(empty)
    assert [(attribute(a, "href"), text(a)) for a in find_all(empty, "a")] == [
        ("?", "Show every organization"),
        ("/en/agencies/", "Ask an agency for help"),
    ]


def test_an_empty_directory_suggests_adding_an_organization_to_members(client_for, db):
    member = factories.make_user("neu@example.org")
    html = client_for(member).get("/en/organizations/").content.decode()
    assert "Clear all filters" not in html
    empty = find(html, "div", class_="empty-state")
    assert [text(a) for a in find_all(empty, "a")] == [
        "Add an organization",
        "Ask an agency for help",
    ]
    assert find_all(html, "section", class_="filter-panel") != []


def test_the_panels_checkboxes_are_the_markup_djangos_widget_templates_give(db):
    """The panel writes its checkboxes itself (for speed); they must read as the templates'."""
    from django import forms
    from django.http import QueryDict
    from django.test.signals import template_rendered

    from gemeinsam.organizations.forms.directory import DirectoryFilterForm

    panel = DirectoryFilterForm(
        QueryDict("kind=migrant_org&state=BE&district=Mitte"),
        facets={
            "kind": [("migrant_org", "Migrantenorganisation", 3), ("authority", "Amt <&>", 1)],
            "state": [("BE", "Berlin", 2)],
            "field": [("youth_work", "Jugendarbeit", 7)],
        },
        districts=[("Neukölln", 1), ('A&B "Süd"', 2)],
    )
    rendered, used = {}, []

    def note(sender, template, **_kwargs):
        used.append(template.name)

    for name in ("kind", "state", "field", "district"):
        field = panel[name]
        templates = forms.CheckboxSelectMultiple.render(
            field.field.widget, field.html_name, field.value(), {"id": field.auto_id}
        )
        template_rendered.connect(note)
        try:
            rendered[name] = str(field)
        finally:
            template_rendered.disconnect(note)
        assert rendered[name] == templates
    assert used == []  # written by the widget, not by a template
    assert 'value="migrant_org" id="filter_kind_0" checked>' in rendered["kind"]
    assert "Amt &lt;&amp;&gt; <span" in rendered["kind"]
    assert 'value="A&amp;B &quot;Süd&quot;"' in rendered["district"]
    # A value in force that the result does not count keeps its box, ticked, without a count.
    assert 'value="Mitte" id="filter_district_2" checked>\n Mitte</label>' in rendered["district"]


def offers(html) -> list[tuple[str, str]]:
    """The empty state's offers: (address, text with its count)."""
    empty = find(html, "div", class_="empty-state")
    listed = find(empty, "ul", aria_labelledby="empty-state-offers")
    return [
        (attribute(a, "href"), text(li)) for li in find_all(listed, "li") for a in [find(li, "a")]
    ]


def test_an_empty_result_offers_to_leave_out_the_filter_that_emptied_it(client, orgs):
    html = client.get("/en/organizations/", {"q": "Verein", "state": "BE"}).content.decode()
    assert "No organization matches" in html
    assert offers(html) == [("?q=Verein", "Without Federal state: Berlin (1)")]
    # The same, without words: counted from the facet bitmaps.
    html = client.get("/en/organizations/", {"state": "HH", "kind": "authority"}).content.decode()
    assert offers(html) == [
        ("?kind=authority", "Without Federal state: Hamburg (1)"),
        ("?", "Without any filter (3)"),
    ]


def test_an_empty_result_offers_all_filters_away_when_no_single_one_helps(client, orgs):
    html = client.get(
        "/en/organizations/", {"q": "Jugendhilfe", "kind": "authority", "state": "BE"}
    ).content.decode()
    assert offers(html) == [("?q=Jugendhilfe", "Without any filter (1)")]


def test_a_misspelt_word_is_offered_spelled_as_the_index_knows_it(client, orgs):
    html = client.get("/en/organizations/", {"q": "Jugendhilfr", "state": "BE"}).content.decode()
    empty = find(html, "div", class_="empty-state")
    spelled = find(empty, "a", href="?q=jugendhilfe&state=BE")
    assert text(spelled) == "“ jugendhilfe ”"  # the word isolated (bdi)
    assert "Did you mean:" in text(empty)
    # The offers search the word as spelled; the page says no "Showing results for".
    assert offers(html) == [("?q=jugendhilfe", "Without Federal state: Berlin (1)")]
    assert "Showing results for" not in html
    assert "Check the spelling" not in text(empty)


def test_an_empty_result_offers_to_leave_out_a_word(client, orgs):
    html = client.get("/en/organizations/", {"q": "Kulturbrücke Zzyzx"}).content.decode()
    assert offers(html) == [("?q=kulturbr%C3%BCcke", "Without the word “ zzyzx ” (1)")]
    assert text(find(find(html, "div", class_="empty-state"), "bdi")) == "zzyzx"


def test_the_offers_speak_the_pages_language(client, orgs):
    html = client.get("/ar/organizations/", {"q": "Verein", "state": "BE"}).content.decode()
    ((url, offer),) = offers(html)
    assert url == "?q=Verein"
    assert offer.startswith("بدون ") and offer.endswith("(1)")
    html = client.get("/tr/organizations/", {"q": "Verein", "state": "BE"}).content.decode()
    assert offers(html)[0][1].endswith("olmadan (1)")
