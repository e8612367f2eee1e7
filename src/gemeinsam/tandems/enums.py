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


class Phase(models.TextChoices):
    """When both partners evaluate the tandem."""

    START = "start", _("at the start")
    MID = "mid", _("at mid-term")
    END = "end", _("at the end")


# The two-sided evaluation: the same statements for both partners, each answered from 1 (not at
# all) to 5 (fully). Collaboration factors, then who chairs, who holds the budget and whose
# staff lead ("auf Augenhöhe").
EVALUATION_ITEMS = [
    ("goals", _("We agree on the tandem's goals.")),
    ("communication", _("We talk openly with each other.")),
    ("trust", _("We trust each other.")),
    ("learning", _("My organization learns from the partner.")),
    ("chair", _("Both organizations chair our meetings in turn.")),
    ("budget", _("Both organizations decide on the budget lines.")),
    ("staff_lead", _("Staff of both organizations lead activities.")),
    ("equal_footing", _("We work together on an equal footing.")),
]
SCALE = range(1, 6)
# Two answers this far apart are shown as seen differently.
DIFFERENT_BY = 2
