"""An agency's public page: who they are, whom to ask, and their projects."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from gemeinsam.core import content
from tests import factories
from tests.html_support import attribute, find, find_all, text

pytestmark = pytest.mark.django_db


def test_the_agency_page_shows_who_they_are_contacts_and_projects(world, client):
    agency = world.agency_x
    agency.region_served = "Hamburg und Umgebung"
    agency.description = "Wir beraten MO."
    agency.save()
    staff = world.agency_x.staff.get(user=world.advisor_x)
    staff.is_public_contact, staff.public_title = True, "Beratung auf Arabisch"
    staff.save()
    world.project_x.goals = "Kooperationen aufbauen\nGremienarbeit stärken"
    world.project_x.save()
    world.project_x.measures.create(title="Runde Tische")
    page = client.get(agency.get_absolute_url()).content.decode()
    for shown in [
        "Wir beraten MO.",
        "Hamburg und Umgebung",
        "Xenia Wolff",
        "Beratung auf Arabisch",
        "Willkommen in Berlin",
        "Gremienarbeit stärken",
        "Runde Tische",
    ]:
        assert shown in page
    # Staff who are not public contacts stay off the page, and so do log-in addresses.
    assert "Marta Krüger" not in page
    assert "advisor.x@example.org" not in page


def test_the_agency_page_in_arabic_marks_what_is_outdated_and_what_is_only_in_german(client):
    agency = factories.make_agency(
        "Kompetenzzentrum Migration Nord",
        slug="kmn",
        description="Wir beraten Vereine.\n\nWir begleiten Tandems.",
        region_served="Bundesweit",
    )
    content.set_texts(agency, "ar", {"description": "نقدم الاستشارة للجمعيات.\n\nنرافق الشراكات."})
    content.set_texts(agency, "ar", {"region_served": "على مستوى ألمانيا"})
    agency.description = "Wir beraten Vereine.\n\nWir begleiten Tandem-Projekte."
    agency.save()

    page = client.get("/ar/agencies/kmn/").content.decode()
    who = find(page, "section", aria_labelledby="who")
    parts = find_all(who, "p", class_="translated-part")
    assert [text(p) for p in parts] == ["نقدم الاستشارة للجمعيات.", "نرافق الشراكات."]
    assert "translated-outdated" in attribute(parts[1], "class")
    with translation.override("ar"):
        changed = translation.gettext("The German text has changed since this translation.")
    assert [text(n) for n in find_all(who, "p", class_="translation-note")] == [changed]
    reach = find(page, "section", aria_labelledby="reach")
    assert "على مستوى ألمانيا" in text(reach)
    assert "Bundesweit" not in page
    # Turkish: nothing translated, so the German, marked with its language and direction.
    page = client.get("/tr/agencies/kmn/").content.decode()
    who = find(page, "section", aria_labelledby="who")
    assert {
        (attribute(p, "lang"), attribute(p, "dir"))
        for p in find_all(who, "p", class_="translated-part")
    } == {("de", "ltr")}
    region = find(find(page, "section", aria_labelledby="reach"), "span", lang="de")
    assert (attribute(region, "dir"), text(region)) == ("ltr", "Bundesweit")


def test_projects_show_their_title_goals_and_measures_in_the_readers_language(world, client):
    project = world.project_x
    project.goals = "- Kooperationen aufbauen\n- Gremienarbeit stärken"
    project.save()
    measure = project.measures.create(title="Runde Tische")
    content.set_texts(project, "ar", {"title": "أهلًا بكم في برلين"})
    content.save_translation(project, "goals", "ar", ["بناء التعاون", ""])
    content.set_texts(measure, "ar", {"title": "طاولات مستديرة"})

    page = client.get(f"/ar/agencies/{world.agency_x.slug}/").content.decode()

    card = find(page, "div", class_="card")
    assert text(find(card, "h3")) == "أهلًا بكم في برلين"
    goals = find_all(find_all(card, "ul")[0], "li")
    # The first goal is translated; the second is German, marked, without its bullet.
    assert [(attribute(li, "lang"), text(li)) for li in goals] == [
        (None, "بناء التعاون"),
        ("de", "Gremienarbeit stärken"),
    ]
    assert "طاولات مستديرة" in text(find_all(card, "ul")[1])
    with translation.override("ar"):
        partly = translation.gettext(
            "Parts of this text are not translated yet and are shown in German."
        )
    assert [text(n) for n in find_all(card, "p", class_="translation-note")] == [partly]


def test_the_agency_list_and_the_home_page_name_the_region_in_the_readers_language(client):
    agency = factories.make_agency("Gesamtverband", slug="gv", region_served="Bundesweit")
    content.set_texts(agency, "tr", {"region_served": "Almanya geneli"})
    for address in ("/tr/agencies/", "/tr/"):
        page = client.get(address).content.decode()
        assert "Almanya geneli" in page and "Bundesweit" not in page, address


def _agency_page_queries(client, agency, n):
    for i in range(n):
        project = factories.make_project(agency, title=f"Projekt {i}")
        project.measures.create(title="Workshop")
        factories.make_staff(agency, is_public_contact=True)
    # Once before: the first request of a process reads what it keeps (content types).
    client.get(agency.get_absolute_url())
    with CaptureQueriesContext(connection) as ctx:
        client.get(agency.get_absolute_url())
    return len(ctx.captured_queries)


def test_the_agency_page_runs_the_same_number_of_queries_for_1_and_3_projects(client):
    one = _agency_page_queries(client, factories.make_agency(slug="one"), 1)
    three = _agency_page_queries(client, factories.make_agency(slug="three"), 3)
    assert one == three


def test_the_agency_pages_coming_events_are_in_the_readers_language(world, client):
    from gemeinsam.core import content  # the translations the page reads

    event = factories.make_event(world.agency_x, "Runder Tisch Migrantenorganisationen")
    content.set_texts(event, "tr", {"title": "Göçmen örgütleri yuvarlak masası"})
    other = factories.make_event(world.agency_x, "Sprechstunde Förderung")

    page = client.get(f"/tr/agencies/{world.agency_x.slug}/").content.decode()

    assert "Göçmen örgütleri yuvarlak masası" in page
    assert "Runder Tisch" not in page
    assert f'<span lang="de" dir="ltr">{other.title}</span>' in page
