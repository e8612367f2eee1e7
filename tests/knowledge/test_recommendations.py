"""Recommendations with their addressees, what they rest on, and their status updates."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gemeinsam.core import content
from gemeinsam.core.personal_data import DataSubject, Scope, erase
from gemeinsam.knowledge import services
from gemeinsam.knowledge.inputs import RecommendationInput
from gemeinsam.knowledge.models import Recommendation, RecommendationUpdate
from tests.knowledge.guides import make_recommendation


def test_staff_write_a_recommendation_and_follow_it_up(world, client_for):
    client = client_for(world.advisor_x)
    response = client.post(
        "/en/knowledge/manage/agency-x/recommendations/new/",
        {
            "title": "Jugendhilfeausschüsse öffnen",
            "text": "Einen Sitz für Migrant*innenorganisationen.",
            "addressees": ["politics", "providers"],
            "basis": "Befragung 2025",
            "guide": "",
        },
    )
    recommendation = Recommendation.objects.get()
    assert response["Location"] == f"/en/knowledge/recommendations/{recommendation.pk}/"
    assert recommendation.addressees == ["politics", "providers"]

    client.post(
        f"/en/knowledge/recommendations/{recommendation.pk}/updates/",
        {"on": "2026-05-04", "text": "Im Jugendhilfeausschuss Bochum eingebracht."},
    )

    update = recommendation.updates.get()
    assert (update.on, update.created_by) == (datetime.date(2026, 5, 4), world.advisor_x)
    page = client.get(f"/en/knowledge/recommendations/{recommendation.pk}/").content.decode()
    assert "Im Jugendhilfeausschuss Bochum eingebracht." in page
    assert "politics and administration, welfare providers" in page


def test_a_recommendation_addressed_to_nobody_is_refused(world):
    data = RecommendationInput(title="Ohne Adressaten", text="", basis="", addressees=())
    with pytest.raises(ValidationError):
        services.save_recommendation(world.agency_x, data, by=world.advisor_x)
    assert not Recommendation.objects.exists()


def test_the_list_filters_by_addressee(world, client):
    make_recommendation(world.agency_x, by=world.manager_x, title="An die Politik")
    make_recommendation(
        world.agency_x, by=world.manager_x, title="An die Vereine", addressees=("mos",)
    )
    make_recommendation(world.agency_x, by=world.advisor_x, title="Entwurf", status="draft")

    everything = client.get("/en/knowledge/recommendations/").content.decode()
    for_mos = client.get("/en/knowledge/recommendations/?addressee=mos").content.decode()

    assert "An die Politik" in everything and "An die Vereine" in everything
    assert "Entwurf" not in everything
    assert "An die Vereine" in for_mos and "An die Politik" not in for_mos


def test_the_update_is_read_in_the_readers_language(world, client):
    recommendation = make_recommendation(world.agency_x, by=world.manager_x)
    update = services.add_update(
        recommendation,
        services.UpdateInput(on=datetime.date(2026, 5, 4), text="Im Ausschuss eingebracht."),
        by=world.advisor_x,
    )
    content.set_texts(update, "en", {"text": "Raised in the committee."})

    page = client.get(f"/en/knowledge/recommendations/{recommendation.pk}/").content.decode()

    assert "Raised in the committee." in page


def test_the_list_reads_a_fixed_number_of_queries_for_one_and_three(world, client):
    pages = []

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/ar/knowledge/recommendations/")
        pages.append(response.content.decode())
        return len(ctx.captured_queries)

    first = make_recommendation(world.agency_x, by=world.manager_x, title="Eins")
    services.add_update(
        first, services.UpdateInput(on=datetime.date(2026, 1, 1), text="A"), by=world.manager_x
    )
    one = count()
    for title in ("Zwei", "Drei"):
        other = make_recommendation(world.agency_x, by=world.manager_x, title=title)
        services.add_update(
            other, services.UpdateInput(on=datetime.date(2026, 1, 2), text="B"), by=world.manager_x
        )
    assert count() == one
    assert "Eins" in pages[0] and "Zwei" not in pages[0]
    assert all(title in pages[1] for title in ("Eins", "Zwei", "Drei"))


def test_erasing_the_writer_of_an_update_keeps_the_update(world):
    recommendation = make_recommendation(world.agency_x, by=world.manager_x)
    services.add_update(
        recommendation,
        services.UpdateInput(on=datetime.date(2026, 5, 4), text="Eingebracht."),
        by=world.advisor_x,
    )
    erase(DataSubject(user=world.advisor_x), Scope())
    update = RecommendationUpdate.objects.get()
    assert (update.text, update.created_by) == ("Eingebracht.", None)
