from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", pgettext_lazy("import status", "uploaded")
    APPLIED = "applied", pgettext_lazy("import status", "applied")


class Decision(models.TextChoices):
    """What to do with a row that looks like an organization we already have."""

    SKIP = "skip", _("Skip this row")
    FILL = "fill", _("Merge: fill the empty fields of the existing organization")
    UPDATE = "update", _("Merge: overwrite the existing organization with this row")
    CREATE = "create", _("Create a new organization anyway")


# Rows that only repeat an earlier row of the same file have nothing to merge into yet.
WITHIN_FILE_DECISIONS = (Decision.SKIP, Decision.CREATE)
