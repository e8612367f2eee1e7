"""The translation tests' content: events and their questions, reached through the registry as
the events app registers them."""

import pytest
from django.urls import reverse

from gemeinsam.core import content
from gemeinsam.core.content import registry
from gemeinsam.core.models import ContentTranslation
from gemeinsam.events.models import Event
from gemeinsam.events.queries import events_visible_to
from tests import factories

from .machine_backend import PrefixBackend

DESCRIPTION = (
    "Wir laden Migrantenorganisationen ein.\n\n"
    "Das Programm beginnt um 10 Uhr in der Kita.\n\n"
    "Bitte stellen Sie vorher einen Antrag."
)
ARABIC = ["ندعو منظمات المهاجرين.", "يبدأ البرنامج الساعة 10 في الحضانة.", "يرجى تقديم طلب مسبقاً."]


@pytest.fixture
def public_events(monkeypatch):
    """Events registered as everyone sees them (published ones): a person who sees an event
    but may not change it gets 403."""
    entry = content.editing("events.event")
    monkeypatch.setitem(
        registry._EDITING,
        "events.event",
        registry.Editing(Event, entry.permission, events_visible_to, entry.children),
    )


@pytest.fixture
def event(world):
    event = factories.make_event(
        world.agency_x, title="Arbeitsmarktgespräch im Elternverein", description=DESCRIPTION
    )
    event.questions.create(
        label="Brauchen Sie eine Dolmetschung?", kind="single", choices=["Ja", "Nein"], position=1
    )
    return event


@pytest.fixture
def machine_on(settings):
    PrefixBackend.calls.clear()
    settings.GEMEINSAM_MACHINE_TRANSLATION = "tests.translations.machine_backend.PrefixBackend"
    settings.GEMEINSAM_MACHINE_TRANSLATION_OPTIONS = {}
    return PrefixBackend


def edit_url(event, language="ar"):
    return reverse("translations:item-edit", args=["events.event", event.pk, language])


def form_data(response) -> dict:
    """What the browser sends back: every textarea with its text (outdated boxes unticked)."""
    form = response.context["form"]
    return {
        name: field.initial or "" for name, field in form.fields.items() if not name.endswith(":ok")
    }


@pytest.fixture(autouse=True)
def _only_the_tests_own_translations(db):
    """The funding migration seeds the built-in programmes' translations; these tests count the
    rows they make themselves, so they start from none (rolled back with the test)."""
    ContentTranslation.objects.all().delete()
