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
    """The 16 Länder, by their official two-letter codes, named in the page's language (Bayern,
    Bavaria, بافاريا, Bavyera).

    Unlike other labels, the msgids are the official German names, with the context "Land":
    they are what the choices of every stored Land (organizations, agencies, events,
    counselling) always held, so translating them changed no model and needed no migration.
    """

    BW = "BW", pgettext_lazy("Land", "Baden-Württemberg")
    BY = "BY", pgettext_lazy("Land", "Bayern")
    BE = "BE", pgettext_lazy("Land", "Berlin")
    BB = "BB", pgettext_lazy("Land", "Brandenburg")
    HB = "HB", pgettext_lazy("Land", "Bremen")
    HH = "HH", pgettext_lazy("Land", "Hamburg")
    HE = "HE", pgettext_lazy("Land", "Hessen")
    MV = "MV", pgettext_lazy("Land", "Mecklenburg-Vorpommern")
    NI = "NI", pgettext_lazy("Land", "Niedersachsen")
    NW = "NW", pgettext_lazy("Land", "Nordrhein-Westfalen")
    RP = "RP", pgettext_lazy("Land", "Rheinland-Pfalz")
    SL = "SL", pgettext_lazy("Land", "Saarland")
    SN = "SN", pgettext_lazy("Land", "Sachsen")
    ST = "ST", pgettext_lazy("Land", "Sachsen-Anhalt")
    SH = "SH", pgettext_lazy("Land", "Schleswig-Holstein")
    TH = "TH", pgettext_lazy("Land", "Thüringen")


class AuditAction(models.TextChoices):
    CREATE = "create", pgettext_lazy("audit action", "created")
    UPDATE = "update", pgettext_lazy("audit action", "changed")
    DELETE = "delete", pgettext_lazy("audit action", "deleted")
    GRANT = "grant", pgettext_lazy("audit action", "granted")
    REVOKE = "revoke", pgettext_lazy("audit action", "revoked")
    IMPORT = "import", pgettext_lazy("audit action", "imported")
    EXPORT = "export", pgettext_lazy("audit action", "exported")
