"""Constants of the translation workflow."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

SOURCE = settings.LANGUAGE_CODE
# Items per page of the overview.
PAGE_SIZE = 25
# An XLIFF file larger than this is refused before it is parsed.
MAX_XLIFF_BYTES = 5 * 1024 * 1024
XLIFF_NAMESPACE = "urn:oasis:names:tc:xliff:document:2.0"


def target_languages() -> list[tuple[str, str]]:
    """The languages content is translated into: every language of the site but German."""
    return [(code, name) for code, name in settings.LANGUAGES if code != SOURCE]


class ParagraphState(models.TextChoices):
    """What the editor and the overview say about one paragraph of a translation."""

    UP_TO_DATE = "up_to_date", _("up to date")
    OUTDATED = "outdated", _("outdated")
    MISSING = "missing", pgettext_lazy("translation status", "missing")
    MACHINE = "machine", _("machine-translated")


class OverviewFilter(models.TextChoices):
    """Which items the overview lists."""

    ALL = "", _("all")
    MISSING = "missing", _("with missing paragraphs")
    OUTDATED = "outdated", _("with outdated paragraphs")
    MACHINE = "machine", _("with unchecked machine translations")
    DONE = "done", _("complete and checked")
