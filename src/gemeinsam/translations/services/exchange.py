"""XLIFF 2.0 out to a translation agency and back in.

Export marks every exported field `in_translation_since` (integreat-cms's lock: the editor warns
that the text is at the agency). Import checks every unit before anything is written and writes
all in one transaction, or nothing: the language, each item (unknown or invisible to the person,
or not theirs to translate), each unit (a field or paragraph that does not exist), and above all
the source: a unit whose German is no longer today's German paragraph was made from an outdated
text, and the file is refused with the item, field and paragraph named.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gemeinsam.core import content
from gemeinsam.core.enums import TranslationStatus
from gemeinsam.core.models import ContentTranslation

from .. import xliff
from ..enums import target_languages
from ..inputs import Refused
from ..queries import Item, unit_of, units_of
from ..queries.editor import prefetched_units
from ..queries.items import find


def _label(obj, name: str) -> str:
    return str(type(obj)._meta.get_field(name).verbose_name)


def _file(item: Item, language: str) -> xliff.File:
    found = xliff.File(item.unit, str(item.obj))
    for unit, obj in prefetched_units(item, language):
        for name in type(obj).translated_fields:
            source = content.source_units(obj, name)
            parts = content.parts(obj, name, language)
            lined_up = len(parts) == len(source)
            for index, paragraph in enumerate(source):
                part = parts[index] if lined_up else None
                # Only a current translation goes out as the target: an outdated one returned
                # unchanged would come back as a translation of today's German.
                current = part and part.language == language
                current = current and part.status == TranslationStatus.UP_TO_DATE
                found.paragraphs.append(
                    xliff.Paragraph(
                        unit,
                        name,
                        index,
                        paragraph,
                        part.text if current else "",
                        _label(obj, name),
                    )
                )
    return found


def _lock(items: Iterable[Item], language: str, now) -> None:
    for item in items:
        for _unit, obj in units_of(item):
            kind = ContentType.objects.get_for_model(obj)
            for name in type(obj).translated_fields:
                if not content.source_units(obj, name):
                    continue
                ContentTranslation.objects.update_or_create(
                    content_type=kind,
                    object_id=obj.pk,
                    field=name,
                    language=language,
                    defaults={"in_translation_since": now},
                )


def export_xliff(user, items: list[Item], language: str) -> bytes:
    """One XLIFF 2.0 document for the items (already fetched through the person), and the
    lock on each of their fields in `language`."""
    document = xliff.Document(language, [_file(item, language) for item in items])
    data = xliff.write(document)
    with transaction.atomic():
        _lock(items, language, timezone.now())
    return data


@dataclass(frozen=True)
class Imported:
    language: str
    items: int
    paragraphs: int


def _same(a: str, b: str) -> bool:
    # A translation tool may fold white space; the words must be the same.
    return " ".join(a.split()) == " ".join(b.split())


def _plan(user, document: xliff.Document, problems: list[str]):
    """Every unit checked against today's content; (object, field) → {index: text}."""
    plan: dict = defaultdict(dict)
    items = []
    for found in document.files:
        item = find(user, found.item.label, found.item.pk)
        if item is None:
            problems.append(
                _("The file names %(item)s, which you do not know.") % {"item": found.item.key}
            )
            continue
        if not user.has_perm(item.entry.permission, item.obj):
            problems.append(_("You may not translate “%(item)s”.") % {"item": item.obj})
            continue
        items.append(item)
        for paragraph in found.paragraphs:
            obj = unit_of(item, paragraph.unit)
            fields = type(obj).translated_fields if obj is not None else {}
            if paragraph.field not in fields:
                problems.append(
                    _("“%(item)s” has no field %(field)s (unit %(unit)s).")
                    % {"item": item.obj, "field": paragraph.field, "unit": paragraph.unit_id}
                )
                continue
            source = content.source_units(obj, paragraph.field)
            index = paragraph.index
            if index >= len(source) or not _same(source[index], paragraph.source):
                problems.append(
                    _(
                        "“%(item)s”, %(field)s, paragraph %(number)s: the German text has "
                        "changed since this file was made. Export the item again and have the "
                        "new text translated."
                    )
                    % {"item": item.obj, "field": _label(obj, paragraph.field), "number": index + 1}
                )
                continue
            if paragraph.target:
                plan[(obj, paragraph.field)][index] = paragraph.target
    return plan, items


def _release(items: list[Item], language: str) -> None:
    for item in items:
        for _unit, obj in units_of(item):
            ContentTranslation.objects.filter(
                content_type=ContentType.objects.get_for_model(obj),
                object_id=obj.pk,
                language=language,
            ).update(in_translation_since=None)


def import_xliff(user, data: bytes, *, language: str | None = None) -> Imported:
    """Reads an agency's file and stores its translations, all or nothing (`Refused` lists
    every problem found; then nothing is written)."""
    document = xliff.read(data)
    found = document.target_language
    if found not in dict(target_languages()):
        raise Refused(
            [
                _("The file is for a language we do not translate into: %(language)s.")
                % {"language": found or "?"}
            ]
        )
    if language and found != language:
        raise Refused(
            [
                _("The file is in %(found)s, not in %(expected)s.")
                % {"found": found, "expected": language}
            ]
        )
    problems: list[str] = []
    plan, items = _plan(user, document, problems)
    if problems:
        raise Refused(problems)
    with transaction.atomic():
        for (obj, name), texts in plan.items():
            source = content.source_units(obj, name)
            parts = content.parts(obj, name, found)
            current = (
                [part.text if part.language == found else "" for part in parts]
                if len(parts) == len(source)
                else [""] * len(source)
            )
            for index, text in texts.items():
                current[index] = text
            content.save_translation(obj, name, found, current, by=user, confirmed=list(texts))
        _release(items, found)
    return Imported(found, len(items), sum(len(texts) for texts in plan.values()))
