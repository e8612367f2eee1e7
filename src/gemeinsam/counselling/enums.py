from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Channel(models.TextChoices):
    PHONE = "phone", _("phone")
    VIDEO = "video", _("video")
    IN_PERSON = "in_person", _("in person")
    EMAIL = "email", pgettext_lazy("channel", "email")


class RequestStatus(models.TextChoices):
    """Where a request for counselling stands in an agency's intake queue."""

    NEW = "new", pgettext_lazy("counselling request", "new")
    ACCEPTED = "accepted", pgettext_lazy("counselling request", "accepted")
    DECLINED = "declined", pgettext_lazy("counselling request", "declined")
    WITHDRAWN = "withdrawn", pgettext_lazy("counselling request", "withdrawn")


class RoutedBy(models.TextChoices):
    """How a request found its agency, so staff can see why it landed with them."""

    POSTCODE = "postcode", _("postcode")
    FEDERAL_STATE = "federal_state", _("federal state")
    NATIONWIDE = "nationwide", _("nationwide agency")
    CHOSEN = "chosen", _("chosen by the person asking")
    FORWARDED = "forwarded", _("forwarded")
    UNROUTED = "unrouted", _("no agency for this region")


class CaseType(models.TextChoices):
    SINGLE = "single", _("single counselling")
    PROCESS_SUPPORT = "process_support", _("process support")
    COMMITTEE_COACHING = "committee_coaching", _("committee coaching")
    MEDIATION = "mediation", _("mediation between organizations")


class CaseStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("case status", "open")
    CLOSED = "closed", pgettext_lazy("case status", "closed")


class OutcomeKind(models.TextChoices):
    ASSOCIATION_REGISTERED = "association_registered", _("association registered")
    CHARITABLE_STATUS = "charitable_status", _("charitable status granted")
    FUNDING_SUBMITTED = "funding_submitted", _("funding application submitted")
    FUNDING_APPROVED = "funding_approved", _("funding application approved")
    YOUTH_WELFARE_RECOGNITION = (
        "youth_welfare_recognition",
        _("recognition as youth-welfare provider obtained"),
    )
    COMMITTEE_SEAT = "committee_seat", _("committee seat obtained")
    COOPERATION = "cooperation", _("cooperation agreed")

    @classmethod
    def with_programme(cls) -> set[str]:
        """Outcomes that name a funding programme and an amount."""
        return {cls.FUNDING_SUBMITTED, cls.FUNDING_APPROVED}


class AccessKind(models.TextChoices):
    """What a confidential-access log entry records."""

    READ_NOTES = "read_notes", _("read the internal notes")
    READ_DOCUMENT = "read_document", _("opened a document")
    BREAK_GLASS = "break_glass", _("opened the case with a recorded reason")
    EXPORT = "export", _("exported personal data")


class ConsentPurpose(models.TextChoices):
    COUNSELLING = "counselling", _("counselling")
    CASE_DATA = "case_data", _("storing case data")


# Uploads: what a case document may be, checked by content as well as by name.
DOCUMENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".txt": "text/plain",
}


# The topics one can ask about (reference data, loaded by migration 0002; admins edit their
# names). The API documents them as the enum of `topics`; a test keeps both lists the same.
TOPIC_CODES = (
    "association_founding",
    "organizational_development",
    "project_planning",
    "funding_applications",
    "project_administration",
    "volunteers",
    "association_law",
    "labour_law",
    "committee_participation",
    "youth_welfare",
    "mediation",
    "cooperation",
)
