"""Figures for funders, per event and per project, computed from known registrations."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from gemeinsam.events import queries, services
from gemeinsam.events.models import Event, Registration
from gemeinsam.events.queries import Figures
from tests import factories
from tests.factories import person


def _register(event, name, org=None, *, attended=None):
    registration = services.register(
        event, [person(name, organization_id=org.pk if org else None)], consent=True
    ).registrations[0]
    if attended is not None:
        Registration.objects.filter(pk=registration.pk).update(attended=attended)
    return registration


@pytest.fixture
def project_events(world):
    """Two events of project X: one over, one ahead; and one of agency Y that must not count."""
    sport = factories.make_organization("Stadtsportbund", kind="umbrella_body", index=False)
    over = factories.make_event(world.agency_x, "Workshop Satzung", project=world.project_x)
    _register(over, "Amal Haddad", world.org_a, attended=True)
    _register(over, "Jonas Becker", sport, attended=False)
    _register(over, "Eda Demir")  # attendance not recorded
    services.cancel(_register(over, "Berk Yılmaz", world.org_b))
    shift = datetime.timedelta(days=30)
    Event.objects.filter(pk=over.pk).update(
        starts_at=over.starts_at - shift, ends_at=over.ends_at - shift
    )

    ahead = factories.make_event(
        world.agency_x, "Infoabend Förderung", project=world.project_x, capacity=2
    )
    _register(ahead, "Amal Haddad", world.org_a)
    _register(ahead, "Berk Yılmaz", world.org_b)
    _register(ahead, "Omar Nasser")  # waiting list

    other = factories.make_event(world.agency_y, "Fremd")
    _register(other, "Jemand", world.org_a, attended=True)
    return over, ahead


def test_an_event_that_is_over_counts_no_shows_and_organizations(project_events):
    over, _ahead = project_events

    figures = queries.event_figures(over)

    assert figures == Figures(
        registrations=4,
        confirmed=3,
        attended=1,
        no_shows=2,
        organizations=2,
        migrant_organizations=1,
    )
    assert figures.migrant_share == 50.0


def test_an_event_ahead_has_no_no_shows_yet(project_events):
    _over, ahead = project_events

    figures = queries.event_figures(ahead)

    assert figures == Figures(
        registrations=3,
        confirmed=2,
        attended=0,
        no_shows=0,
        organizations=2,
        migrant_organizations=2,
    )


@pytest.mark.usefixtures("project_events")
def test_the_project_totals_count_each_organization_once(world):
    rows, total = queries.project_figures(world.project_x)

    assert [(event.title, figures.confirmed) for event, figures in rows] == [
        ("Workshop Satzung", 3),
        ("Infoabend Förderung", 2),
    ]
    assert total == Figures(
        registrations=7,
        confirmed=5,
        attended=1,
        no_shows=2,
        organizations=3,
        migrant_organizations=2,
    )
    assert total.migrant_share == 66.7


def _row(page: str, label: str) -> str:
    match = re.search(rf'<th scope="row">{re.escape(label)}</th><td>([^<]*)</td>', page)
    return match.group(1).strip() if match else ""


def test_the_event_figures_page_shows_the_numbers(project_events, world, client_for):
    over, _ahead = project_events
    with translation.override("en"):
        url = reverse("events:event-figures", kwargs={"slug": over.slug})

    page = client_for(world.advisor_x).get(url).content.decode()

    assert _row(page, "Registrations received") == "4"
    assert _row(page, "No-shows") == "2"
    assert _row(page, "Organizations reached") == "2"
    assert _row(page, "Of these, migrant organizations") == "1 (50.0 %)"


def test_the_project_figures_page_shows_totals_and_each_event(project_events, world, client_for):
    with translation.override("en"):
        url = reverse("events:project-figures", kwargs={"project_pk": world.project_x.pk})

    page = client_for(world.manager_x).get(url).content.decode()

    assert _row(page, "Confirmed") == "5"
    assert _row(page, "Of these, migrant organizations") == "2 (66.7 %)"
    assert "Workshop Satzung" in page and "Infoabend Förderung" in page
    assert "Fremd" not in page


def test_figures_of_an_event_without_registrations_are_zero(world):
    event = factories.make_event(world.agency_x, starts_in=-datetime.timedelta(days=3))

    figures = queries.event_figures(event, now=timezone.now())

    assert figures == Figures()
    assert figures.migrant_share is None
