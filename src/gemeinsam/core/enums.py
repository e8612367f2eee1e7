from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TranslationStatus(models.TextChoices):
    """The state of one language's copy of a text, as integreat-cms keeps it."""

    UP_TO_DATE = "up_to_date", _("up to date")
    OUTDATED = "outdated", _("outdated")
    MISSING = "missing", pgettext_lazy("translation status", "missing")


class Origin(models.TextChoices):
    """Who wrote a translated paragraph: a person, or a machine-translation backend (shown to
    readers as machine-translated until a person reviews it)."""

    PERSON = "person", _("person")
    MACHINE = "machine", _("machine translation")


class FederalState(models.TextChoices):
    BW = "BW", "Baden-Württemberg"
    BY = "BY", "Bayern"
    BE = "BE", "Berlin"
    BB = "BB", "Brandenburg"
    HB = "HB", "Bremen"
    HH = "HH", "Hamburg"
    HE = "HE", "Hessen"
    MV = "MV", "Mecklenburg-Vorpommern"
    NI = "NI", "Niedersachsen"
    NW = "NW", "Nordrhein-Westfalen"
    RP = "RP", "Rheinland-Pfalz"
    SL = "SL", "Saarland"
    SN = "SN", "Sachsen"
    ST = "ST", "Sachsen-Anhalt"
    SH = "SH", "Schleswig-Holstein"
    TH = "TH", "Thüringen"


class AuditAction(models.TextChoices):
    CREATE = "create", pgettext_lazy("audit action", "created")
    UPDATE = "update", pgettext_lazy("audit action", "changed")
    DELETE = "delete", pgettext_lazy("audit action", "deleted")
    GRANT = "grant", pgettext_lazy("audit action", "granted")
    REVOKE = "revoke", pgettext_lazy("audit action", "revoked")
    IMPORT = "import", pgettext_lazy("audit action", "imported")
    EXPORT = "export", pgettext_lazy("audit action", "exported")
