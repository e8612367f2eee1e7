"""Internal notes are encrypted at rest; a wrong or broken key is a clear error, never garbage."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection

from gemeinsam.counselling import crypto, system_checks
from gemeinsam.counselling.models import Document, KeyCheck, Note, private_storage
from gemeinsam.counselling.services.timeline import add_document, add_note
from gemeinsam.counselling.system_checks import notes_key_opens_stored_notes
from gemeinsam.counselling.uploads import CheckedUpload
from tests import factories


@pytest.fixture
def keys(settings):
    """Set GEMEINSAM_NOTES_KEYS for a test and forget the cached Fernet around it."""

    def use(*values):
        settings.GEMEINSAM_NOTES_KEYS = list(values)
        crypto._fernet.cache_clear()

    yield use
    crypto._fernet.cache_clear()


def _raw(table: str, column: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table}")  # noqa: S608
        return [row[0] for row in cursor.fetchall()]


def test_a_note_is_stored_as_a_token_and_read_back_as_text(world):
    case = factories.make_case(world.agency_x, advisors=[world.advisor_x])
    add_note(case, body="Streit im Vorstand über die Satzung", by=world.advisor_x)

    (stored,) = _raw("counselling_note", "body")
    assert "Streit" not in stored
    assert stored.startswith("gAAAA")  # a Fernet token
    assert Note.objects.get().body == "Streit im Vorstand über die Satzung"


def test_the_key_check_is_written_once_and_passes_with_the_same_key(db, keys):
    keys(Fernet.generate_key().decode())
    system_checks.verify_keys()
    system_checks.verify_keys()
    assert KeyCheck.objects.count() == 1
    assert notes_key_opens_stored_notes(None) == []


def test_a_different_key_fails_the_start_check_with_a_clear_message(db, keys):
    keys(Fernet.generate_key().decode())
    system_checks.verify_keys()
    keys(Fernet.generate_key().decode())

    with pytest.raises(crypto.NotesKeyError, match="GEMEINSAM_NOTES_KEYS"):
        system_checks.verify_keys()
    (error,) = notes_key_opens_stored_notes(None)
    assert error.id == "counselling.E001"
    assert "key they were written with" in error.msg


def test_a_malformed_key_names_its_position(db, keys):
    keys(Fernet.generate_key().decode(), "not-a-key")
    with pytest.raises(crypto.NotesKeyError, match="key 2 is not a Fernet key"):
        crypto.encrypt("x")


def test_reading_a_note_with_the_wrong_key_raises_instead_of_showing_garbage(world, keys):
    keys(Fernet.generate_key().decode())
    case = factories.make_case(world.agency_x, advisors=[world.advisor_x])
    add_note(case, body="vertraulich", by=world.advisor_x)
    keys(Fernet.generate_key().decode())

    with pytest.raises(crypto.NotesKeyError):
        Note.objects.get()


def test_rotation_moves_every_note_to_the_new_key(world, keys):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    keys(old)
    system_checks.verify_keys()
    case = factories.make_case(world.agency_x, advisors=[world.advisor_x])
    add_note(case, body="erste Notiz", by=world.advisor_x)
    before = _raw("counselling_note", "body")

    keys(new, old)
    call_command("rotate_notes_keys", verbosity=0)
    keys(new)

    assert _raw("counselling_note", "body") != before
    assert Note.objects.get().body == "erste Notiz"
    system_checks.verify_keys()  # the check value was rotated too


def test_rotation_with_a_key_that_opens_nothing_stops_and_changes_nothing(world, keys):
    keys(Fernet.generate_key().decode())
    case = factories.make_case(world.agency_x, advisors=[world.advisor_x])
    add_note(case, body="erste Notiz", by=world.advisor_x)
    before = _raw("counselling_note", "body")
    keys(Fernet.generate_key().decode())

    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="cannot be opened"):
        call_command("rotate_notes_keys", verbosity=0)
    assert _raw("counselling_note", "body") == before


def test_the_development_key_is_a_valid_fernet_key_derived_from_the_secret():
    key = crypto.development_key("some secret")
    assert Fernet(key.encode())
    assert key == crypto.development_key("some secret")
    assert key != crypto.development_key("another secret")


def test_production_refuses_to_start_without_a_notes_key():
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "GEMEINSAM_ENV": "production",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "gemeinsam.example.org",
        "GEMEINSAM_NOTES_KEYS": "",
        "DJANGO_SETTINGS_MODULE": "gemeinsam.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "GEMEINSAM_NOTES_KEYS must be set" in result.stderr


def _stored_document(case, by, content: bytes, name="Finanzplan.txt"):
    upload = ContentFile(content, name=name)
    checked = CheckedUpload(name=name, content_type="text/plain", size=len(content))
    return add_document(case, by=by, upload=upload, checked=checked, is_shared=False)


def test_case_documents_are_encrypted_at_rest_and_rotation_moves_them_to_the_new_key(world, keys):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    keys(old)
    case = factories.make_case(world.agency_x, advisors=[world.advisor_x])
    document = _stored_document(case, world.advisor_x, b"Kontostand 1.234,56 EUR")
    path = Path(private_storage.path(document.file.name))
    before = path.read_bytes()
    assert b"Kontostand" not in before

    keys(new, old)
    call_command("rotate_notes_keys", verbosity=0)
    keys(new)

    assert path.read_bytes() != before
    with Document.objects.get().file.open("rb") as handle:
        assert handle.read() == b"Kontostand 1.234,56 EUR"


def test_a_document_stored_in_plain_before_is_read_and_encrypted_by_rotation(world, keys):
    keys(Fernet.generate_key().decode())
    case = factories.make_case(world.agency_x, advisors=[world.advisor_x])
    document = _stored_document(case, world.advisor_x, b"ignored")
    path = Path(private_storage.path(document.file.name))
    path.write_bytes(b"Protokoll der Vorstandssitzung")  # as stored before this release

    with Document.objects.get().file.open("rb") as handle:
        assert handle.read() == b"Protokoll der Vorstandssitzung"
    call_command("rotate_notes_keys", verbosity=0)

    assert b"Protokoll" not in path.read_bytes()
    with Document.objects.get().file.open("rb") as handle:
        assert handle.read() == b"Protokoll der Vorstandssitzung"


def test_a_document_no_key_opens_is_refused_not_served_as_it_is(world, keys):
    keys(Fernet.generate_key().decode())
    case = factories.make_case(world.agency_x, advisors=[world.advisor_x])
    _stored_document(case, world.advisor_x, b"Mitgliederliste")
    keys(Fernet.generate_key().decode())

    with pytest.raises(crypto.NotesKeyError):
        Document.objects.get().file.open("rb")
