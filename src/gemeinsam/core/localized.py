"""Reference data carries its names per language in one JSON field: {"de": …, "en": …}."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


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
