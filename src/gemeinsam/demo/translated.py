"""Translations of demo texts as `core.ContentTranslation` rows: each paragraph remembers the
German it was made from, so a demo text can be up to date, outdated (made from an earlier
German) or partly missing, and the pages show their markers.

`segments()` is a plain function, so `gemeinsam bench` writes the same rows in bulk.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from gemeinsam.core import content
from gemeinsam.core.enums import Origin
from gemeinsam.core.models import ContentTranslation, Translatable


def unfold(text: str) -> str:
    """A YAML literal block as a text: the lines of each paragraph joined by spaces, the
    paragraphs separated by one blank line."""
    return "\n\n".join(" ".join(p.split()) for p in content.paragraphs(text))


def segments(made_from: str, text: str, *, split: str = content.PARAGRAPHS) -> list[dict]:
    """The paragraphs of a translation of `made_from` (the German it was translated from).

    Paragraph n of the text translates paragraph n of the German; a text with fewer paragraphs
    leaves the German's last ones missing (readers get them in German, marked). A text with
    more paragraphs than the German is a mistake in the data.
    """
    source = content.paragraphs(made_from, split=split)
    texts = content.paragraphs(text, split=split)
    if len(texts) > len(source):
        raise ValueError(f"{len(texts)} paragraphs translate {len(source)}: {text[:60]!r}")
    return [
        {"source": german, "text": translated, "origin": Origin.PERSON, "reviewed": True}
        for german, translated in zip(source, texts, strict=False)
    ]


def store(
    obj: Translatable, field: str, texts: dict[str, str], made_from: dict[str, str] | None = None
) -> None:
    """Writes the field's translations (language → text) and removes those of other languages.
    A language in `made_from` was translated from that earlier German, the others from
    today's."""
    made_from = made_from or {}
    split = type(obj).translated_fields[field]
    # A long text from a YAML block is unfolded; a title or a list of lines stays as it is.
    tidy = unfold if split == content.PARAGRAPHS else str
    content_type = ContentType.objects.get_for_model(obj)
    for language, text in texts.items():
        ContentTranslation.objects.update_or_create(
            content_type=content_type,
            object_id=obj.pk,
            field=field,
            language=language,
            defaults={
                "segments": segments(
                    tidy(made_from.get(language, getattr(obj, field))), tidy(text), split=split
                )
            },
        )
    ContentTranslation.objects.filter(
        content_type=content_type, object_id=obj.pk, field=field
    ).exclude(language__in=list(texts)).delete()
