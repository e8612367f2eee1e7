"""The registry of personal data: every model that names, mails or phones someone is declared,
and one export and one erasure per person cover every app that holds data about them."""

from __future__ import annotations

import datetime

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from gemeinsam.accounts.models import ApiToken
from gemeinsam.core import personal_data
from gemeinsam.core.personal_data import Scope
from gemeinsam.counselling import gdpr
from gemeinsam.events import services as event_services
from gemeinsam.events.models import Question
from gemeinsam.funding import services as funding_services
from gemeinsam.funding.models import Programme, ReadinessCheck, WatchedProgramme
from tests import factories
from tests.personal_data_scan import rows_naming

PERSONAL_WORDS = ("name", "email", "phone")


def _is_personal_looking(field) -> bool:
    name = field.name
    return isinstance(field, models.EmailField) or any(
        name == word or name.endswith(f"_{word}") for word in PERSONAL_WORDS
    )


def _our_models():
    return [m for m in apps.get_models() if m.__module__.startswith("gemeinsam.")]


def test_every_model_with_a_name_email_or_phone_field_is_registered_or_declared_not_personal():
    declared = set(personal_data.registered_models()) | set(personal_data.exempt_models())
    undeclared = [
        f"{model._meta.label}.{field.name}"
        for model in _our_models()
        for field in model._meta.concrete_fields
        if _is_personal_looking(field) and model._meta.label not in declared
    ]
    assert undeclared == []


def test_the_registry_names_real_models_each_once_and_says_why_a_model_is_not_personal():
    labels = [m for h in personal_data.holders() for m in h.models]
    exempt = personal_data.exempt_models()
    assert len(labels) == len(set(labels))
    for label in [*labels, *exempt]:
        assert apps.get_model(label)  # raises for a misspelt label
    assert set(labels).isdisjoint(exempt)
    assert all(len(reason) > 10 for reason in exempt.values())


def test_an_agency_scope_covers_agency_data_only():
    in_scope = {h.name for h in personal_data.holders() if h.applies_to(Scope({1}))}
    everything = {h.name for h in personal_data.holders() if h.applies_to(Scope())}
    assert in_scope == {"committees", "counselling", "events", "rooms", "surveys"}
    assert everything == in_scope | {
        "accounts",
        "agencies",
        "organizations",
        "funding",
        "knowledge",
        "tandems",
        "translations",
    }


@pytest.fixture
def leyla(world):
    """A member with something in every app: an account and token, a membership, a counselling
    request and case, a registration with an answer, a room booking, a saved readiness result
    and a watched programme."""
    user = factories.make_user("leyla.aydin@example.org", name="Leyla Aydın")
    ApiToken.issue(user=user, name="Leyla Aydıns Kalender")
    factories.make_membership(world.org_a, user)
    request = factories.make_request(
        user=user, email="leyla.aydin@example.org", phone="0151 2345678"
    )
    factories.make_case(
        world.agency_x,
        advisors=[world.advisor_x],
        contacts=[request.contact],
        title="Vereinsgründung Leyla Aydın",
    )
    event = factories.make_event(world.agency_x, "Workshop Förderanträge")
    question = Question.objects.create(event=event, label="Kinderbetreuung?", kind="text")
    event_services.register(
        event,
        [
            factories.person(
                "Leyla Aydın",
                email="leyla.aydin@example.org",
                answers={question.pk: "Leyla Aydın bringt zwei Kinder"},
                user_id=user.pk,
            )
        ],
        consent=True,
    )
    factories.make_booking(
        factories.make_room(world.agency_x), by=user, note="Für Leyla Aydıns Verein"
    )
    check = ReadinessCheck.objects.get(code="association")
    funding_services.save_result(
        world.org_a,
        check.current_rules,
        {"legal_form": "registered_association"},
        as_of=datetime.date(2026, 5, 1),
        by=user,
    )
    programme = Programme.objects.order_by("pk").first()
    WatchedProgramme.objects.create(user=user, programme=programme)
    return user


def test_my_data_covers_every_app_that_holds_personal_data(leyla, client_for):
    response = client_for(leyla).get(reverse("counselling:my-data-export"))
    data = response.json()

    assert data["account"]["email"] == "leyla.aydin@example.org"
    assert [t["name"] for t in data["api_tokens"]] == ["Leyla Aydıns Kalender"]
    assert data["person"]["phone"] == "0151 2345678"
    assert [c["title"] for c in data["cases"]] == ["Vereinsgründung Leyla Aydın"]
    assert [m["organization"] for m in data["organization_memberships"]] == [
        "Verein A für Jugendarbeit"
    ]
    [registration] = data["event_registrations"]
    assert registration["answers"] == [
        {"question": "Kinderbetreuung?", "answer": "Leyla Aydın bringt zwei Kinder"}
    ]
    assert [b["note"] for b in data["room_bookings"]] == ["Für Leyla Aydıns Verein"]
    assert [r["organization"] for r in data["readiness_results"]] == ["Verein A für Jugendarbeit"]
    assert len(data["watch_list"]) == 1
    assert data["staff_memberships"] == [] and data["invitations"] == []


def test_one_erasure_of_everything_leaves_the_person_named_nowhere(
    leyla, django_capture_on_commit_callbacks
):
    subject = gdpr.subject_of_user(leyla)
    assert rows_naming("Leyla", "Aydın", "leyla.aydin@example.org", "2345678")

    with django_capture_on_commit_callbacks(execute=True):
        counts = personal_data.erase(subject, Scope())

    assert rows_naming("Leyla", "Aydın", "leyla.aydin@example.org", "2345678") == []
    assert counts == {
        "counselling": 1,
        "events": 1,
        "rooms": 1,
        "funding": 2,
        "organizations": 1,
        "agencies": 0,
        "accounts": 1,
        "translations": 0,
        "committees": 0,
        "surveys": 0,
        "knowledge": 0,
        "tandems": 0,
    }
    leyla.refresh_from_db()
    assert (leyla.is_active, leyla.has_usable_password()) == (False, False)
    assert not WatchedProgramme.objects.exists()


def test_an_erasure_is_all_or_nothing(leyla, monkeypatch):
    """A holder that fails undoes the others' erasure too."""

    def broken(subject, scope):
        raise RuntimeError("disk full")

    monkeypatch.setitem(
        personal_data._holders,
        "zz-broken",
        personal_data.Holder("zz-broken", (), lambda s, c: {}, broken, False, 999),
    )
    with pytest.raises(RuntimeError):
        personal_data.erase(gdpr.subject_of_user(leyla), Scope())

    leyla.refresh_from_db()
    assert (leyla.name, leyla.is_active) == ("Leyla Aydın", True)
    assert rows_naming("Leyla Aydın")
