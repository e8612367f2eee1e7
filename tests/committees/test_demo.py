"""The demo's committees (data/committees.yaml): read, loaded, and loaded again unchanged."""

from __future__ import annotations

import datetime

import pytest

from gemeinsam.committees import tasks
from gemeinsam.committees.models import Committee, Mandate, Meeting
from gemeinsam.demo import committees as demo_committees
from tests import factories

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2027, 5, 10)


@pytest.fixture
def via(db):
    agency = factories.make_agency("VIA Berlin/Brandenburg", slug="via-berlin-brandenburg")
    factories.make_staff(agency, role="advisor")
    factories.make_organization("Vietnamesischer Kulturverein Lichtenberg e.V.", index=False)
    return agency


def test_the_data_file_reads():
    data = demo_committees.committees_data()

    assert data.agency == "via-berlin-brandenburg"
    assert [c.slug for c in data.committees] == ["jugendhilfeausschuss", "integrationsbeirat"]


def test_loading_twice_changes_nothing_and_keeps_the_meetings_calendar_ids(via):
    demo_committees.load(TODAY)
    uids = list(Meeting.objects.order_by("id").values_list("uid", flat=True))
    demo_committees.load(TODAY)

    assert Committee.objects.count() == 2
    assert Mandate.objects.count() == 6
    assert list(Meeting.objects.order_by("id").values_list("uid", flat=True)) == uids
    coached = Mandate.objects.get(holder_name="Thi Lan Nguyen")
    assert (coached.organization.name, coached.status) == (
        "Vietnamesischer Kulturverein Lichtenberg e.V.",
        "reported",
    )


def test_the_youth_welfare_committees_holders_are_due_for_the_term_end_reminder(via):
    demo_committees.load(TODAY)

    # Its term ends in 45 days: within the 60; the integration council's has ended.
    assert tasks.sweep(TODAY) == 3
