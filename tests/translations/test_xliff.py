"""XLIFF 2.0 for translation agencies: export, the lock, and an import that is all or nothing."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from lxml import etree

from gemeinsam.core import content
from gemeinsam.core.models import ContentTranslation
from gemeinsam.translations import services
from gemeinsam.translations.inputs import Refused
from gemeinsam.translations.queries import item_for
from tests import factories

from .conftest import ARABIC, DESCRIPTION, edit_url

NS = {"x": "urn:oasis:names:tc:xliff:document:2.0"}


def _export(client, language, *events):
    url = reverse("translations:export", args=[language])
    items = [f"events.event:{event.pk}" for event in events]
    return client.post(url, {"items": items})


def _units(data):
    root = etree.fromstring(data)
    return {
        unit.get("id"): (
            unit.findtext("x:segment/x:source", namespaces=NS),
            unit.findtext("x:segment/x:target", namespaces=NS),
        )
        for unit in root.iterfind(".//x:unit", NS)
    }


def _translated(data, texts):
    """The file as an agency sends it back: a target for each unit named in `texts`."""
    root = etree.fromstring(data)
    for unit in root.iterfind(".//x:unit", NS):
        if unit.get("id") in texts:
            segment = unit.find("x:segment", NS)
            target = segment.find("x:target", NS)
            if target is None:
                target = etree.SubElement(segment, f"{{{NS['x']}}}target")
            target.text = texts[unit.get("id")]
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _import(client, data):
    upload = io.BytesIO(data)
    upload.name = "from-the-agency.xlf"
    return client.post(reverse("translations:import"), {"file": upload})


def test_the_export_has_a_file_per_item_and_a_unit_per_paragraph(event, world, client_for):
    content.save_translation(event, "description", "ar", ARABIC)
    event.description = DESCRIPTION.replace("10 Uhr", "11 Uhr")
    event.save()
    second = factories.make_event(world.agency_x, title="Sprechstunde")

    response = _export(client_for(world.advisor_x), "ar", event, second)

    assert response["Content-Type"].startswith("application/xliff+xml")
    assert "attachment" in response["Content-Disposition"]
    root = etree.fromstring(response.content)
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.0", "de", "ar")
    assert [f.get("id") for f in root.iterfind("x:file", NS)] == [
        f"events.event-{event.pk}",
        f"events.event-{second.pk}",
    ]
    units = _units(response.content)
    question = event.questions.get()
    key = f"events.event-{event.pk}.description"
    assert units[f"{key}.0"] == ("Wir laden Migrantenorganisationen ein.", ARABIC[0])
    # The outdated paragraph goes out without its old translation.
    assert units[f"{key}.1"] == ("Das Programm beginnt um 11 Uhr in der Kita.", None)
    assert units[f"events.question-{question.pk}.choices.1"] == ("Nein", None)
    name = root.find(f".//x:unit[@id='{key}.2']", NS).get("name")
    assert name == "description.2"


def test_the_export_marks_the_texts_at_the_agency(event, world, client_for):
    client = client_for(world.advisor_x)
    _export(client, "tr", event)
    rows = ContentTranslation.objects.filter(language="tr", in_translation_since__isnull=False)
    assert {(row.object_id, row.field) for row in rows} >= {
        (event.pk, "title"),
        (event.pk, "description"),
    }
    assert "At the translation agency since" in client.get(edit_url(event, "tr")).content.decode()


def test_an_imported_file_stores_the_translations_and_lifts_the_lock(event, world, client_for):
    client = client_for(world.advisor_x)
    exported = _export(client, "ar", event).content
    key = f"events.event-{event.pk}"
    data = _translated(
        exported,
        {f"{key}.title.0": "حوار سوق العمل", f"{key}.description.1": "يبدأ البرنامج الساعة 10."},
    )

    response = _import(client, data)

    assert response.status_code == 302
    event.refresh_from_db()
    assert content.text(event, "title", "ar") == "حوار سوق العمل"
    parts = content.parts(event, "description", "ar")
    assert [p.status for p in parts] == ["missing", "up_to_date", "missing"]
    assert not ContentTranslation.objects.filter(in_translation_since__isnull=False).exists()
    assert (
        ContentTranslation.objects.get(field="title", language="ar").updated_by == world.advisor_x
    )


def test_a_file_made_from_an_outdated_german_is_refused_naming_it_and_nothing_is_stored(
    event, world, client_for
):
    second = factories.make_event(world.agency_x, title="Sprechstunde")
    client = client_for(world.advisor_x)
    exported = _export(client, "ar", second, event).content
    event.description = DESCRIPTION.replace("10 Uhr", "11 Uhr")
    event.save()
    data = _translated(
        exported,
        {
            f"events.event-{second.pk}.title.0": "ساعة الاستشارة",
            f"events.event-{event.pk}.description.1": "يبدأ البرنامج الساعة 10.",
        },
    )

    response = _import(client, data)

    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert errors == [
        "“Arbeitsmarktgespräch im Elternverein”, description, paragraph 2: the German text has "
        "changed since this file was made. Export the item again and have the new text translated."
    ]
    # The other item's unit, which was fine, was not stored either.
    second.refresh_from_db()
    assert content.status(second, "title", "ar") == "missing"
    assert not ContentTranslation.objects.exclude(segments=[]).exists()


def test_the_refusal_is_in_the_persons_language(event, world, client_for):
    client = client_for(world.advisor_x)
    exported = _export(client, "ar", event).content
    event.description = DESCRIPTION.replace("Wir laden", "Herzlich laden wir")
    event.save()
    data = _translated(exported, {f"events.event-{event.pk}.description.0": "ندعو"})
    upload = io.BytesIO(data)
    upload.name = "datei.xlf"
    response = client.post("/de/translations/import/", {"file": upload})
    assert response.context["form"].errors["file"] == [
        "„Arbeitsmarktgespräch im Elternverein“, Beschreibung, Absatz 1: Der deutsche Text hat "
        "sich geändert, seit diese Datei erstellt wurde. Exportieren Sie den Eintrag neu und "
        "lassen Sie den neuen Text übersetzen."
    ]


def _refused(user, data):
    with pytest.raises(Refused) as refused:
        services.import_xliff(user, data)
    return refused.value.problems


def test_files_for_other_languages_unknown_items_or_items_of_others_are_refused(event, world):
    item = item_for(world.advisor_x, "events.event", event.pk)
    exported = services.export_xliff(world.advisor_x, [item], "ar")
    key = f"events.event-{event.pk}"
    good = _translated(exported, {f"{key}.title.0": "حوار"})

    german = good.replace(b'trgLang="ar"', b'trgLang="de-DE"')
    assert _refused(world.advisor_x, german) == [
        "The file is for a language we do not translate into: de."
    ]
    assert _refused(world.advisor_y, good) == [f"The file names {key}, which you do not know."]
    unknown = good.replace(key.encode(), b"events.event-999999")
    assert _refused(world.advisor_x, unknown) == [
        "The file names events.event-999999, which you do not know."
    ]
    strange = good.replace(f"{key}.title.0".encode(), f"{key}.slug.0".encode())
    assert _refused(world.advisor_x, strange) == [
        f"“Arbeitsmarktgespräch im Elternverein” has no field slug (unit {key}.slug.0)."
    ]
    assert not ContentTranslation.objects.exclude(segments=[]).exists()


def test_someone_who_sees_an_item_but_may_not_change_it_cannot_import_into_it(
    event, world, public_events
):
    item = item_for(world.advisor_x, "events.event", event.pk)
    data = _translated(
        services.export_xliff(world.advisor_x, [item], "ar"),
        {f"events.event-{event.pk}.title.0": "حوار"},
    )
    assert _refused(world.member_a, data) == [
        "You may not translate “Arbeitsmarktgespräch im Elternverein”."
    ]


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="de" trgLang="ar">
<file id="events.event-1"><unit id="events.event-1.title.0"><segment>
<source>&c;</source></segment></unit></file></xliff>"""

EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="de" trgLang="ar">
<file id="events.event-1"><unit id="events.event-1.title.0"><segment>
<source>&secret;</source></segment></unit></file></xliff>"""


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (BOMB, "The file declares a DTD or entities, which an XLIFF file never needs."),
        (EXTERNAL, "The file declares a DTD or entities, which an XLIFF file never needs."),
        (b"<xliff><file>", "The file is not well-formed XML"),
        (
            b'<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"/>',
            "The file is not an XLIFF 2.0 document.",
        ),
        (
            b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" '
            b'trgLang="ar"/>',
            "The file is not translated from German (srcLang).",
        ),
    ],
    ids=["entity bomb", "external entity", "malformed", "xliff 1.2", "not from German"],
)
def test_broken_and_hostile_files_are_refused_with_a_clear_message(world, data, problem):
    problems = _refused(world.admin, data)
    assert len(problems) == 1 and problems[0].startswith(problem)


def test_the_import_page_shows_the_problem_at_the_file_field(world, client_for):
    response = _import(client_for(world.advisor_x), BOMB)
    assert response.status_code == 200
    page = response.content.decode()
    assert "The file declares a DTD or entities" in page and 'class="error-summary' in page


def test_the_commands_export_and_import_and_fail_with_a_message_not_a_traceback(
    event, world, tmp_path
):
    path = tmp_path / "agency.xlf"
    call_command(
        "export_xliff",
        f"events.event:{event.pk}",
        user=world.advisor_x.email,
        language="tr",
        output=str(path),
        stderr=io.StringIO(),
    )
    key = f"events.event-{event.pk}"
    path.write_bytes(_translated(path.read_bytes(), {f"{key}.title.0": "İşgücü piyasası sohbeti"}))
    out = io.StringIO()
    call_command("import_xliff", str(path), user=world.advisor_x.email, stdout=out)
    assert out.getvalue().strip() == "1 paragraphs imported into 1 items (tr)."
    event.refresh_from_db()
    assert content.text(event, "title", "tr") == "İşgücü piyasası sohbeti"

    path.write_bytes(BOMB)
    with pytest.raises(CommandError, match="Nothing was imported:\n- The file declares a DTD"):
        call_command("import_xliff", str(path), user=world.advisor_x.email)
    with pytest.raises(CommandError, match="No active account"):
        call_command("import_xliff", str(path), user="nobody@example.org")
    with pytest.raises(CommandError, match="no such item that you know"):
        call_command(
            "export_xliff", f"events.event:{event.pk}", user=world.advisor_y.email, language="ar"
        )
