"""Keeping the glossary."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ..inputs import GlossaryInput, Refused
from ..models import GlossaryEntry


def save_glossary_entry(data: GlossaryInput, entry: GlossaryEntry | None = None) -> GlossaryEntry:
    data.check()
    entry = entry or GlossaryEntry()
    entry.source_term = data.source_term.strip()
    entry.language = data.language
    entry.target_term = data.target_term.strip()
    entry.note = data.note.strip()
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:
        raise Refused([_("The glossary already has this term for this language.")]) from None
    return entry


@transaction.atomic
def delete_glossary_entry(entry: GlossaryEntry) -> None:
    entry.delete()
