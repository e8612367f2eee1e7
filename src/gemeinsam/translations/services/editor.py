"""What the editor writes: a save of many fields, machine translations, reviewer comments."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gemeinsam.core import content
from gemeinsam.core.enums import Origin, TranslationStatus

from .. import machine
from ..enums import SOURCE
from ..inputs import CommentInput, FieldTexts, Refused
from ..models import TranslationComment
from ..queries import Item, glossary_for, unit_of, units_of


def _unit(item: Item, texts) -> object:
    obj = unit_of(item, texts.unit)
    if obj is None or texts.field not in type(obj).translated_fields:
        raise Refused([_("This page no longer fits the content. Open it again.")])
    return obj


@transaction.atomic
def save_translations(user, item: Item, language: str, fields: Iterable[FieldTexts]) -> int:
    """Stores the editor's fields through `core.content` (one transaction: all or nothing).
    Returns how many fields were written."""
    written = 0
    for texts in fields:
        obj = _unit(item, texts)
        try:
            content.save_translation(
                obj,
                texts.field,
                language,
                list(texts.texts),
                by=user,
                confirmed=texts.confirmed,
            )
        except ValueError:
            raise Refused(
                [_("The German text has changed while you were translating. Check it again.")]
            ) from None
        written += 1
    return written


def _current(obj, name: str, language: str) -> tuple[list[str], list[int]]:
    """The field's translation per paragraph of today's German, and the paragraphs a machine
    should translate (missing or outdated). A field kept as one text for the whole German is
    translated again only when that text is outdated."""
    source = content.source_units(obj, name)
    found = content.parts(obj, name, language)
    if len(found) != len(source):
        if found and found[0].status == TranslationStatus.UP_TO_DATE:
            return [], []
        return [""] * len(source), list(range(len(source)))
    texts = [part.text if part.language == language else "" for part in found]
    todo = [i for i, part in enumerate(found) if part.status != TranslationStatus.UP_TO_DATE]
    return texts, todo


def machine_translate(user, item: Item, language: str) -> int:
    """Has the configured backend translate every missing or outdated paragraph of the item
    and its children, with the language pair's glossary; stores them as machine-translated.
    Returns the number of paragraphs translated. The backend is asked before the transaction
    (it may take seconds); nothing is written when it fails."""
    engine = machine.backend()
    if engine is None:
        raise Refused([_("Machine translation is not set up.")])
    jobs, sources = [], []
    for _unit_key, obj in units_of(item):
        content.prefetch([obj], language)
        for name in type(obj).translated_fields:
            texts, todo = _current(obj, name, language)
            if todo:
                jobs.append((obj, name, texts, todo))
                source = content.source_units(obj, name)
                sources += [source[i] for i in todo]
    if not sources:
        return 0
    try:
        translated = engine.translate(
            sources, source=SOURCE, target=language, glossary=glossary_for(language)
        )
    except machine.MachineTranslationError as error:
        raise Refused([_("The machine translation failed: %(error)s") % {"error": error}]) from None
    if len(translated) != len(sources):
        raise Refused([_("The machine translation answered with the wrong number of texts.")])
    answers = iter(translated)
    with transaction.atomic():
        for obj, name, texts, todo in jobs:
            for index in todo:
                texts[index] = next(answers)
            content.save_translation(
                obj, name, language, texts, by=user, origin=Origin.MACHINE, confirmed=todo
            )
    return len(sources)


@transaction.atomic
def add_comment(user, item: Item, language: str, data: CommentInput) -> TranslationComment:
    data.check()
    obj = _unit(item, data)
    paragraphs = content.source_units(obj, data.field)
    if data.paragraph is not None and not 0 <= data.paragraph < len(paragraphs):
        raise Refused([_("There is no such paragraph.")])
    return TranslationComment.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        field=data.field,
        language=language,
        paragraph=data.paragraph,
        author=user,
        text=data.text.strip(),
    )


@transaction.atomic
def resolve_comment(user, comment: TranslationComment) -> TranslationComment:
    if comment.resolved_at is None:
        comment.resolved_by = user
        comment.resolved_at = timezone.now()
        comment.save(update_fields=["resolved_by", "resolved_at"])
    return comment
