from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class GuideStatus(models.TextChoices):
    """A guide is written as a draft and published by a manager of its agency."""

    DRAFT = "draft", pgettext_lazy("guide", "draft")
    PUBLISHED = "published", pgettext_lazy("guide", "published")


class StepState(models.TextChoices):
    """Where an organization stands on a step bound to a readiness check's requirement."""

    DONE = "done", pgettext_lazy("guide step", "done")
    MISSING = "missing", pgettext_lazy("guide step", "missing")
    UNKNOWN = "unknown", pgettext_lazy("guide step", "unknown")


# A guide is due for review this many months after its "as of" date, unless a date is set.
REVIEW_AFTER_MONTHS = 6
LINK_HELP = _("One link a line: the address, then a space and what it is called.")


class Addressee(models.TextChoices):
    """Whom a recommendation asks to act."""

    POLITICS = "politics", _("politics and administration")
    PROVIDERS = "providers", _("welfare providers")
    MOS = "mos", _("migrant organizations")
