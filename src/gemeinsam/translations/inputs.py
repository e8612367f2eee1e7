"""Typed input for the translation services, shared by the editor, the upload and the commands."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .enums import target_languages


class Refused(Exception):
    """What was wrong, as messages for the person (in their language); nothing was written."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Unit:
    """One translatable row of an item: the item itself or one of its children."""

    label: str  # app_label.model
    pk: int

    @property
    def key(self) -> str:
        return f"{self.label}-{self.pk}"


@dataclass(frozen=True)
class FieldTexts:
    """One field's translation as the editor sends it: a text per paragraph of today's German
    (in order, "" for none) and the paragraphs marked "still correct"."""

    unit: Unit
    field: str
    texts: tuple[str, ...]
    confirmed: tuple[int, ...] = ()


@dataclass(frozen=True)
class CommentInput:
    unit: Unit
    field: str
    paragraph: int | None
    text: str

    def check(self) -> None:
        if not self.text.strip():
            raise Refused([_("Write a comment.")])


@dataclass(frozen=True)
class GlossaryInput:
    source_term: str
    language: str
    target_term: str
    note: str = ""

    def check(self) -> None:
        problems = []
        if not self.source_term.strip() or not self.target_term.strip():
            problems.append(_("Enter the German term and its translation."))
        if self.language not in dict(target_languages()):
            problems.append(_("Choose a language to translate into."))
        if problems:
            raise Refused(problems)
