"""Reviewer comments name their author, for the registry of personal data (`core.personal_data`).

A comment is the platform's, written by someone at work on a text: it is exported with the
person's own data and, on erasure, keeps its words (they are about the translation) but no
longer names who wrote or resolved it.
"""

from django.db.models import Q

from gemeinsam.core import personal_data
from gemeinsam.core.personal_data import DataSubject, Scope

from .models import TranslationComment


def export(subject: DataSubject, scope: Scope) -> dict:
    if subject.user is None:
        return {"translation_comments": []}
    comments = TranslationComment.objects.filter(author=subject.user).order_by("created_at", "id")
    return {
        "translation_comments": [
            {
                "field": c.field,
                "language": c.language,
                "paragraph": c.paragraph,
                "text": c.text,
                "created_at": c.created_at,
                "resolved_at": c.resolved_at,
            }
            for c in comments
        ]
    }


def erase(subject: DataSubject, scope: Scope) -> int:
    if subject.user is None:
        return 0
    user = subject.user
    written = TranslationComment.objects.filter(author=user).update(author=None)
    resolved = TranslationComment.objects.filter(Q(resolved_by=user)).update(resolved_by=None)
    return written + resolved


personal_data.register(
    "translations",
    models=["translations.TranslationComment"],
    export=export,
    erase=erase,
    per_agency=False,
    order=80,
)
