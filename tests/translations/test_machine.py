"""Machine translation through a pluggable backend: off unless configured, given the glossary,
and marked to readers until a person checks it."""

from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from gemeinsam.core import content
from gemeinsam.core.models import ContentTranslation
from gemeinsam.translations import services
from gemeinsam.translations.queries import item_for

from .conftest import DESCRIPTION, edit_url


def _machine_url(event, language="tr"):
    return reverse("translations:item-machine", args=["events.event", event.pk, language])


def test_without_a_backend_the_button_is_hidden_and_the_address_is_not_there(
    event, world, client_for, settings
):
    settings.GEMEINSAM_MACHINE_TRANSLATION = None
    client = client_for(world.advisor_x)
    page = client.get(edit_url(event, "tr")).content.decode()
    assert "Machine-translate the missing and outdated paragraphs" not in page
    assert client.post(_machine_url(event)).status_code == 404
    assert not ContentTranslation.objects.exists()


def test_the_backend_translates_missing_and_outdated_paragraphs_with_the_glossary(
    event, world, client_for, machine_on
):
    content.save_translation(
        event, "description", "tr", ["Davet ediyoruz.", "Saat 10.", "Başvuru."]
    )
    event.description = DESCRIPTION.replace("10 Uhr", "11 Uhr")
    event.save()
    client = client_for(world.advisor_x)
    assert (
        "Machine-translate the missing and outdated paragraphs"
        in client.get(edit_url(event, "tr")).content.decode()
    )

    response = client.post(_machine_url(event))

    assert response.status_code == 302
    (call,) = machine_on.calls
    assert (call["source"], call["target"]) == ("de", "tr")
    assert call["glossary"]["Kita"] == "kreş (Kita)"
    # Only the outdated paragraph of the description, besides the untranslated fields.
    assert "Das Programm beginnt um 11 Uhr in der Kita." in call["texts"]
    assert "Wir laden Migrantenorganisationen ein." not in call["texts"]
    event.refresh_from_db()
    parts = content.parts(event, "description", "tr")
    assert [(p.text, p.status, p.machine) for p in parts] == [
        ("Davet ediyoruz.", "up_to_date", False),
        ("[tr] Das Programm beginnt um 11 Uhr in der kreş (Kita).", "up_to_date", True),
        ("Başvuru.", "up_to_date", False),
    ]
    question = event.questions.get()
    assert content.text(question, "label", "tr") == "[tr] Brauchen Sie eine Dolmetschung?"


def test_readers_see_machine_text_marked_until_a_person_checks_it(
    event, world, client_for, machine_on
):
    client_for(world.advisor_x).post(_machine_url(event, "ar"))
    event.refresh_from_db()
    template = Template('{% load content %}{% translated event "description" %}')
    with translation.override("ar"):
        html = template.render(Context({"event": event}))
    assert "[ar] Wir laden" in html
    assert "translated-machine" in html


def test_a_failing_backend_stores_nothing_and_says_why(
    event, world, client_for, machine_on, settings
):
    settings.GEMEINSAM_MACHINE_TRANSLATION_OPTIONS = {"fail": True}
    response = client_for(world.advisor_x).post(_machine_url(event), follow=True)
    assert (
        "The machine translation failed: the service is not reachable" in response.content.decode()
    )
    assert not ContentTranslation.objects.exclude(segments=[]).exists()


def test_nothing_left_to_translate_asks_the_backend_nothing(event, world, machine_on):
    item = item_for(world.advisor_x, "events.event", event.pk)
    for unit in item.entry.units(event):
        for name in type(unit).translated_fields:
            source = content.source_units(unit, name)
            if source:
                content.save_translation(unit, name, "ar", [f"ت {i}" for i in range(len(source))])
    assert services.machine_translate(world.advisor_x, item, "ar") == 0
    assert machine_on.calls == []
