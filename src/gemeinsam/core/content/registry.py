"""Where the translation editor finds each kind of content, and who may translate it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..models import Translatable


@dataclass(frozen=True)
class Editing:
    """How the translation editor reaches one kind of content, registered by its app.

    `visible(user)` is the queryset of objects the person may see at all (others get 404),
    `permission` the Django permission that lets them change the translations (else 403), and
    `children(obj)` the other translatable rows edited with it (an event's questions), and
    `on_change(obj)` what must follow a saved translation (a search document rebuilt).
    """

    model: type[Translatable]
    permission: str
    visible: Callable
    children: Callable | None = None
    on_change: Callable | None = None

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    def units(self, obj: Translatable) -> list[Translatable]:
        """The object and its children, in the order the editor shows them."""
        return [obj, *(self.children(obj) if self.children else [])]


_EDITING: dict[str, Editing] = {}


def register(
    model: type[Translatable], *, permission: str, visible, children=None, on_change=None
) -> None:
    """Called from an app's `ready()`; the editor and the XLIFF exchange find content here."""
    entry = Editing(model, permission, visible, children, on_change)
    _EDITING[entry.label] = entry


def editing(label: str) -> Editing | None:
    return _EDITING.get(label.lower())


def registered() -> list[Editing]:
    return list(_EDITING.values())
