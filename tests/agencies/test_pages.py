"""The agency's pages are built from the design system's components: a page header with the way
back, the management's section navigation, tables that stack on a phone, cards, badges, empty
states, and forms whose errors are summed up at the top with links into the fields."""

import re
from pathlib import Path

import pytest

import gemeinsam.agencies
from tests import factories
from tests.html_support import attribute, find, find_all, text

pytestmark = pytest.mark.django_db

HAND_WRITTEN = re.compile(r'<table|<nav|class="pagination|<label')


def test_no_template_of_the_agencies_writes_navigation_fields_tables_or_pages_by_hand():
    folder = Path(gemeinsam.agencies.__file__).parent / "templates"
    by_hand = sorted(
        str(path.relative_to(folder))
        for path in folder.rglob("*.html")
        if HAND_WRITTEN.search(path.read_text(encoding="utf-8"))
    )
    assert by_hand == []


def test_the_staff_list_is_a_stacking_table_under_a_trail_and_the_management_navigation(
    world, client_for
):
    former = world.agency_x.staff.get(user=world.advisor_x)
    former.is_active = False
    former.save()
    html = client_for(world.manager_x).get("/en/agencies/agency-x/staff/").content.decode()

    crumbs = find(html, "nav", class_="breadcrumbs")
    assert [(attribute(a, "href"), text(a)) for a in find_all(crumbs, "a")] == [
        ("/en/", "Home"),
        ("/en/agencies/", "Agencies"),
        ("/en/agencies/agency-x/", "Kompetenzzentrum Migration Nord"),
    ]
    assert text(find(html, "h1")) == "Staff of Kompetenzzentrum Migration Nord"
    management = find(html, "nav", aria_label="Agency management")
    assert [(text(a), attribute(a, "aria-current")) for a in find_all(management, "a")] == [
        ("Staff", "page"),
        ("Projects", None),
        ("Rooms", None),
    ]
    table = find(html, "table", class_="table-stack")
    rows = find_all(find(table, "tbody"), "tr")
    assert [
        [(attribute(cell, "data-label"), text(cell)) for cell in row.children if cell.name]
        for row in rows
    ] == [
        [
            ("Name", "Marta Krüger"),
            ("Role", "manager"),
            ("Shown as contact", "no"),
            ("Active", "active"),
        ],
        [
            ("Name", "Xenia Wolff"),
            ("Role", "advisor"),
            ("Shown as contact", "no"),
            ("Active", "no longer active"),
        ],
    ]
    assert [text(b) for b in find_all(table, "span", class_="badge-ok")] == ["active"]


def test_adding_an_unknown_address_is_summed_up_above_the_form_with_a_link_to_the_field(
    world, client_for
):
    response = client_for(world.manager_x).post(
        "/en/agencies/agency-x/staff/", {"email": "nobody@example.org", "role": "advisor"}
    )
    summary = find(response.content.decode(), "div", class_="error-summary")
    assert attribute(summary, "role") == "alert"
    assert [(attribute(a, "href"), text(a)) for a in find_all(summary, "a")] == [
        ("#id_email", "Email address: There is no account with this email address yet.")
    ]


def test_a_project_ending_before_it_starts_is_summed_up_and_measures_come_in_cards(
    world, client_for
):
    response = client_for(world.manager_x).post(
        "/en/agencies/agency-x/projects/new/",
        {
            "title": "Brücken bauen",
            "funder": "Land",
            "starts_on": "2026-05-01",
            "ends_on": "2026-04-01",
            "goals": "",
            "is_public": "on",
            "measures-TOTAL_FORMS": "2",
            "measures-INITIAL_FORMS": "0",
            "measures-0-title": "Runde Tische",
            "measures-1-title": "",
        },
    )
    html = response.content.decode()
    summary = find(html, "div", class_="error-summary")
    assert [attribute(a, "href") for a in find_all(summary, "a")] == ["#id_ends_on"]
    measures = find_all(html, "div", class_="card")
    assert len(measures) == 2
    # What was typed stays.
    assert attribute(find(measures[0], "input", name="measures-0-title"), "value") == (
        "Runde Tische"
    )


def test_the_project_list_shows_cards_with_badges_or_an_empty_state(world, client_for):
    client = client_for(world.manager_x)
    factories.make_project(world.agency_x, title="Intern geplant", is_public=False)
    html = client.get("/en/agencies/agency-x/projects/").content.decode()
    cards = find_all(html, "div", class_="card")
    assert [
        (text(find(card, "h2")), [text(b) for b in find_all(card, "span", class_="badge")])
        for card in cards
    ] == [
        ("Intern geplant", ["internal"]),
        ("Willkommen in Berlin", ["on the agency page"]),
    ]

    world.agency_x.projects.all().delete()
    html = client.get("/en/agencies/agency-x/projects/").content.decode()
    empty = find(html, "div", class_="empty-state")
    assert text(find(empty, "p", class_="empty-state-title")) == "No projects yet."


def test_the_agency_page_shows_contacts_events_and_projects_as_cards(world, client):
    staff = world.agency_x.staff.get(user=world.advisor_x)
    staff.is_public_contact, staff.public_title = True, "Beratung auf Arabisch"
    staff.save()
    html = client.get("/en/agencies/agency-x/").content.decode()

    crumbs = find(html, "nav", class_="breadcrumbs")
    assert [text(a) for a in find_all(crumbs, "a")] == ["Home", "Agencies"]
    titles = [text(title) for title in find_all(html, class_="card-title")]
    assert titles == ["Xenia Wolff", "Willkommen in Berlin"]
    # No events: the section says so and offers the way to others and to the calendar feed.
    empty = find(html, "div", class_="empty-state")
    assert text(find(empty, "p", class_="empty-state-title")) == "No upcoming events."
    assert [attribute(a, "href") for a in find_all(empty, "a")] == [
        "/en/events/",
        "/en/events/agency/agency-x/feed.ics",
    ]
    # Visitors get no management navigation; its managers do.
    assert find_all(html, "nav", aria_label="Agency management") == []
