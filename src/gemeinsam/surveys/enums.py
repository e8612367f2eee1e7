"""The surveys' choices: audiences of the item bank and the kinds of question (XLSForm's types)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    """Who a questionnaire asks. One item has one wording per audience, so the three audiences'
    answers to it compare by design."""

    MO = "mo", _("migrant organizations")
    AUTHORITY = "authority", _("authorities")
    PROVIDER = "provider", _("service providers")


class Kind(models.TextChoices):
    GROUP_BEGIN = "begin_group", _("start of a group")
    GROUP_END = "end_group", _("end of a group")
    NOTE = "note", _("note")
    TEXT = "text", _("text")
    INTEGER = "integer", _("whole number")
    DECIMAL = "decimal", _("number")
    DATE = "date", _("date")
    SELECT_ONE = "select_one", _("single choice")
    SELECT_MULTIPLE = "select_multiple", _("multiple choice")
    SCALE = "scale", _("scale")


# Kinds that take an answer (groups and notes take none) and kinds that read a choice list.
ANSWERED = frozenset(
    {
        Kind.TEXT,
        Kind.INTEGER,
        Kind.DECIMAL,
        Kind.DATE,
        Kind.SELECT_ONE,
        Kind.SELECT_MULTIPLE,
        Kind.SCALE,
    }
)
CHOICE_KINDS = frozenset({Kind.SELECT_ONE, Kind.SELECT_MULTIPLE})
# The value an "other" answer stores (XLSForm's convention); its text is kept beside it.
OTHER = "other"
