from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ProgrammeKind(models.TextChoices):
    REGULAR = "regular", _("regular funding")
    PROJECT = "project", _("project funding")
    MICRO = "micro", _("micro grant")
    STRUCTURAL = "structural", _("structural funding")


class Level(models.TextChoices):
    EU = "eu", _("European Union")
    FEDERAL = "federal", pgettext_lazy("funding level", "federal")
    LAND = "land", pgettext_lazy("funding level", "Land")
    MUNICIPALITY = "municipality", pgettext_lazy("funding level", "municipality")


class Status(models.TextChoices):
    """A requirement's or a whole check's state, as the rule engine answers it."""

    MET = "met", pgettext_lazy("requirement", "met")
    NOT_MET = "not_met", pgettext_lazy("requirement", "missing")
    UNKNOWN = "unknown", pgettext_lazy("requirement", "unknown")
