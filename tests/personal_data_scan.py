"""Reading every text column of every table, to prove that an erased person is named nowhere.

It walks all installed models (ours, the libraries' and the many-to-many tables) through the
ORM, so encrypted columns are read as their plain text, and a new app's tables are covered
without being listed here.
"""

from __future__ import annotations

from django.apps import apps
from django.db import models

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField, models.FileField)


def text_columns():
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, TEXT_FIELDS) and not f.primary_key
        ]
        if fields:
            yield model, fields


def rows_naming(*needles: str) -> list[tuple[str, str, object, str]]:
    """(table, column, primary key, value) of every text value holding one of the needles,
    compared without regard to case."""
    wanted = [n.casefold() for n in needles if n]
    found = []
    for model, fields in text_columns():
        for row in model._default_manager.values_list("pk", *fields):
            pk, values = row[0], row[1:]
            for field, value in zip(fields, values, strict=True):
                text = str(value).casefold() if value not in (None, "") else ""
                if text and any(n in text for n in wanted):
                    found.append((model._meta.db_table, field, pk, str(value)[:120]))
    return found
