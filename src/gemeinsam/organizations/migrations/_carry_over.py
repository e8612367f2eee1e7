"""Carrying whole-text translations (the old `TranslatedText` rows: language, text, status) over
to the one content model: German into the owner's own field, every other language into a
`core.ContentTranslation` row whose paragraphs remember the German they were made from.

Used by organizations 0010 and agencies 0002; kept beside the migrations (a name starting with
"_" is not a migration) so that it never changes with the app's code.

- A copy that was **up to date** is recorded as made from today's German: paragraph by
  paragraph where the paragraphs line up (extra paragraphs join the last one), else as one
  whole text made from the whole German (a reader then gets it whole, up to date).
- A copy that was **outdated** (or had any other status) is recorded as made from an unknown
  German (""), paragraph by paragraph: every paragraph reads as outdated, and where the
  translation has fewer paragraphs than today's German, the rest reads as missing (shown in
  German). Which German it was made from was never stored, so "" says so honestly.
- An owner **without German** keeps its other copies as translations of an unknown German:
  the source language stays German and its field stays empty; pages show such a text marked
  with its own language (`core.localized.without_source`) until someone writes the German.
"""

from __future__ import annotations

import re

SOURCE = "de"
UP_TO_DATE = "up_to_date"
_BREAK = re.compile(r"\n[ \t]*\n")


def paragraphs(text: str) -> list[str]:
    """As `core.content.paragraphs` splits a "text" field: at blank lines, stripped."""
    text = (text or "").replace("\r\n", "\n").strip()
    return [part.strip() for part in _BREAK.split(text) if part.strip()] if text else []


def _segment(source: str, text: str) -> dict:
    return {"source": source, "text": text, "origin": "person", "reviewed": True}


def _fitted(texts: list[str], count: int) -> list[str]:
    """At most `count` paragraphs: those beyond join the last one."""
    if count and len(texts) > count:
        return [*texts[: count - 1], "\n\n".join(texts[count - 1 :])]
    return texts


def segments(german: str, text: str, status: str) -> list[dict]:
    """One language's copy as the paragraphs of a ContentTranslation (see the module)."""
    source, texts = paragraphs(german), paragraphs(text)
    if not texts:
        return []
    if not source:
        return [_segment("", "\n\n".join(texts))]
    if status != UP_TO_DATE:
        return [_segment("", t) for t in _fitted(texts, len(source))]
    if len(texts) < len(source):
        return [_segment("\n\n".join(source), "\n\n".join(texts))]
    return [_segment(s, t) for s, t in zip(source, _fitted(texts, len(source)), strict=True)]


def carry_over(copies: list[tuple[str, str, str]]) -> tuple[str, dict[str, list[dict]]]:
    """One owner's copies, (language, text, status) each: its German text, and the paragraphs
    of each other language that has text."""
    german = next((text for language, text, _ in copies if language == SOURCE), "") or ""
    german = german.strip()
    others = {
        language: segments(german, text, status)
        for language, text, status in copies
        if language != SOURCE
    }
    return german, {language: found for language, found in others.items() if found}


def store(apps, owner_model, owner_field: str, copies_by_owner: dict) -> None:
    """Writes each owner's German into `owner_field` and its other languages as
    ContentTranslation rows of that field (historical models from `apps`)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentTranslation = apps.get_model("core", "ContentTranslation")
    meta = owner_model._meta
    content_type, _ = ContentType.objects.get_or_create(
        app_label=meta.app_label, model=meta.model_name
    )
    rows = []
    for owner_id, copies in copies_by_owner.items():
        german, others = carry_over(copies)
        owner_model.objects.filter(pk=owner_id).update(**{owner_field: german})
        rows += [
            ContentTranslation(
                content_type_id=content_type.pk,
                object_id=owner_id,
                field=owner_field,
                language=language,
                segments=found,
            )
            for language, found in others.items()
        ]
    ContentTranslation.objects.bulk_create(rows, batch_size=500)


def copies_of(old_model, owner_column: str) -> dict[int, list[tuple[str, str, str]]]:
    """The old rows, grouped by owner: {owner id: [(language, text, status), …]}."""
    found: dict[int, list[tuple[str, str, str]]] = {}
    rows = old_model.objects.order_by(owner_column, "pk").values_list(
        owner_column, "language", "text", "status"
    )
    for owner_id, language, text, status in rows.iterator():
        found.setdefault(owner_id, []).append((language, text, status))
    return found


def back(apps, owner_model, owner_field: str, old_model, owner_column: str) -> None:
    """The reverse: German and each translation as whole texts again; a translation with an
    outdated or missing paragraph counts as outdated."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentTranslation = apps.get_model("core", "ContentTranslation")
    meta = owner_model._meta
    content_type = ContentType.objects.filter(
        app_label=meta.app_label, model=meta.model_name
    ).first()
    rows = []
    for owner_id, german in owner_model.objects.values_list("pk", owner_field):
        if (german or "").strip():
            rows.append(old_model(**{owner_column: owner_id}, language=SOURCE, text=german))
    translations = ContentTranslation.objects.filter(content_type=content_type, field=owner_field)
    source = dict(owner_model.objects.values_list("pk", owner_field))
    for row in translations if content_type else []:
        text = "\n\n".join(s.get("text", "") for s in row.segments if s.get("text"))
        if not text:
            continue
        made_from = [s.get("source", "") for s in row.segments]
        current = "\n\n".join(made_from) == "\n\n".join(paragraphs(source.get(row.object_id)))
        rows.append(
            old_model(
                **{owner_column: row.object_id},
                language=row.language,
                text=text,
                status=UP_TO_DATE if current else "outdated",
            )
        )
    translations.delete()
    old_model.objects.bulk_create(rows, batch_size=500)
