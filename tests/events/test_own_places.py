"""The event's page tells a signed-in person about their places: their own registration (with
the way to change or cancel it on their personal page), a waiting-list place with its number, a
group they booked, and how many people their organization registered."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gemeinsam.events import services
from tests import factories
from tests.factories import person
from tests.html_support import attribute, find, find_all, parse, text

pytestmark = pytest.mark.django_db


def _page(client, event, language="en") -> str:
    return client.get(f"/{language}/events/{event.slug}/").content.decode()


def _places(content: str):
    """The page's section about the person's places, or None."""
    if 'class="your-places"' not in content:
        return None
    start = content.index('<section class="your-places"')
    return parse(content[start : content.index("</section>", start) + len("</section>")])


def _register(event, user, name, **extra):
    outcome = services.register(
        event, [person(name, email=user.email, user_id=user.pk, **extra)], consent=True
    )
    return outcome.registrations[0]


def test_a_registered_member_sees_it_with_the_link_to_their_own_page(world, client_for):
    event = factories.make_event(world.agency_x, "Workshop Vereinsrecht")
    registration = _register(event, world.member_a, "Amal Haddad")

    content = _page(client_for(world.member_a), event)

    places = _places(content)
    item = find(places, "li", id="your-registration")
    assert text(find(item, "span", class_="badge")) == "Confirmed"
    assert "You are registered for this event." in text(item)
    link = find(item, "a")
    assert (text(link), attribute(link, "href")) == (
        "See, change or cancel your registration",
        registration.get_absolute_url().replace("/de/", "/en/"),
    )
    # Registering again would only say "already registered": the page offers the link instead.
    assert reverse("events:registration-create", kwargs={"slug": event.slug}) not in content


def test_a_place_on_the_waiting_list_says_its_number(world, client_for):
    event = factories.make_event(world.agency_x, capacity=1)
    services.register(event, [person("Jemand Anderes")], consent=True)
    _register(event, world.member_b, "Berk Yılmaz")

    places = _places(_page(client_for(world.member_b), event))

    item = find(places, "li", id="your-registration")
    assert text(find(item, "span", class_="badge")) == "On the waiting list"
    assert "You are on the waiting list for this event: number 1." in text(item)


def test_a_cancelled_registration_is_not_a_place(world, client_for):
    event = factories.make_event(world.agency_x)
    services.cancel(_register(event, world.member_a, "Amal Haddad"))

    content = _page(client_for(world.member_a), event)

    assert _places(content) is None
    assert reverse("events:registration-create", kwargs={"slug": event.slug}) in content


def test_members_see_how_many_their_organization_registered_without_others_links(world, client_for):
    colleague = factories.make_user("kollegin@example.org", name="Dilan Aras")
    factories.make_membership(world.org_a, colleague)
    event = factories.make_event(world.agency_x)
    first = _register(event, world.member_a, "Amal Haddad", organization_id=world.org_a.pk)
    second = services.register(
        event, [person("Rana Saleh", organization_id=world.org_a.pk)], consent=True
    ).registrations[0]

    places = _places(_page(client_for(colleague), event))

    assert [text(li) for li in find_all(places, "li")] == [
        f"2 people from {world.org_a.name} are registered."
    ]
    assert find_all(places, "a") == []
    for registration in (first, second):
        assert registration.token not in _page(client_for(colleague), event)


def test_whoever_booked_a_group_sees_it_with_the_link_to_the_groups_page(world, client_for):
    event = factories.make_event(world.agency_x)
    outcome = services.register(
        event,
        [person("Amal Haddad"), person("Rana Saleh")],
        consent=True,
        booked_by=world.member_a,
        contact_email=world.member_a.email,
    )

    places = _places(_page(client_for(world.member_a), event))

    (item,) = find_all(places, "li")
    assert "You have registered a group of 2 people." in text(item)
    assert attribute(find(item, "a"), "href") == outcome.group.get_absolute_url().replace(
        "/de/", "/en/"
    )


def test_visitors_and_people_without_a_place_see_nothing_of_it(world, client_for):
    event = factories.make_event(world.agency_x)
    _register(event, world.member_a, "Amal Haddad", organization_id=world.org_a.pk)

    for viewer in (None, world.member_b, world.advisor_x):
        assert _places(_page(client_for(viewer), event)) is None


def test_the_page_reads_the_places_in_a_fixed_number_of_queries(world, client_for):
    event = factories.make_event(world.agency_x, capacity=None)
    client = client_for(world.member_a)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            client.get(f"/en/events/{event.slug}/")
        return len(ctx.captured_queries)

    services.register(event, [person("Eins", organization_id=world.org_a.pk)], consent=True)
    one = count()
    for name in ("Zwei", "Drei"):
        services.register(event, [person(name, organization_id=world.org_a.pk)], consent=True)
    assert count() == one
