"""Calls: the public list shows open calls only, a draft is its agency's staff's, staff create
and change calls through the service (checked, audited), and a call's texts are translated."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from gemeinsam.core import content
from gemeinsam.core.models import AuditLogEntry
from gemeinsam.tandems import services
from gemeinsam.tandems.enums import CallMode
from gemeinsam.tandems.inputs import CallInput, Invalid
from gemeinsam.tandems.models import TandemCall
from tests.tandems.factories import AFTER, CLOSES, DURING, OPENS, make_call

pytestmark = pytest.mark.django_db


def _input(**changes) -> CallInput:
    values = {
        "title": "Tandems Hamburg",
        "slug": "",
        "funder": "BASFI",
        "budget": Decimal("50000.00"),
        "max_grant": Decimal("5000.00"),
        "opens_on": OPENS,
        "closes_on": CLOSES,
        "project_starts_on": datetime.date(2031, 6, 1),
        "project_ends_on": datetime.date(2032, 5, 31),
        "mode": CallMode.PAIR_FIRST,
        "regions": ("HH",),
    }
    values.update(changes)
    return CallInput(**values)


@time_machine.travel(DURING, tick=False)
def test_the_list_shows_open_published_calls_only(client, world):
    make_call(world.agency_x, "Offene Tandems", slug="offen")
    make_call(world.agency_x, "Noch geheim", slug="entwurf", is_published=False)
    make_call(
        world.agency_y,
        "Vorbei",
        slug="vorbei",
        opens_on=datetime.date(2031, 1, 1),
        closes_on=datetime.date(2031, 2, 1),
    )

    html = client.get("/en/tandems/").content.decode()

    assert "Offene Tandems" in html
    assert "Noch geheim" not in html
    assert "Vorbei" not in html


@time_machine.travel(AFTER, tick=False)
def test_after_the_deadline_the_call_page_says_it_is_closed_and_offers_no_apply_button(
    client_for, world
):
    call = make_call(world.agency_x, "Tandems NRW", slug="nrw")

    html = client_for(world.member_a).get(call.get_absolute_url()).content.decode()

    assert "This call does not take applications now." in html
    assert "/apply/" not in html


@time_machine.travel(DURING, tick=False)
def test_the_call_page_shows_its_facts_and_its_texts_in_the_readers_language(client, world):
    call = make_call(
        world.agency_x,
        "Tandems auf Augenhöhe",
        slug="nrw",
        regions=["NW"],
        required_documents="Satzung\nFreistellungsbescheid",
    )
    content.set_texts(call, "en", {"title": "Tandems on an equal footing"})

    html = client.get(call.get_absolute_url()).content.decode()

    assert "Tandems on an equal footing" in html
    assert "North Rhine-Westphalia" in html
    assert "10,000.00 €" in html
    assert "Freistellungsbescheid" in html
    assert f"/en/tandems/{world.agency_x.slug}/nrw/apply/" in html


def test_staff_create_a_call_with_a_slug_from_its_title_and_an_audit_entry(world):
    call = services.save_call(world.agency_x, _input(), by=world.advisor_x)

    assert (call.slug, call.agency, call.regions, call.max_grant) == (
        "tandems-hamburg",
        world.agency_x,
        ["HH"],
        Decimal("5000.00"),
    )
    entry = AuditLogEntry.objects.get(object_type="tandems.tandemcall", object_id=str(call.pk))
    assert entry.actor == world.advisor_x
    assert entry.changes["funder"] == [None, "BASFI"]


def test_a_call_with_a_grant_above_its_budget_or_ending_before_it_opens_is_refused_whole(world):
    with pytest.raises(Invalid) as refused:
        services.save_call(
            world.agency_x,
            _input(max_grant=Decimal("60000"), closes_on=OPENS - datetime.timedelta(days=1)),
            by=world.advisor_x,
        )

    assert set(refused.value.problems) == {"max_grant", "closes_on"}
    assert not TandemCall.objects.exists()


def test_the_staff_form_shows_the_services_problems_at_their_fields(client_for, world):
    response = client_for(world.manager_x).post(
        f"/en/tandems/manage/{world.agency_x.slug}/new/",
        {
            "title": "Tandems",
            "funder": "BASFI",
            "budget": "1000",
            "max_grant": "5000",
            "opens_on": "2031-03-01",
            "closes_on": "2031-04-30",
            "project_starts_on": "2031-06-01",
            "project_ends_on": "2032-05-31",
            "mode": "pair_first",
        },
    )

    html = response.content.decode()
    assert "The maximum grant per tandem cannot be more than the whole budget." in html
    assert not TandemCall.objects.exists()


def test_a_change_writes_only_what_changed_into_the_audit_log(client_for, world):
    call = make_call(world.agency_x, "Tandems NRW", slug="nrw", budget=Decimal("120000.00"))
    data = {
        "title": "Tandems NRW",
        "description": call.description,
        "funder": call.funder,
        "budget": "150000",
        "max_grant": "10000",
        "opens_on": "2031-03-01",
        "closes_on": "2031-04-30",
        "project_starts_on": "2031-06-01",
        "project_ends_on": "2032-05-31",
        "mode": "match_later",
        "is_published": "on",
    }

    response = client_for(world.advisor_x).post(
        f"/en/tandems/manage/{world.agency_x.slug}/nrw/", data
    )

    assert response["Location"] == call.get_absolute_url()
    call.refresh_from_db()
    assert call.budget == Decimal("150000.00")
    entry = AuditLogEntry.objects.get(object_type="tandems.tandemcall", action="update")
    assert entry.changes == {"budget": ["120000.00", "150000.00"]}


def test_the_agencys_call_list_shows_drafts_with_their_status(client_for, world):
    make_call(world.agency_x, "Entwurf Hamburg", slug="hh", is_published=False)
    make_call(world.agency_y, "Fremde Ausschreibung", slug="fremd")

    html = (
        client_for(world.advisor_x)
        .get(f"/en/tandems/manage/{world.agency_x.slug}/")
        .content.decode()
    )

    assert "Entwurf Hamburg" in html
    assert ">draft<" in html
    assert "Fremde Ausschreibung" not in html


def test_a_calls_texts_are_registered_for_the_translation_editor_of_its_staff(world):
    call = make_call(world.agency_x, "Tandems NRW", slug="nrw")
    entry = content.editing("tandems.tandemcall")

    assert list(entry.visible(world.advisor_x)) == [call]
    assert list(entry.visible(world.advisor_y)) == []
    assert world.advisor_x.has_perm(entry.permission, call)
    assert not world.advisor_y.has_perm(entry.permission, call)
