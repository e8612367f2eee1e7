"""The design-system page (site:design-system) shows every component in the page's language, and
the site's header around it: the menu that folds on a phone, the language links, the favicon."""

from __future__ import annotations

import pytest
from django.contrib.staticfiles import finders

from tests.html_support import attribute, find, find_all, text

pytestmark = pytest.mark.django_db

COMPONENT_CLASSES = [
    ("nav", "breadcrumbs"),
    ("nav", "subnav"),
    ("div", "field"),
    ("fieldset", "fieldset"),
    ("section", "filter-panel"),
    ("div", "table-wrap"),
    ("div", "card"),
    ("span", "badge"),
    ("nav", "pagination"),
    ("div", "empty-state"),
    ("div", "messages"),
    ("div", "step-indicator"),
]


@pytest.mark.parametrize(
    ("language", "direction", "title"),
    [("de", "ltr", "Designsystem"), ("ar", "rtl", "نظام التصميم")],
)
def test_the_page_shows_every_component_in_its_language(language, direction, title, client):
    response = client.get(f"/{language}/design-system/")
    html = response.content.decode()
    assert response.status_code == 200
    assert (attribute(find(html, "html"), "lang"), attribute(find(html, "html"), "dir")) == (
        language,
        direction,
    )
    assert text(find(html, "h1")) == title
    missing = [
        (tag, name) for tag, name in COMPONENT_CLASSES if not find_all(html, tag, class_=name)
    ]
    assert missing == []
    # Nothing was sent, so no error summary interrupts the page.
    assert find_all(html, "div", class_="error-summary") == []


def test_the_sample_form_sent_empty_shows_the_error_summary(client):
    html = client.get("/ar/design-system/?sample-name=&sample-email=x").content.decode()
    summary = find(html, "div", class_="error-summary")
    assert text(find(summary, "h2")) == "هناك مشكلة"
    assert [attribute(a, "href") for a in find_all(summary, "a")] == [
        "#id_sample-name",
        "#id_sample-email",
        "#id_sample-format_0",
        "#id_sample-consent",
    ]


def test_the_sample_filters_show_as_removable_chips(client):
    html = client.get("/de/design-system/?q=kita&kind=training").content.decode()
    chips = find_all(html, "a", class_="chip")
    assert [attribute(a, "href") for a in chips] == ["?kind=training", "?q=kita"]
    assert [text(a) for a in chips] == [
        "Filter entfernen: Suchen: kita ×",
        "Filter entfernen: Art: Fortbildung ×",
    ]


def test_the_header_folds_the_navigation_into_a_menu_and_keeps_the_languages_outside(client):
    html = client.get("/de/events/").content.decode()
    header = find(html, "header", class_="site-header")
    menu = find(header, "details", class_="site-menu")
    assert text(find(menu, "summary")) == "Menü"
    nav = find(menu, "nav", class_="main-nav")
    assert attribute(nav, "aria-label") == "Hauptnavigation"
    # The page's section is marked in the navigation.
    assert [text(a) for a in find_all(nav, "a", aria_current="page")] == ["Veranstaltungen"]
    switcher = find(header, "nav", class_="language-switcher")
    assert find_all(menu, "nav", class_="language-switcher") == []
    assert [attribute(a, "hreflang") for a in find_all(switcher, "a")] == ["de", "en", "ar", "tr"]


def test_every_page_names_a_favicon_logo_and_script_that_exist(client):
    html = client.get("/de/").content.decode()
    assets = [attribute(link, "href") for link in find_all(html, "link")]
    assets += [
        attribute(element, "src") for element in find_all(html, "script") + find_all(html, "img")
    ]
    assert "/static/gemeinsam/img/favicon.svg" in assets
    assert "/static/gemeinsam/img/favicon.ico" in assets
    assert "/static/gemeinsam/img/mark.svg" in assets
    missing = [url for url in assets if not finders.find(url.removeprefix("/static/"))]
    assert missing == []
