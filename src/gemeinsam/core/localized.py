"""Reference data carries its names per language in one JSON field: {"de": …, "en": …}; long
content is read per language written (`written`, `without_source`)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import content
from .content.reading import glue
from .enums import TranslationStatus
from .models import ContentTranslation


class LocalizedNameModel(models.Model):
    """Abstract base for reference data (fields of activity, languages, legal forms …).

    `code` is the stable key used by rules, imports and the API; `names` holds one label per
    language. A missing language falls back to German, then to the code, never to an empty label.
    """

    code = models.SlugField(_("code"), max_length=60, unique=True)
    names = models.JSONField(_("names"), default=dict)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.label_in(get_language() or settings.LANGUAGE_CODE)

    def label_in(self, language: str) -> str:
        language = (language or "").split("-")[0]
        return self.names.get(language) or self.names.get(settings.LANGUAGE_CODE) or self.code

    def all_labels(self) -> list[str]:
        return [label for label in self.names.values() if label]


# --- Long content in every language written (core.content) -------------------------------------


def written(obj, name: str, *, rows=None) -> dict[str, str]:
    """The field in each language written, as whole texts: German (the field itself) first,
    then every translation that has text, in the order of LANGUAGES. What a form shows and an
    audit entry records; readers get `core.content.shown` instead. `rows` are the object's
    translations when not `obj.translations.all()` (which a page may have prefetched for its
    reader's language only)."""
    texts = {settings.LANGUAGE_CODE: getattr(obj, name) or ""}
    found = obj.translations.all() if rows is None else rows
    rows = {row.language: row for row in found if row.field == name}
    for code, _name in settings.LANGUAGES:
        row = rows.get(code)
        text = glue(type(obj).translated_fields[name]).join(
            s["text"].strip() for s in (row.segments if row else []) if s.get("text", "").strip()
        )
        if text and code != settings.LANGUAGE_CODE:
            texts[code] = text
    return {code: text for code, text in texts.items() if text.strip()}


def written_with_status(obj, name: str) -> list[tuple[str, str, str, list[str]]]:
    """Each language written (`written`) with its state and each paragraph's, counted in
    today's German: (language, text, state, [state of paragraph 1, …]). A language is missing
    when a paragraph is, else outdated when one is, else up to date (German always is)."""
    found = []
    for language, text in written(obj, name).items():
        states = [str(part.status) for part in content.parts(obj, name, language)]
        state = next(
            (s for s in (TranslationStatus.MISSING, TranslationStatus.OUTDATED) if s in states),
            TranslationStatus.UP_TO_DATE,
        )
        found.append((language, text, str(state), states))
    return found


def without_source(obj, name: str, language: str | None = None) -> content.Part | None:
    """A text written in another language while its German is empty (a description carried
    over from before German was the source): the reader's language if written, else the
    first written in the order of LANGUAGES, marked with its language. None when the German
    is there (then `core.content.shown` applies) or nothing is written at all."""
    if (getattr(obj, name) or "").strip():
        return None
    # Every language's row: a page may have prefetched its reader's language only.
    rows = ContentTranslation.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, field=name
    )
    texts = written(obj, name, rows=rows)
    if not texts:
        return None
    language = content.language_now(language)
    shown_in = language if language in texts else next(iter(texts))
    return content.Part(texts[shown_in], shown_in, TranslationStatus.MISSING)
