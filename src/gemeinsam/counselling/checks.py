"""The notes key is checked at start: a wrong key stops the server with a clear message."""

from django.core import checks

from .crypto import NotesKeyError, verify_keys


@checks.register(checks.Tags.database)
def notes_key_opens_stored_notes(app_configs, **kwargs):
    try:
        verify_keys()
    except NotesKeyError as exc:
        return [checks.Error(str(exc), id="counselling.E001")]
    return []
