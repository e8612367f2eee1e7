"""Counselling: requests, cases and their timeline, appointments, and the confidentiality trail.

A case belongs to one agency (its tenant). Internal notes and session summaries are encrypted at
rest (`crypto.EncryptedTextField`). Contacts are the people counselled, one record per person
across channels; nothing about their origin or religion is ever stored.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver
from django.utils import timezone
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _

from gemeinsam.agencies.models import Agency, Project
from gemeinsam.core.enums import FederalState
from gemeinsam.core.localized import LocalizedNameModel
from gemeinsam.organizations.models import Organization, WorkingLanguage

from .crypto import EncryptedTextField
from .enums import (
    AccessKind,
    CaseStatus,
    CaseType,
    Channel,
    ConsentPurpose,
    OutcomeKind,
    RequestStatus,
    RoutedBy,
)


def new_token() -> str:
    return secrets.token_urlsafe(24)


class _PrivateStorage(LazyObject):
    """Case documents live outside the web root and are served only by a view that checks."""

    def _setup(self):
        self._wrapped = FileSystemStorage(location=settings.GEMEINSAM_PRIVATE_MEDIA_ROOT)


private_storage = _PrivateStorage()


@receiver(setting_changed)
def _private_root_changed(*, setting, **kwargs):
    if setting == "GEMEINSAM_PRIVATE_MEDIA_ROOT":
        private_storage._wrapped = empty


def _private_storage():
    return private_storage


class Topic(LocalizedNameModel):
    """What counselling is about: founding an association, funding applications, …"""

    class Meta(LocalizedNameModel.Meta):
        verbose_name = _("counselling topic")
        verbose_name_plural = _("counselling topics")


class CoverageArea(models.Model):
    """Where an agency takes counselling requests from: a postcode prefix or a federal state.

    The longest matching postcode prefix wins; then the federal state; agencies with no
    coverage area of their own fall back to `Agency.federal_states_served`.
    """

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="coverage_areas")
    postcode_prefix = models.CharField(_("postcode prefix"), max_length=5, blank=True)
    federal_state = models.CharField(
        _("federal state"), max_length=2, choices=FederalState.choices, blank=True
    )

    class Meta:
        verbose_name = _("coverage area")
        verbose_name_plural = _("coverage areas")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(postcode_prefix="", federal_state=""),
                name="coverage_area_not_empty",
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency}: {self.postcode_prefix or self.get_federal_state_display()}"


class AdvisorProfile(models.Model):
    """The topics an advisor counsels on (languages are on the staff membership)."""

    membership = models.OneToOneField(
        "agencies.StaffMembership", on_delete=models.CASCADE, related_name="advisor_profile"
    )
    topics = models.ManyToManyField(Topic, blank=True, verbose_name=_("topics"))
    accepts_requests = models.BooleanField(_("takes new requests"), default=True)

    class Meta:
        verbose_name = _("advisor profile")
        verbose_name_plural = _("advisor profiles")

    def __str__(self) -> str:
        return str(self.membership)


class Contact(models.Model):
    """A person counselled: one record across requests, cases, sessions and channels.

    Linked to a user account when the person has one. `anonymised_at` marks a record whose
    personal data has been erased; its cases still count in the figures.
    """

    name = models.CharField(_("name"), max_length=150, blank=True)
    email = models.EmailField(_("email"), blank=True, db_index=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="counselling_contact",
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    preferred_language = models.CharField(
        _("language for mails"), max_length=8, choices=settings.LANGUAGES, default="de"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        if self.anonymised_at:
            return str(_("(anonymised)"))
        return self.name or self.email or self.phone or f"#{self.pk}"


class ConsentRecord(models.Model):
    """What a person agreed to, when, and the exact wording (with its version)."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=30, choices=ConsentPurpose.choices)
    text_version = models.CharField(_("version of the text"), max_length=20)
    text = models.TextField(_("text agreed to"))
    given_at = models.DateTimeField(_("given"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-given_at"]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} {self.text_version}"


class Request(models.Model):
    """A request for counselling, from anyone, routed to an agency's intake queue."""

    token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    agency = models.ForeignKey(
        Agency,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="counselling_requests",
        verbose_name=_("agency"),
    )
    routed_by = models.CharField(
        _("routed by"), max_length=20, choices=RoutedBy.choices, default=RoutedBy.UNROUTED
    )
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="requests")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="counselling_requests",
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="counselling_requests",
        verbose_name=_("organization"),
    )
    organization_name = models.CharField(
        _("organization (if not listed)"), max_length=200, blank=True
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"))
    language = models.ForeignKey(
        WorkingLanguage,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("preferred language"),
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    preferred_times = models.CharField(_("preferred times"), max_length=300, blank=True)
    description = models.TextField(_("what it is about"), max_length=4000)
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    federal_state = models.CharField(
        _("federal state"), max_length=2, choices=FederalState.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.NEW
    )
    suggested_advisors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("suggested advisors")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("counselling request")
        verbose_name_plural = _("counselling requests")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["agency", "status", "created_at"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.contact}"


class Forwarding(models.Model):
    """A request or case handed from one agency to another, with the reason given."""

    request = models.ForeignKey(
        Request, on_delete=models.CASCADE, null=True, blank=True, related_name="forwardings"
    )
    case = models.ForeignKey(
        "Case", on_delete=models.CASCADE, null=True, blank=True, related_name="forwardings"
    )
    from_agency = models.ForeignKey(
        Agency, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    to_agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("forwarding")
        verbose_name_plural = _("forwardings")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_agency} → {self.to_agency}"


class CaseTemplate(LocalizedNameModel):
    """Standard steps for a kind of case, each due a number of days after the case opens."""

    case_type = models.CharField(_("case type"), max_length=30, choices=CaseType.choices)

    class Meta(LocalizedNameModel.Meta):
        verbose_name = _("case template")
        verbose_name_plural = _("case templates")


class TemplateStep(models.Model):
    template = models.ForeignKey(CaseTemplate, on_delete=models.CASCADE, related_name="steps")
    names = models.JSONField(_("names"), default=dict)
    offset_days = models.PositiveSmallIntegerField(_("due after (days)"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("template step")
        verbose_name_plural = _("template steps")
        ordering = ["template", "position", "offset_days"]

    def __str__(self) -> str:
        return self.label_in("de")

    def label_in(self, language: str) -> str:
        return self.names.get(language) or self.names.get("de") or ""


class CaseQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=CaseStatus.OPEN)


class Case(models.Model):
    """Counselling for one or more organizations, by one agency, with a timeline."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="cases")
    title = models.CharField(_("title"), max_length=200)
    case_type = models.CharField(_("case type"), max_length=30, choices=CaseType.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    request = models.OneToOneField(
        Request, on_delete=models.SET_NULL, null=True, blank=True, related_name="case"
    )
    organizations = models.ManyToManyField(
        Organization, blank=True, related_name="counselling_cases", verbose_name=_("organizations")
    )
    contacts = models.ManyToManyField(
        Contact, blank=True, related_name="cases", verbose_name=_("contact people")
    )
    advisors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="counselling_cases", verbose_name=_("advisors")
    )
    topics = models.ManyToManyField(Topic, blank=True, verbose_name=_("topics"))
    language = models.ForeignKey(
        WorkingLanguage,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("language"),
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("counts for project"),
    )
    template = models.ForeignKey(
        CaseTemplate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Whether any organization of this case had no earlier case with this agency; kept so the
    # figures survive when organizations or people are erased.
    is_new_client = models.BooleanField(_("new organization"), default=True)
    organization_kind = models.CharField(_("kind of organization"), max_length=30, blank=True)
    opened_on = models.DateField(_("opened"), default=timezone.localdate, db_index=True)
    closed_on = models.DateField(_("closed"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-opened_on", "-id"]
        indexes = [models.Index(fields=["agency", "status", "opened_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True)
                | models.Q(closed_on__gte=models.F("opened_on")),
                name="case_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def reference(self) -> str:
        """The number advisors quote on the phone: year opened and id, e.g. 2026-00042."""
        return f"{self.opened_on:%Y}-{self.pk or 0:05d}"


class Session(models.Model):
    """A counselling session. The summary is internal (encrypted); next steps are shared."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("date"), db_index=True)
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"))
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    participants = models.CharField(_("participants"), max_length=500, blank=True)
    summary = EncryptedTextField(_("summary (internal)"), blank=True)
    next_steps = models.TextField(_("agreed next steps (shared)"), blank=True)
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gt=0, duration_minutes__lte=24 * 60),
                name="session_duration_within_a_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case.reference} {self.held_on}"


class Note(models.Model):
    """An internal note: encrypted, visible to the case's advisors only, every read logged."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    body = EncryptedTextField(_("note"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.case.reference} {self.created_at:%Y-%m-%d}"


class Task(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task"), max_length=300)
    due_on = models.DateField(_("due"), null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="counselling_tasks",
        verbose_name=_("assigned to"),
    )
    is_shared = models.BooleanField(_("shown to the organization"), default=False)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    template_step = models.ForeignKey(
        TemplateStep, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["done_at", "due_on", "id"]

    def __str__(self) -> str:
        return self.title


def document_path(instance: Document, filename: str) -> str:
    # The stored name is random; the person's file name is kept (cleaned) in `original_name`.
    return f"cases/{instance.case_id}/{secrets.token_hex(16)}"


class Document(models.Model):
    """An upload on a case, stored outside the web root, served only after a permission check."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(storage=_private_storage, upload_to=document_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    is_shared = models.BooleanField(_("shared with the organization"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.original_name


class Outcome(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(_("outcome"), max_length=40, choices=OutcomeKind.choices)
    achieved_on = models.DateField(_("date"), db_index=True)
    programme = models.CharField(_("programme"), max_length=200, blank=True)
    amount = models.DecimalField(
        _("amount (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["-achieved_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0),
                name="outcome_amount_not_negative",
            )
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class Appointment(models.Model):
    """An advisor's appointment, usually on a case; invitations go out as .ics."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, null=True, blank=True, related_name="appointments"
    )
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="appointments")
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="counselling_appointments",
        verbose_name=_("advisor"),
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    location = models.CharField(_("place"), max_length=300, blank=True)
    video_link = models.URLField(_("video link"), blank=True)
    attendees = models.ManyToManyField(Contact, blank=True, verbose_name=_("invited"))
    uid = models.CharField(max_length=60, unique=True, default=new_token, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="appointment_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title


class BreakGlass(models.Model):
    """A manager opened a case's confidential parts with a recorded reason (valid for a while)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="break_glass")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("reason"))
    at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = _("break-glass access")
        verbose_name_plural = _("break-glass accesses")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.user} {self.case.reference}"


class AccessLogEntry(models.Model):
    """Who read which confidential part of a case, when. Written on every read."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="access_log")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=AccessKind.choices)
    object_repr = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} {self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"


class KeyCheck(models.Model):
    """One encrypted known value: opening it at start proves the notes key is the right one."""

    value = EncryptedTextField()

    class Meta:
        verbose_name = _("key check")

    def __str__(self) -> str:
        return "key check"
