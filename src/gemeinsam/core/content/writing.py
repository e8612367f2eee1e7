"""Writing translations: a field's paragraphs, whole texts, and minor edits of the German."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from ..enums import Origin
from ..models import ContentTranslation, Translatable
from .reading import SOURCE, align, glue, paragraphs, parts, source_units
from .registry import editing


def _segment(source: str, text: str, origin: str, reviewed: bool) -> dict:
    return {"source": source, "text": text, "origin": origin, "reviewed": reviewed}


@transaction.atomic
def save_translation(
    obj: Translatable,
    name: str,
    language: str,
    texts: Sequence[str],
    *,
    by=None,
    origin: str = Origin.PERSON,
    confirmed: Iterable[int] = (),
) -> ContentTranslation:
    """Stores one field's translation, one text per paragraph of today's German (in order).

    A paragraph whose text is new, or whose index is in `confirmed` ("still right"), is
    recorded as made from today's German; an unchanged one keeps the German it was made from,
    so an outdated paragraph stays outdated until someone looks at it. An empty text leaves the
    paragraph missing. A person's text is reviewed; a machine's is not, until a person confirms
    it.
    """
    if language == SOURCE or language not in dict(settings.LANGUAGES):
        raise ValueError(f"not a target language: {language}")
    source = source_units(obj, name)
    if len(texts) != len(source):
        raise ValueError(f"{name}: {len(texts)} texts for {len(source)} paragraphs")
    confirmed = set(confirmed)
    before = {p.source: p for p in parts(obj, name, language) if p.language == language}
    segments = []
    for index, (paragraph, new_text) in enumerate(zip(source, texts, strict=True)):
        new_text = (new_text or "").strip()
        if not new_text:
            continue
        old = before.get(paragraph)
        if old and old.text == new_text and index not in confirmed:
            machine = old.machine
            segments.append(
                _segment(
                    old.translated_from,
                    new_text,
                    Origin.MACHINE if machine else Origin.PERSON,
                    not machine,
                )
            )
        else:
            is_person = origin == Origin.PERSON
            segments.append(_segment(paragraph, new_text, origin, is_person))
    row, _created = ContentTranslation.objects.update_or_create(
        content_type=_content_type(obj),
        object_id=obj.pk,
        field=name,
        language=language,
        defaults={"segments": segments, "updated_by": by},
    )
    _changed(obj)
    return row


def set_texts(
    obj: Translatable,
    language: str,
    values: Mapping[str, str],
    *,
    by=None,
    origin: str = Origin.PERSON,
) -> None:
    """Stores whole texts (a form's field, a demo record, an import) as translations of today's
    German: paragraph by paragraph where the paragraphs line up, else as one paragraph made
    from the whole German text (a reader then gets it whole)."""
    for name, value in values.items():
        split = type(obj).translated_fields[name]
        source = source_units(obj, name)
        texts = paragraphs(value, split=split)
        if len(texts) == len(source):
            save_translation(obj, name, language, texts, by=by, origin=origin)
            continue
        joined = glue(split).join(source)
        segments = [_segment(joined, glue(split).join(texts), origin, origin == Origin.PERSON)]
        ContentTranslation.objects.update_or_create(
            content_type=_content_type(obj),
            object_id=obj.pk,
            field=name,
            language=language,
            defaults={"segments": segments if texts else [], "updated_by": by},
        )
        _changed(obj)


@transaction.atomic
def minor_edit(obj: Translatable, before: Mapping[str, str]) -> None:
    """Carries every language's up-to-date paragraphs over to the German just saved.

    `before` holds the German of the changed fields as it was before the edit. A paragraph that
    was up to date then stays up to date; one that was already outdated stays outdated.
    """
    rows = list(
        ContentTranslation.objects.select_for_update().filter(
            content_type=_content_type(obj), object_id=obj.pk, field__in=list(before)
        )
    )
    for row in rows:
        old = paragraphs(before[row.field], split=type(obj).translated_fields[row.field])
        new = source_units(obj, row.field)
        carried = {old[i]: new[j] for j, i in enumerate(align(old, new)) if i is not None}
        changed = False
        for segment in row.segments:
            target = carried.get(segment.get("source"))
            if target is not None and target != segment["source"]:
                segment["source"] = target
                changed = True
        if changed:
            row.save(update_fields=["segments", "updated_at"])
    _forget(obj)


def _content_type(obj: models.Model) -> ContentType:
    return ContentType.objects.get_for_model(obj)  # cached per process


def _changed(obj: Translatable) -> None:
    """A translation is a change of the content it belongs to: the owner's `updated_at` moves
    (pages cached for visitors by it are rebuilt) and its app's `on_change` runs (the directory
    rebuilds the organization's search document, which holds every language)."""
    _forget(obj)
    owner = obj.translation_owner()
    model = type(owner)
    if any(field.name == "updated_at" for field in model._meta.concrete_fields):
        model._default_manager.filter(pk=owner.pk).update(updated_at=timezone.now())
    entry = editing(model._meta.label_lower)
    if entry and entry.on_change:
        entry.on_change(owner)


def _forget(obj: Translatable) -> None:
    """Drops a prefetched copy of the object's translations, so it reads what was just written."""
    cache = getattr(obj, "_prefetched_objects_cache", None)
    if cache:
        cache.pop("translations", None)
