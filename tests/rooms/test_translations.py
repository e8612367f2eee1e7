"""Rooms in the reader's language (issue 19): name, description, equipment and accessibility
on the list, the room's page and the requester's mail; minor edits keep translations current."""

from __future__ import annotations

import html

import pytest
from django.core import mail

from gemeinsam.core import content
from gemeinsam.rooms import services
from tests import factories

NAME_AR = "قاعة الندوات الشمالية"
DESCRIPTION = "Für Workshops bis zwölf Personen.\n\nMit Blick auf den Hof."


@pytest.fixture
def room(world):
    room = factories.make_room(
        world.agency_x,
        "Seminarraum Nord",
        slug="seminarraum",
        equipment="- Beamer\n- Flipchart\n- Konferenzkamera",
        description=DESCRIPTION,
        accessibility="Aufzug bis in den 1. Stock.",
    )
    content.set_texts(
        room,
        "ar",
        {
            "name": NAME_AR,
            "description": "لورش العمل حتى اثني عشر شخصًا.\n\nتطل على الفناء.",
            "accessibility": "مصعد حتى الطابق الأول.",
        },
    )
    # Two of three items translated: the third is German, marked.
    content.save_translation(room, "equipment", "ar", ["جهاز عرض", "لوح ورقي", ""])
    return room


def _get(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_arabic_room_page_is_in_arabic_with_german_marked(room, client):
    page = _get(client, "/ar/rooms/agency-x/seminarraum/")

    assert f"<h1><bdi>{NAME_AR}</bdi></h1>" in page
    assert "تطل على الفناء." in page and "مصعد حتى الطابق الأول." in page
    assert "<li><bdi>جهاز عرض</bdi></li>" in page
    assert '<li><span lang="de" dir="ltr">Konferenzkamera</span></li>' in page
    assert "Seminarraum Nord" not in page


def test_the_list_names_rooms_in_the_readers_language(room, client):
    arabic = _get(client, "/ar/rooms/")
    turkish = _get(client, "/tr/rooms/")

    assert f"<bdi>{NAME_AR}</bdi>" in arabic
    assert '<bdi><span lang="de" dir="ltr">Seminarraum Nord</span></bdi>' in turkish


def test_an_edit_outdates_the_paragraph_it_changed_unless_it_is_minor(world, client_for, room):
    client = client_for(world.manager_x)
    url = "/en/rooms/manage/agency-x/rooms/seminarraum/"
    data = {
        "name": room.name,
        "slug": room.slug,
        "kind": room.kind,
        "capacity": str(room.capacity),
        "equipment": room.equipment,
        "accessibility": room.accessibility,
        "location": room.location,
        "is_active": "on",
    }
    assert 'name="minor_edit"' in _get(client, url)
    assert 'name="minor_edit"' not in _get(client, "/en/rooms/manage/agency-x/rooms/new/")

    typo = DESCRIPTION.replace("Hof.", "Hof!")
    client.post(url, {**data, "description": typo, "minor_edit": "on"})
    room.refresh_from_db()
    assert room.description == typo
    assert content.status(room, "description", "ar") == "up_to_date"

    client.post(url, {**data, "description": typo.replace("zwölf", "zehn")})
    room.refresh_from_db()
    assert [p.status for p in content.parts(room, "description", "ar")] == [
        "outdated",
        "up_to_date",
    ]


def test_the_requesters_mail_names_the_room_in_their_language(world, room, run_jobs):
    world.member_a.preferred_language = "ar"
    world.member_a.save()
    booking = factories.make_booking(room, by=world.member_a, organization=world.org_a)

    services.decide([booking], approve=True, by=world.manager_x)
    run_jobs()

    (message,) = [m for m in mail.outbox if m.to == [world.member_a.email]]
    assert NAME_AR in message.subject and NAME_AR in message.body
    assert "Seminarraum Nord" not in message.body


def test_the_translation_editor_finds_rooms_for_their_agencys_staff_only(world, room):
    editing = content.editing("rooms.room")

    assert list(editing.visible(world.manager_x)) == [room]
    assert list(editing.visible(world.advisor_y)) == []
    assert world.manager_x.has_perm(editing.permission, room)
    assert not world.member_a.has_perm(editing.permission, room)
