"""The demo's data files are checked when `gemeinsam demo` reads them: a malformed one stops the
command with an error naming the file and the record, before anything is written."""

import shutil
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gemeinsam.demo import records
from gemeinsam.demo.loader import check_data
from gemeinsam.organizations.models import Organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(tmp_path):
    """A copy of the demo's data files to break."""
    folder = tmp_path / "data"
    shutil.copytree(records.FOLDER, folder)
    return folder


def _replace(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _demo(folder) -> str:
    """What `gemeinsam demo` says when it stops."""
    with pytest.raises(CommandError) as stopped:
        call_command("demo", "--no-serve", "--data", str(folder), stdout=StringIO())
    return str(stopped.value)


def test_an_unchanged_copy_is_read_as_the_shipped_data(data):
    with records.reading_from(data):
        check_data()


def test_a_value_of_the_wrong_kind_names_the_file_the_record_and_the_field(data):
    _replace(data / "events.yaml", "    capacity: 12\n", "    capacity: zwölf\n")
    message = _demo(data)
    assert "events.yaml" in message
    assert "'workshop-anerkennung-auslaendischer-abschluesse' › capacity" in message
    assert "expected a whole number, found 'zwölf'" in message
    assert Organization.objects.count() == 0  # stopped before writing


def test_an_unknown_field_is_named_with_the_ones_the_record_knows(data):
    _replace(data / "rooms.yaml", "    kind: meeting_room\n", "    knid: meeting_room\n")
    message = _demo(data)
    assert "rooms.yaml" in message
    assert "rooms › #3: unknown field 'knid' (known: slug, name, kind," in message


def test_a_person_nobody_knows_is_named_by_the_handle(data):
    cases = data / "counselling" / "cases.yaml"
    _replace(cases, "    advisors: [lena]\n", "    advisors: [lina]\n")
    message = _demo(data)
    assert "cases.yaml" in message
    assert "'bochum' › advisors › #1: nobody in people.yaml has the handle 'lina'" in message


def test_a_time_without_quotes_says_how_to_write_it(data):
    _replace(data / "events.yaml", "      starts: '18:30'\n", "      starts: 18:30\n")
    message = _demo(data)
    assert "'abendveranstaltung-freie-wohlfahrtspflege-muenster' › when › starts" in message
    assert "expected a time of day in quotes, such as '17:00', found 1110" in message


def test_a_file_that_is_not_yaml_names_its_line(data):
    _replace(data / "people.yaml", "  rania:\n", "  rania: [\n")
    message = _demo(data)
    assert "people.yaml: not valid YAML in line" in message


def test_a_missing_file_is_named(data):
    (data / "funding.yaml").unlink()
    message = _demo(data)
    assert "funding.yaml: cannot be read (No such file or directory)" in message


def test_a_translated_list_that_does_not_fit_its_german_is_named(data):
    _replace(
        data / "events_texts.yaml",
        "          choices: [None, Arabic, Turkish]\n",
        "          choices: [None, Arabic]\n",
    )
    message = _demo(data)
    assert "events_texts.yaml" in message
    assert (
        "events › online-podium-vielfalt-in-der-wohlfahrt › en › questions › 2 › choices: "
        "2 items for the 3 of the German"
    ) in message
    assert Organization.objects.count() == 0  # stopped before writing


def test_a_room_translation_with_an_item_too_many_is_named(data):
    _replace(
        data / "rooms.yaml",
        "        equipment: [HDMI bağlantılı ekran, Konferans özellikli telefon]\n",
        "        equipment: [HDMI bağlantılı ekran, Konferans özellikli telefon, Kahve]\n",
    )
    message = _demo(data)
    assert "rooms.yaml: rooms › #3 › translations › tr › equipment: 3 items for the 2" in message
