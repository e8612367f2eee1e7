"""The side-by-side editor: German, the German as translated with its changes, the translation,
each paragraph's state; saving, confirming, and who reaches it."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from gemeinsam.core import content
from gemeinsam.core.enums import Origin
from gemeinsam.core.models import ContentTranslation

from .conftest import ARABIC, DESCRIPTION, edit_url, form_data


def _texts(response):
    return response.content.decode()


def _field_names(response, field="description"):
    form = response.context["form"]
    return [name for name in form.fields if f":{field}:" in name and not name.endswith(":ok")]


def test_the_editor_shows_german_the_change_since_translation_and_the_translation(
    event, world, client_for
):
    content.save_translation(event, "description", "ar", ARABIC)
    event.description = DESCRIPTION.replace("10 Uhr", "11 Uhr")
    event.save()

    response = client_for(world.advisor_x).get(edit_url(event))

    page = _texts(response)
    assert "Das Programm beginnt um <del>10</del><ins>11</ins> Uhr in der Kita." in page
    editor = response.context["editor"]
    block = next(b for b in editor.blocks if b.field == "description")
    assert [p.state for p in block.paragraphs] == ["up_to_date", "outdated", "up_to_date"]
    assert [p.text for p in block.paragraphs] == ARABIC
    # The outdated paragraph alone has a "still correct" box.
    assert [p.ok is not None for p in block.paragraphs] == [False, True, False]
    # The textareas are written right to left, in Arabic.
    textarea = str(block.paragraphs[1].bound)
    assert 'lang="ar"' in textarea and 'dir="rtl"' in textarea
    assert ARABIC[1] in textarea
    # The question (a child of the event) is edited on the same page.
    assert [b.field for b in editor.blocks if b.unit.label == "events.question"] == [
        "label",
        "choices",
    ]


def test_saving_stores_paragraphs_and_still_correct_confirms_an_outdated_one(
    event, world, client_for
):
    content.save_translation(event, "description", "ar", ARABIC)
    event.description = DESCRIPTION.replace("10 Uhr", "11 Uhr")
    event.save()
    client = client_for(world.advisor_x)
    page = client.get(edit_url(event))
    names = _field_names(page)

    data = form_data(page)
    data[f"{names[1]}:ok"] = "on"
    response = client.post(edit_url(event), data)

    assert response.status_code == 302
    event.refresh_from_db()
    assert [p.status for p in content.parts(event, "description", "ar")] == ["up_to_date"] * 3
    row = ContentTranslation.objects.get(object_id=event.pk, field="description", language="ar")
    assert row.updated_by == world.advisor_x


def test_a_new_text_for_a_missing_paragraph_is_stored_and_others_stay_missing(
    event, world, client_for
):
    client = client_for(world.advisor_x)
    page = client.get(edit_url(event, "tr"))
    names = _field_names(page)

    response = client.post(
        edit_url(event, "tr"), {**form_data(page), names[0]: "Göçmen örgütlerini davet ediyoruz."}
    )
    assert response.status_code == 302

    event.refresh_from_db()
    assert [p.status for p in content.parts(event, "description", "tr")] == [
        "up_to_date",
        "missing",
        "missing",
    ]
    assert content.text(event, "description", "tr").startswith("Göçmen örgütlerini")


def test_a_german_change_while_translating_saves_nothing(event, world, client_for):
    client = client_for(world.advisor_x)
    page = client.get(edit_url(event))
    names = _field_names(page)
    event.description = DESCRIPTION.replace("10 Uhr", "12 Uhr")
    event.save()

    data = {**form_data(page), **dict(zip(names, ARABIC, strict=True))}
    response = client.post(edit_url(event), data)

    assert response.status_code == 200
    assert "The German text has changed since you opened this page" in _texts(response)
    assert not ContentTranslation.objects.filter(language="ar").exists()


def test_a_machine_paragraph_stays_marked_until_a_person_checks_it(event, world, client_for):
    content.save_translation(event, "description", "ar", ARABIC, origin=Origin.MACHINE)
    client = client_for(world.advisor_x)
    response = client.get(edit_url(event))
    block = next(b for b in response.context["editor"].blocks if b.field == "description")
    assert [p.state for p in block.paragraphs] == ["machine"] * 3
    assert "machine-translated" in _texts(response)

    names = _field_names(response)
    # Saving the page as it stands approves nothing; the box of a checked paragraph does.
    assert client.post(edit_url(event), form_data(response)).status_code == 302
    event.refresh_from_db()
    assert [p.machine for p in content.parts(event, "description", "ar")] == [True] * 3
    data = {**form_data(response), f"{names[0]}:ok": "on"}
    assert client.post(edit_url(event), data).status_code == 302

    event.refresh_from_db()
    assert [p.machine for p in content.parts(event, "description", "ar")] == [False, True, True]


def test_the_editor_shows_glossary_terms_found_in_a_paragraph(event, world, client_for):
    response = client_for(world.advisor_x).get(edit_url(event))
    block = next(b for b in response.context["editor"].blocks if b.field == "description")
    hits = [[entry.source_term for entry in p.glossary] for p in block.paragraphs]
    assert hits == [["Migrantenorganisation"], ["Kita"], ["Antrag"]]
    assert "منظمة المهاجرين" in _texts(response)


def test_the_editor_warns_while_the_text_is_at_the_agency(event, world, client_for):
    ContentTranslation.objects.create(
        content_type=ContentType.objects.get_for_model(event),
        object_id=event.pk,
        field="title",
        language="ar",
        in_translation_since=datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC),
    )
    page = _texts(client_for(world.advisor_x).get(edit_url(event)))
    assert "At the translation agency since" in page


@pytest.mark.parametrize(
    ("who", "expected"),
    [("member_a", 404), ("advisor_y", 404), ("advisor_x", 200), ("admin", 200)],
)
def test_people_outside_the_agency_never_learn_the_item_exists(
    event, world, client_for, who, expected
):
    response = client_for(getattr(world, who)).get(edit_url(event))
    assert response.status_code == expected
    assert ("Arbeitsmarktgespräch" in _texts(response)) is (expected == 200)


def test_someone_who_sees_the_item_but_may_not_change_it_gets_403(
    event, world, client_for, public_events
):
    response = client_for(world.member_a).get(edit_url(event))
    assert response.status_code == 403
    assert "Arbeitsmarktgespräch" not in _texts(response)
    allowed = client_for(world.advisor_x).get(edit_url(event))
    assert allowed.status_code == 200 and "Arbeitsmarktgespräch" in _texts(allowed)


def test_a_visitor_is_sent_to_log_in_and_unknown_kinds_are_404(event, world, client_for):
    response = client_for(None).get(edit_url(event))
    assert response.status_code == 302 and "/login/" in response["Location"]
    unknown = reverse("translations:item-edit", args=["core.auditlogentry", 1, "ar"])
    response = client_for(world.admin).get(unknown)
    assert response.status_code == 404 and "<textarea" not in response.content.decode()
    german = f"/en/translations/events.event/{event.pk}/de/"
    response = client_for(world.admin).get(german)
    assert response.status_code == 404 and "Arbeitsmarktgespräch" not in _texts(response)


def test_the_editor_in_arabic_keeps_the_german_left_to_right(event, world, client_for):
    url = f"/ar/translations/events.event/{event.pk}/tr/"
    html = client_for(world.advisor_x).get(url).content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert '<p lang="de" dir="ltr">Wir laden Migrantenorganisationen ein.</p>' in html
    assert 'lang="tr" dir="ltr"' in html  # the Turkish textareas
    assert "الألمانية، الفقرة 1" in html
