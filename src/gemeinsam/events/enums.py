from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EventKind(models.TextChoices):
    WORKSHOP = "workshop", _("workshop")
    TRAINING = "training", _("training")
    ROUND_TABLE = "round_table", _("round table")
    INFORMATION = "information", _("information event")
    EVENING = "evening", _("evening event")
    PANEL = "panel", _("panel")
    LABOUR_MARKET_TALK = "labour_market_talk", _("labour-market talk")
    CLOSING = "closing", _("closing event")
    OTHER = "other", pgettext_lazy("event kind", "other")


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    ONLINE = "online", _("online")
    HYBRID = "hybrid", _("hybrid")


class EventStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("event status", "draft")
    PUBLISHED = "published", pgettext_lazy("event status", "published")
    CANCELLED = "cancelled", pgettext_lazy("event status", "cancelled")


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("registration status", "waiting for approval")
    CONFIRMED = "confirmed", pgettext_lazy("registration status", "confirmed")
    WAITLISTED = "waitlisted", pgettext_lazy("registration status", "on the waiting list")
    DECLINED = "declined", pgettext_lazy("registration status", "declined")
    CANCELLED = "cancelled", pgettext_lazy("registration status", "cancelled")


# A registration in one of these states holds (or waits for) a place; the others are history.
ACTIVE_STATUSES = (
    RegistrationStatus.PENDING,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
)


class QuestionKind(models.TextChoices):
    TEXT = "text", _("text")
    SINGLE = "single", _("single choice")
    MULTIPLE = "multiple", _("multiple choice")
    CHECKBOX = "checkbox", _("checkbox")


class DocumentKind(models.TextChoices):
    FLYER = "flyer", _("flyer")
    AGENDA = "agenda", _("agenda")
    SLIDES = "slides", _("slides")
    OTHER = "other", pgettext_lazy("document kind", "other")


# Downloads attached to an event: what may be uploaded, and how large.
DOCUMENT_EXTENSIONS = ("pdf", "png", "jpg", "jpeg", "docx", "xlsx", "pptx", "odt")
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024

# Largest group one person may register at once.
MAX_GROUP_SIZE = 20

# Attendance and certificates are for an event that has begun. The door opens a little earlier:
# check-in (the QR code, the check-in list) takes people from this long before the start.
CHECK_IN_LEAD_MINUTES = 60
