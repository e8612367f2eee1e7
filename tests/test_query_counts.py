"""Every list and profile page runs the same number of queries for 1 item as for 3.

Each case grows one collection (claims, members, staff …) from 1 to 3 and loads the page; a
query inside a loop would make the two counts differ.
"""

from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gemeinsam.organizations.enums import MembershipRole, MembershipStatus
from gemeinsam.organizations.models import (
    FieldOfActivity,
    FundingSource,
    Invitation,
    Recognition,
    RecognitionType,
)
from tests import factories

pytestmark = pytest.mark.django_db


def _add_recognition_and_funding(w, i):
    codes = ["charitable", "youth_welfare_75", "azav"]
    Recognition.objects.create(
        organization=w.org_a,
        type=RecognitionType.objects.get(code=codes[i]),
        authority=f"Behörde {i}",
    )
    FundingSource.objects.create(
        organization=w.org_a,
        field=FieldOfActivity.objects.all()[i],
        kind="project",
        funder=f"Stiftung {i}",
    )


def _add_claim(w, i):
    factories.make_membership(w.org_b, status=MembershipStatus.PENDING)


def _add_member(w, i):
    factories.make_membership(w.org_a, role=MembershipRole.MEMBER)
    Invitation.objects.create(organization=w.org_a, email=f"neu{i}@example.org")


def _add_staff(w, i):
    factories.make_staff(w.agency_x)


def _add_project(w, i):
    project = factories.make_project(w.agency_x, title=f"Projekt {i}")
    project.measures.create(title="Runder Tisch")


def _add_own_organization(w, i):
    factories.make_membership(factories.make_organization(f"Verein {i}"), w.member_a)


@dataclass
class Page:
    name: str
    viewer: str
    url: object
    grow: object
    shows: str  # a text the page shows once the collection has grown


PAGES = [
    Page(
        "organization profile",
        "member_a",
        lambda w: w.org_a.get_absolute_url(),
        _add_recognition_and_funding,
        "Stiftung 2",
    ),
    Page(
        "claims",
        "advisor_x",
        lambda w: "/de/organizations/claims/",
        _add_claim,
        "Verein B für Kultur",
    ),
    Page(
        "members",
        "member_a",
        lambda w: f"/de/organizations/{w.org_a.slug}/members/",
        _add_member,
        "neu2@example.org",
    ),
    Page(
        "staff",
        "manager_x",
        lambda w: f"/de/agencies/{w.agency_x.slug}/staff/",
        _add_staff,
        "Marta Krüger",
    ),
    Page(
        "projects",
        "manager_x",
        lambda w: f"/de/agencies/{w.agency_x.slug}/projects/",
        _add_project,
        "Projekt 2",
    ),
    Page("dashboard", "member_a", lambda w: "/de/my/", _add_own_organization, "Verein 2"),
]


def _queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return len(ctx.captured_queries), response.content.decode()


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_the_page_runs_as_many_queries_for_three_items_as_for_one(page, world, client_for):
    client = client_for(getattr(world, page.viewer))
    page.grow(world, 0)
    one, _shown = _queries(client, page.url(world))
    page.grow(world, 1)
    page.grow(world, 2)
    three, shown = _queries(client, page.url(world))
    assert page.shows in shown
    assert one == three
