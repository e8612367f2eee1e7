"""The tandems' choices and constants."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CallMode(models.TextChoices):
    """Pair first: two organizations apply together. Match later: each side applies alone and
    the agency forms the pairs (seed 001)."""

    PAIR_FIRST = "pair_first", _("pair first: two organizations apply together")
    MATCH_LATER = "match_later", _("match later: each side applies, the agency forms pairs")


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    WITHDRAWN = "withdrawn", _("withdrawn")


class PartnerAnswer(models.TextChoices):
    """A pair-first application's partner: asked, agreed or said no."""

    INVITED = "invited", _("invited")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")


# Legal forms (organizations' reference codes) that can receive grant money: a legal person.
# An unregistered association or an initiative without legal form cannot sign a grant notice;
# in a tandem the partner then receives the money as fiscal host.
RECEIVING_LEGAL_FORMS = frozenset(
    {"registered_association", "ggmbh", "foundation", "public_body", "religious_community"}
)

# Text limits shared by the form and the API.
TEXT_MAX = 3000


class Side(models.TextChoices):
    """The two sides of a tandem."""

    MIGRANT_ORG = "mo", _("migrant organization")
    PARTNER = "partner", _("partner organization")
