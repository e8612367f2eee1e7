"""Mandates in the registry of personal data: an agency exports and erases its own."""

from __future__ import annotations

import pytest

from gemeinsam.committees.enums import MandateStatus
from gemeinsam.core import personal_data
from gemeinsam.core.personal_data import DataSubject, Scope
from tests.committees import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def mandates(world):
    ours = factories.make_committee(world.agency_x)
    theirs = factories.make_committee(world.agency_y, "Integrationsbeirat")
    mine = factories.make_mandate(
        factories.make_seat(ours),
        "Amina Yılmaz",
        organization=world.org_a,
        status=MandateStatus.APPOINTED,
        user=world.member_a,
        note="Spricht Arabisch und Türkisch",
    )
    other = factories.make_mandate(
        factories.make_seat(theirs), "Amina Yılmaz", status=MandateStatus.NOMINATED
    )
    return mine, other


def test_an_agency_exports_the_mandates_of_its_committees_only(world, mandates):
    subject = DataSubject(user=world.member_a, names=frozenset({"Amina Yılmaz"}))

    data = personal_data.export(subject, Scope.of_agencies([world.agency_x.pk], viewer=None))

    [row] = data["committee_mandates"]
    assert (row["committee"], row["person"], row["on_behalf_of"], row["status"]["code"]) == (
        "Jugendhilfeausschuss",
        "Amina Yılmaz",
        world.org_a.name,
        "appointed",
    )


def test_an_erasure_keeps_the_seat_held_but_not_by_whom(world, mandates):
    mine, other = mandates
    subject = DataSubject(user=world.member_a, names=frozenset({"Amina Yılmaz"}))

    personal_data.erase(subject, Scope.of_agencies([world.agency_x.pk], viewer=None))

    mine.refresh_from_db()
    other.refresh_from_db()
    assert (mine.holder_name, mine.user, mine.note, mine.status) == (
        "",
        None,
        "",
        MandateStatus.APPOINTED,
    )
    # Agency Y's record is left to agency Y.
    assert other.holder_name == "Amina Yılmaz"
