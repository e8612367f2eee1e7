"""Inline rows as typed input: an event's questions, an organization's recognitions …

A row input is a frozen dataclass with the row's editable attributes (by attribute name, so a
foreign key is `type_id`), plus `id` (None for a new row) and `delete`. The web's inline
formsets become such rows with `changed_rows()`; services apply them with `save_rows()`.
Rows not named are left as they are, the way a formset's `save()` leaves unchanged forms.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields

from django.db import models

ROW_KEYS = ("id", "delete")


def _values(row) -> list[str]:
    return [f.name for f in fields(row) if f.name not in ROW_KEYS]


def _cleaned(form, name: str):
    """A row input's attribute from a form's cleaned data; `type_id` from the form's `type`."""
    if name not in form.cleaned_data and name.endswith("_id"):
        row = form.cleaned_data[name.removesuffix("_id")]
        return None if row is None else row.pk
    return form.cleaned_data[name]


def changed_rows(formset, row_type) -> tuple:
    """The rows a valid inline formset changes, as `row_type` inputs, picked the way its
    `save()` picks them: existing rows marked for removal or changed, and new rows filled in
    and not marked for removal. Its forms' cleaned data hold every attribute of `row_type`
    (a foreign key's `x_id` as the row `x`)."""
    if formset is None:
        return ()
    removed = formset.deleted_forms
    names = _values(row_type)
    rows = []
    for form in formset.initial_forms:
        if form.instance.pk is None:
            continue
        if form in removed:
            rows.append(row_type(id=form.instance.pk, delete=True))
        elif form.has_changed():
            rows.append(row_type(**{n: _cleaned(form, n) for n in names}, id=form.instance.pk))
    for form in formset.extra_forms:
        if form.has_changed() and form not in removed:
            rows.append(row_type(**{n: _cleaned(form, n) for n in names}))
    return tuple(rows)


def save_rows(model: type[models.Model], rows: Iterable, **parent) -> None:
    """Create, change or remove the parent's rows of `model` as `rows` say; `parent` names it
    (`event=event`). Each row is checked with `full_clean()` before it is saved. A row id that
    is not one of the parent's raises `ValueError` and writes nothing."""
    rows = list(rows)
    named = {row.id for row in rows if row.id is not None}
    existing = model.objects.filter(pk__in=named, **parent).in_bulk()
    if named - existing.keys():
        missing = sorted(named - existing.keys())
        raise ValueError(f"{model.__name__} {missing} does not belong to {parent}")
    for row in rows:
        if row.delete:
            if row.id is not None:
                existing[row.id].delete()
            continue
        stored = existing[row.id] if row.id is not None else model(**parent)
        for name in _values(row):
            value = getattr(row, name)
            setattr(stored, name, list(value) if isinstance(value, tuple) else value)
        stored.full_clean(exclude=list(parent))
        stored.save()
