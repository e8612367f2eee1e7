"""The side-by-side editor's content: for every translated field of an item and its children,
paragraph by paragraph, today's German, the German as it was translated (the difference marked),
the translation, its state, the glossary's terms in it and the reviewers' comments."""

from __future__ import annotations

import datetime
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.safestring import SafeString

from gemeinsam.core import content
from gemeinsam.core.enums import TranslationStatus
from gemeinsam.core.models import Translatable

from ..compare import word_diff
from ..enums import SOURCE, ParagraphState
from ..inputs import Unit
from ..models import GlossaryEntry, TranslationComment
from .glossary import entries_for, glossary_hits
from .items import Item, units_of

TONES = {
    ParagraphState.UP_TO_DATE: "ok",
    ParagraphState.OUTDATED: "warn",
    ParagraphState.MISSING: "error",
    ParagraphState.MACHINE: "info",
}


@dataclass
class Paragraph:
    index: int
    source: str  # today's German
    before: str  # the German it was translated from ("" when there is no translation)
    diff: SafeString  # `before` → `source`, word by word
    text: str  # the translation ("" when missing)
    state: str
    name: str  # the form field's name; it carries a fingerprint of the German
    glossary: list[GlossaryEntry] = field(default_factory=list)
    bound: object = None  # the form's field, set by `EditorForm`
    ok: object = None  # its box to confirm it, for an outdated or machine paragraph

    @property
    def state_label(self) -> str:
        return str(ParagraphState(self.state).label)

    @property
    def tone(self) -> str:
        """The badge's tone for the state."""
        return TONES[self.state]


@dataclass
class Block:
    """One field of one unit (the item, or a child such as a question)."""

    unit: Unit
    obj: Translatable
    field: str
    label: str
    split: str
    paragraphs: list[Paragraph]
    comments: list[TranslationComment] = field(default_factory=list)
    whole: bool = False  # stored as one text for the whole field (an import, the demo)

    @property
    def key(self) -> str:
        return f"{self.unit.key}:{self.field}"

    @property
    def open_comments(self) -> list[TranslationComment]:
        return [c for c in self.comments if not c.resolved]


@dataclass
class Editor:
    item: Item
    language: str
    blocks: list[Block]
    at_agency_since: datetime.datetime | None = None

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [p for block in self.blocks for p in block.paragraphs]

    def count(self, state: str) -> int:
        return sum(1 for p in self.paragraphs if p.state == state)

    @property
    def counts(self) -> dict[str, int]:
        return {state: self.count(state) for state in ParagraphState.values}


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:10]


def field_name(unit: Unit, name: str, index: int, source: str) -> str:
    return f"{unit.key}:{name}:{index}:{fingerprint(source)}"


def state_of(part: content.Part) -> str:
    if part.status == TranslationStatus.MISSING:
        return ParagraphState.MISSING
    if part.status == TranslationStatus.OUTDATED:
        return ParagraphState.OUTDATED
    return ParagraphState.MACHINE if part.machine else ParagraphState.UP_TO_DATE


def _paragraphs(unit: Unit, obj, name: str, language: str, glossary) -> tuple[list, bool]:
    source = content.source_units(obj, name)
    found = content.parts(obj, name, language)
    whole = len(found) != len(source)
    result = []
    for index, paragraph in enumerate(source):
        part = found[0] if whole and index == 0 else None if whole else found[index]
        translated = part is not None and part.language != SOURCE
        before = part.translated_from if translated else ""
        result.append(
            Paragraph(
                index=index,
                source=paragraph,
                before=before,
                diff=word_diff(before, paragraph) if before and before != paragraph else "",
                text=part.text if translated else "",
                state=state_of(part) if part is not None else ParagraphState.MISSING,
                name=field_name(unit, name, index, paragraph),
                glossary=glossary_hits(paragraph, glossary),
            )
        )
    return result, whole and len(source) > 1


def prefetched_units(item: Item, language: str) -> list[tuple[Unit, Translatable]]:
    """The item's units with their translations into `language` loaded, one query per model."""
    units = units_of(item)
    by_model = defaultdict(list)
    for _unit, obj in units:
        by_model[type(obj)].append(obj)
    for objects in by_model.values():
        content.prefetch(objects, language)
    return units


def comments_filter(units: list[tuple[Unit, Translatable]], language: str) -> Q:
    """The comments on the units' translations into `language`, as a filter."""
    wanted = Q(pk__in=[])
    for _unit, obj in units:
        wanted |= Q(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)
    return wanted & Q(language=language)


def editor_comments(item: Item, language: str) -> Q:
    return comments_filter(units_of(item), language)


def comments_of(units: list[tuple[Unit, Translatable]], language: str):
    """The comments on the units' translations into `language`, by (unit, field): one query."""
    if not units:
        return {}
    found = defaultdict(list)
    rows = TranslationComment.objects.filter(comments_filter(units, language))
    for comment in rows.select_related("author", "resolved_by", "content_type"):
        label = comment.content_type.model_class()._meta.label_lower
        found[(Unit(label, comment.object_id), comment.field)].append(comment)
    return found


def editor(item: Item, language: str) -> Editor:
    units = prefetched_units(item, language)
    glossary = entries_for(language)
    comments = comments_of(units, language)
    blocks, since = [], []
    for unit, obj in units:
        model = type(obj)
        since += [r.in_translation_since for r in obj.translations.all() if r.in_translation_since]
        for name, split in model.translated_fields.items():
            paragraphs, whole = _paragraphs(unit, obj, name, language, glossary)
            if not paragraphs:
                continue
            blocks.append(
                Block(
                    unit=unit,
                    obj=obj,
                    field=name,
                    label=str(model._meta.get_field(name).verbose_name),
                    split=split,
                    paragraphs=paragraphs,
                    comments=comments.get((unit, name), []),
                    whole=whole,
                )
            )
    return Editor(item, language, blocks, min(since) if since else None)
