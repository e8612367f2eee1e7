"""The public link: anyone may answer through it, as often as they like, naming no one."""

from __future__ import annotations

import pytest

from gemeinsam.surveys import services
from gemeinsam.surveys.inputs import Invalid
from gemeinsam.surveys.models import Response

from .test_launch import translate_everything

GOOD = {"q_founded": "1998", "q_land": "BE", "q_fields": ["culture"]}


def test_a_public_link_opens_only_for_a_launched_questionnaire(world, imported):
    with pytest.raises(Invalid):
        services.set_public_link(imported.questionnaire, on=True, by=world.manager_x)
    translate_everything(imported)
    services.launch(imported, by=world.manager_x)
    questionnaire = services.set_public_link(imported.questionnaire, on=True, by=world.manager_x)
    assert len(questionnaire.public_token) == 32


def test_anyone_answers_through_the_public_link_until_it_is_closed(world, imported, client_for):
    translate_everything(imported)
    services.launch(imported, by=world.manager_x)
    manager = client_for(world.manager_x)
    invitations = "/en/surveys/agency/agency-x/mo_2026/invitations/"
    manager.post("/en/surveys/agency/agency-x/mo_2026/public-link/", {"on": "1"})
    imported.questionnaire.refresh_from_db()
    token = imported.questionnaire.public_token
    assert f"/en/surveys/p/{token}/" in manager.get(invitations).content.decode()
    visitor = client_for(None)
    for _time in range(2):
        page = visitor.post(f"/ar/surveys/p/{token}/", GOOD).content.decode()
        assert '<html lang="ar" dir="rtl">' in page
    assert Response.objects.filter(invitation=None, submitted_at=None).count() == 2
    assert set(Response.objects.values_list("language", flat=True)) == {"ar"}
    manager.post("/en/surveys/agency/agency-x/mo_2026/public-link/", {"on": "0"})
    assert visitor.get(f"/ar/surveys/p/{token}/").status_code == 404


def test_a_public_answer_is_checked_like_any_other(world, imported, client):
    translate_everything(imported)
    services.launch(imported, by=world.manager_x)
    questionnaire = services.set_public_link(imported.questionnaire, on=True, by=None)
    page = client.post(f"/en/surveys/p/{questionnaire.public_token}/", {"q_founded": "1700"})
    assert "This answer is not possible here. Please check it." in page.content.decode()
    assert not Response.objects.exists()
