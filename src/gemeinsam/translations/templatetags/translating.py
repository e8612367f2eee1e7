"""A record's translations at a glance, on the pages where staff edit its German.

    {% load translating %}{% translation_links event %}

Each target language with how many paragraphs are missing, outdated or machine-translated, and
a link to the side-by-side editor; shown only to people who may translate the record.
"""

from django import template
from django.conf import settings
from django.db.models import prefetch_related_objects
from django.urls import reverse

from gemeinsam.core import content
from gemeinsam.core.enums import TranslationStatus

register = template.Library()


def _counts(units, language: str) -> dict[str, int]:
    counts = {"missing": 0, "outdated": 0, "machine": 0}
    for unit in units:
        for name in type(unit).translated_fields:
            for part in content.parts(unit, name, language):
                if part.status == TranslationStatus.MISSING:
                    counts["missing"] += 1
                elif part.status == TranslationStatus.OUTDATED:
                    counts["outdated"] += 1
                elif part.machine:
                    counts["machine"] += 1
    return counts


@register.inclusion_tag("translations/_links.html", takes_context=True)
def translation_links(context, obj) -> dict:
    entry = content.editing(type(obj)._meta.label_lower) if obj and obj.pk else None
    user = getattr(context.get("request"), "user", None)
    if entry is None or user is None or not user.has_perm(entry.permission, obj):
        return {"languages": []}
    units = entry.units(obj)
    # Every language's rows at once; the counts below then read no more.
    prefetch_related_objects(units, "translations")
    languages = []
    for code, name in settings.LANGUAGES:
        if code == settings.LANGUAGE_CODE:
            continue
        counts = _counts(units, code)
        languages.append(
            {
                "code": code,
                "name": name,
                "counts": counts,
                "complete": not any(counts.values()),
                "url": reverse(
                    "translations:item-edit",
                    kwargs={"label": entry.label, "pk": obj.pk, "language": code},
                ),
            }
        )
    return {"languages": languages}
