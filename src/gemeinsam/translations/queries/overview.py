"""The overview: every item the person may translate, with how much of it is missing, outdated
or machine-translated in one language.

A paragraph's state follows from comparing its remembered German with today's (`core.content`),
which SQL cannot do, so the overview reads every item the person may translate and counts in
Python, in a fixed number of queries: one per kind for the items, one per kind of child for
the children, one per model for the translations. That suits the hundreds of items an agency
keeps; a kind with tens of thousands (the directory) should register a `visible` that returns
what the person may change.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db import models
from django.db.models import prefetch_related_objects

from gemeinsam.core import content
from gemeinsam.core.models import Translatable

from ..enums import OverviewFilter, ParagraphState
from .editor import state_of
from .items import Item


@dataclass
class Row:
    item: Item
    total: int = 0
    missing: int = 0
    outdated: int = 0
    machine: int = 0
    at_agency: bool = False

    def matches(self, wanted: str) -> bool:
        if wanted == OverviewFilter.MISSING:
            return self.missing > 0
        if wanted == OverviewFilter.OUTDATED:
            return self.outdated > 0
        if wanted == OverviewFilter.MACHINE:
            return self.machine > 0
        if wanted == OverviewFilter.DONE:
            return not (self.missing or self.outdated or self.machine)
        return True


def _children_relations(model: type[models.Model]) -> list[str]:
    """The rows that belong to an item and are translated with it: translatable models whose
    foreign key to it deletes them with it (an event's questions). Loaded ahead, so the
    registry's `children(obj)` reads them from memory when it asks `obj.questions.all()`."""
    return [
        rel.get_accessor_name()
        for rel in model._meta.related_objects
        if rel.one_to_many
        and issubclass(rel.related_model, Translatable)
        and rel.on_delete is models.CASCADE
    ]


def _count(row: Row, obj: Translatable, language: str) -> None:
    for name in type(obj).translated_fields:
        for part in content.parts(obj, name, language):
            row.total += 1
            state = state_of(part)
            if state == ParagraphState.MISSING:
                row.missing += 1
            elif state == ParagraphState.OUTDATED:
                row.outdated += 1
            elif state == ParagraphState.MACHINE:
                row.machine += 1
        found = content.translation_of(obj, name, language)
        row.at_agency |= bool(found and found.in_translation_since)


def translatable_items(user, kind: str = "") -> list[Item]:
    """The items the person may translate, kind by kind."""
    items = []
    entries = sorted(content.registered(), key=lambda e: str(e.model._meta.verbose_name_plural))
    for entry in entries:
        if kind and entry.label != kind:
            continue
        objects = [
            obj
            for obj in entry.visible(user).select_related()
            if user.has_perm(entry.permission, obj)
        ]
        if objects:
            prefetch_related_objects(objects, *_children_relations(entry.model))
        items += [Item(entry, obj) for obj in objects]
    return items


def overview(user, language: str, *, status: str = "", kind: str = "") -> list[Row]:
    items = translatable_items(user, kind)
    units = {id(item): item.entry.units(item.obj) for item in items}
    by_model = defaultdict(list)
    for found in units.values():
        for obj in found:
            by_model[type(obj)].append(obj)
    for objects in by_model.values():
        content.prefetch(objects, language)
    rows = []
    for item in items:
        row = Row(item)
        for obj in units[id(item)]:
            _count(row, obj, language)
        if row.total and row.matches(status):
            rows.append(row)
    return rows
