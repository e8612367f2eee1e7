"""The overview per target language: what the person may translate, with its state."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gemeinsam.core import content
from gemeinsam.core.enums import Origin
from gemeinsam.translations.enums import PAGE_SIZE
from tests import factories

from .conftest import ARABIC, DESCRIPTION

# Other apps register their content too; these tests read the events.
EVENTS = {"kind": "events.event"}


def _rows(response):
    return [
        (str(row.item.obj), row.missing, row.outdated, row.machine)
        for row in response.context["rows"]
    ]


def _events(world, count):
    made = []
    for number in range(count):
        event = factories.make_event(
            world.agency_x, title=f"Veranstaltung {number + 1}", description=DESCRIPTION
        )
        event.questions.create(label="Essen?", kind="single", choices=["Ja", "Nein"])
        made.append(event)
    return made


def test_the_overview_counts_missing_outdated_and_machine_paragraphs(event, world, client_for):
    other = factories.make_event(world.agency_x, title="Sprechstunde", description="Kurz.")
    content.save_translation(event, "description", "ar", ARABIC)
    content.save_translation(other, "title", "ar", ["ساعة الاستشارة"], origin=Origin.MACHINE)
    content.save_translation(other, "description", "ar", ["قصير."])
    event.description = DESCRIPTION.replace("10 Uhr", "11 Uhr")
    event.save()

    response = client_for(world.advisor_x).get(
        reverse("translations:overview", args=["ar"]), EVENTS
    )

    # The event: title, question label and two choices missing, one paragraph outdated.
    assert sorted(_rows(response)) == [
        ("Arbeitsmarktgespräch im Elternverein", 4, 1, 0),
        ("Sprechstunde", 0, 0, 1),
    ]
    page = response.content.decode()
    assert reverse("translations:item-edit", args=["events.event", event.pk, "ar"]) in page


def test_the_overview_filters_by_state_and_lists_only_what_the_person_may_translate(
    event, world, client_for
):
    done = factories.make_event(world.agency_x, title="Fertig", description="Kurz.")
    content.set_texts(done, "ar", {"title": "منتهٍ", "description": "قصير."})
    factories.make_event(world.agency_y, title="Fremde Veranstaltung")
    url = reverse("translations:overview", args=["ar"])
    client = client_for(world.advisor_x)

    assert [r[0] for r in _rows(client.get(url, {**EVENTS, "status": "done"}))] == ["Fertig"]
    assert [r[0] for r in _rows(client.get(url, {**EVENTS, "status": "missing"}))] == [
        "Arbeitsmarktgespräch im Elternverein"
    ]
    assert _rows(client.get(url, {**EVENTS, "status": "outdated"})) == []
    # Staff of the other agency see only their own event; a member sees nothing to translate.
    assert [r[0] for r in _rows(client_for(world.advisor_y).get(url, EVENTS))] == [
        "Fremde Veranstaltung"
    ]
    response = client_for(world.member_a).get(url, EVENTS)
    assert _rows(response) == [] and "Nothing to translate here." in response.content.decode()


def test_the_overview_is_paginated(world, client_for):
    _events(world, PAGE_SIZE + 2)
    url = reverse("translations:overview", args=["tr"])
    client = client_for(world.advisor_x)
    assert len(client.get(url, EVENTS).context["rows"]) == PAGE_SIZE
    second = client.get(url, {**EVENTS, "page": 2})
    assert len(second.context["rows"]) == 2 and second.context["count"] == PAGE_SIZE + 2


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_overview_costs_the_same_queries_for_one_item_and_for_three(world, client_for):
    url = reverse("translations:overview", args=["ar"])
    first = _events(world, 1)
    content.save_translation(first[0], "description", "ar", ARABIC)
    one = _queries(client_for(world.advisor_x), url)
    for event in _events(world, 2):
        content.save_translation(event, "description", "ar", ARABIC)
    three = _queries(client_for(world.advisor_x), url)
    assert one == three
