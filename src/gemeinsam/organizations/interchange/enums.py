from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", pgettext_lazy("import status", "uploaded")
    QUEUED = "queued", pgettext_lazy("import status", "waiting to start")
    RUNNING = "running", pgettext_lazy("import status", "running")
    APPLIED = "applied", pgettext_lazy("import status", "applied")
    FAILED = "failed", pgettext_lazy("import status", "failed")


# An import in one of these states is being applied: its file must not change or go away.
IN_PROGRESS = (ImportStatus.QUEUED, ImportStatus.RUNNING)


class ImportStep(models.TextChoices):
    """What a running import is doing; rows are counted within each step."""

    CHECKING = "checking", pgettext_lazy("import step", "checking the rows")
    PREPARING = "preparing", pgettext_lazy("import step", "preparing the organizations")
    WRITING = "writing", pgettext_lazy("import step", "writing to the database")
    INDEXING = "indexing", pgettext_lazy("import step", "updating the search index")


class Decision(models.TextChoices):
    """What to do with a row that looks like an organization we already have."""

    SKIP = "skip", _("Skip this row")
    FILL = "fill", _("Merge: fill the empty fields of the existing organization")
    UPDATE = "update", _("Merge: overwrite the existing organization with this row")
    CREATE = "create", _("Create a new organization anyway")


# Rows that only repeat an earlier row of the same file have nothing to merge into yet.
WITHIN_FILE_DECISIONS = (Decision.SKIP, Decision.CREATE)
