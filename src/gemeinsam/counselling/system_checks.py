"""System checks (Django's `check` framework, not funding's readiness checks): the notes key is
checked at start, so a wrong key stops the server with a clear message, and production refuses
a key anyone could compute."""

from django.conf import settings
from django.core import checks
from django.db import DatabaseError

from gemeinsam.core.checks import DEVELOPMENT_SECRET_KEY

from .crypto import NotesKeyError, development_key, fernet
from .models import KeyCheck

CANARY = "gemeinsam notes key check"


def verify_keys() -> None:
    """Raise NotesKeyError unless the keys parse and open the stored check value.

    The check value is written with the current key the first time; a later start with a
    different key finds it unreadable and stops with a clear message.
    """
    fernet()
    try:
        check = KeyCheck.objects.filter(pk=1).first()
    except DatabaseError:  # not migrated yet: nothing stored, nothing to check
        return
    if check is None:
        KeyCheck.objects.get_or_create(pk=1, defaults={"value": CANARY})
        return
    if check.value != CANARY:
        raise NotesKeyError("The stored key check does not match; the notes key is wrong.")


def verify_keys_if_reachable() -> None:
    """verify_keys() at process start; a database that cannot be asked yet is not an error."""
    try:
        verify_keys()
    except NotesKeyError:
        raise
    except (DatabaseError, RuntimeError):  # RuntimeError: database access blocked (tests)
        return


@checks.register(checks.Tags.database)
def notes_key_opens_stored_notes(app_configs, **kwargs):
    try:
        verify_keys()
    except NotesKeyError as exc:
        return [checks.Error(str(exc), id="counselling.E001")]
    return []


@checks.register(checks.Tags.security)
def production_notes_keys_are_independent(app_configs, **kwargs):
    # Outside production the key is derived from SECRET_KEY; from the public development key
    # anyone can derive it, and from the installation's own SECRET_KEY whoever learns that one
    # (it signs every session) would read the notes too.
    if not getattr(settings, "PRODUCTION", False):
        return []
    derived = {development_key(DEVELOPMENT_SECRET_KEY), development_key(settings.SECRET_KEY)}
    return [
        checks.Error(
            f"GEMEINSAM_NOTES_KEYS: key {position} is derived from a SECRET_KEY (the one "
            "development uses), so it is no secret of its own.",
            hint="Make a key with `gemeinsam new_notes_key`, put it first in "
            "GEMEINSAM_NOTES_KEYS, run `gemeinsam rotate_notes_keys`, then drop the derived key.",
            id="counselling.E002",
        )
        for position, key in enumerate(settings.GEMEINSAM_NOTES_KEYS, start=1)
        if key in derived
    ]
