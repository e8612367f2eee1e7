"""The public event pages are cached for anonymous visitors, and dropped as soon as any event or
its places change; logged-in people always get a freshly built page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gemeinsam.events import services
from tests import factories
from tests.factories import person


@pytest.fixture
def event(world):
    return factories.make_event(world.agency_x, "Workshop Projektmanagement", capacity=2)


def test_a_second_anonymous_visit_is_served_from_the_cache_with_one_query(
    client, event, django_assert_num_queries
):
    url = reverse("events:event-list")
    first = client.get(url)

    with django_assert_num_queries(1):
        second = client.get(url)

    assert second.content == first.content
    assert "Workshop Projektmanagement" in second.content.decode()


def test_a_registration_changes_the_places_shown_at_once(client, event):
    url = reverse("events:event-list")
    before = client.get(url).content.decode()
    services.register(event, [person(), person()], consent=True)

    after = client.get(url).content.decode()

    assert "places-open" in before and "places-full" not in before
    assert "places-full" in after and "places-open" not in after


def test_a_deleted_event_disappears_from_the_cached_list(client, event, world):
    other = factories.make_event(world.agency_x, "Abendveranstaltung Münster")
    url = reverse("events:event-list")
    assert "Abendveranstaltung Münster" in client.get(url).content.decode()

    other.delete()

    assert "Abendveranstaltung Münster" not in client.get(url).content.decode()


def test_staff_are_never_served_the_visitors_copy(client_for, client, event, world):
    factories.make_event(world.agency_x, "Entwurf Runder Tisch", status="draft")
    url = reverse("events:event-list")
    assert "Entwurf Runder Tisch" not in client.get(url).content.decode()

    staff_page = client_for(world.advisor_x).get(url).content.decode()

    assert "Entwurf Runder Tisch" in staff_page
