"""One check of a registration for the web form and the API (`events.inputs`)."""

from __future__ import annotations

import dataclasses

import pytest

from gemeinsam.events import inputs
from gemeinsam.events.forms.registration import RegistrationForm
from gemeinsam.events.models import Question
from gemeinsam.organizations.models import Organization
from tests import factories


@pytest.fixture
def event(world):
    event = factories.make_event(
        world.agency_x, "Workshop Vereinsfinanzen", consent_text="Wir speichern Ihre Angaben."
    )
    Question.objects.create(
        event=event, label="Interpretation", kind="single", choices=["ar", "tr"], required=True
    )
    return event


def test_it_lists_every_problem_by_field(world, event):
    question = event.questions.get()
    with pytest.raises(inputs.Invalid) as caught:
        inputs.registration(
            event,
            [question],
            name="  ",
            email="leyla@",
            answers={question.pk: "fr"},
            consent=False,
            organization_id=world.org_b.pk,
            organizations=Organization.objects.filter(pk=world.org_a.pk),
        )
    assert caught.value.errors == {
        "name": "This value must not be empty.",
        "email": "Enter a valid email address.",
        "organization_id": "There is no organization with this id.",
        f"answers.{question.pk}": "Please pick from the choices given.",
        "consent": "Please agree to the consent text.",
    }


def test_it_gives_the_person_with_clean_answers(event):
    question = event.questions.get()
    person = inputs.registration(
        event,
        [question],
        name="Leyla Aydın",
        email="leyla@example.org",
        answers={str(question.pk): " ar "},
        consent=True,
        language="tr",
    )
    assert person == inputs.Person(
        name="Leyla Aydın", email="leyla@example.org", language="tr", answers={question.pk: "ar"}
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        person.name = "Omar"  # type: ignore[misc]


def test_the_web_form_gives_the_same_person_as_the_check(event):
    question = event.questions.get()
    form = RegistrationForm(
        data={
            "name": "Leyla Aydın",
            "email": "leyla@example.org",
            f"question_{question.pk}": "ar",
            "consent": "on",
        },
        event=event,
    )
    assert form.is_valid(), form.errors
    assert form.person("ar") == inputs.registration(
        event,
        [question],
        name="Leyla Aydın",
        email="leyla@example.org",
        answers={question.pk: "ar"},
        consent=True,
        language="ar",
    )
