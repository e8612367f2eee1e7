"""The fetcher: an item of content, reached through the registry and the person."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404

from gemeinsam.core import content
from gemeinsam.core.content import Editing
from gemeinsam.core.models import Translatable

from ..inputs import Unit


@dataclass(frozen=True)
class Item:
    """One item of content as the editor opens it: its registry entry and the object."""

    entry: Editing
    obj: Translatable

    @property
    def label(self) -> str:
        return self.entry.label

    @property
    def unit(self) -> Unit:
        return Unit(self.entry.label, self.obj.pk)

    @property
    def kind(self) -> str:
        return str(self.entry.model._meta.verbose_name)

    def __str__(self) -> str:
        return str(self.obj)


def find(user, label: str, pk: int) -> Item | None:
    """The item if the person may see it at all (else None), without asking for the right to
    translate it."""
    entry = content.editing(label)
    if entry is None:
        return None
    obj = entry.visible(user).filter(pk=pk).first()
    return Item(entry, obj) if obj is not None else None


def item_for(user, label: str, pk: int) -> Item:
    """What every page about one item does first: someone who may not see it gets 404 (an
    unknown kind too), someone who sees it without the right to translate it 403."""
    item = find(user, label, pk)
    if item is None:
        raise Http404
    if not user.has_perm(item.entry.permission, item.obj):
        raise PermissionDenied
    return item


def units_of(item: Item) -> list[tuple[Unit, Translatable]]:
    """The item and its children (an event's questions), in the editor's order."""
    return [(Unit(unit._meta.label_lower, unit.pk), unit) for unit in item.entry.units(item.obj)]


def unit_of(item: Item, unit: Unit) -> Translatable | None:
    for known, obj in units_of(item):
        if known == unit:
            return obj
    return None
