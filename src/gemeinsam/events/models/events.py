"""The event and what belongs to it: topics, professions, series, speakers, downloads and
the questions it asks."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeinsam.core.enums import FederalState
from gemeinsam.core.localized import LocalizedNameModel
from gemeinsam.core.models import Translatable
from gemeinsam.organizations.models import (
    FieldOfActivity,
    Organization,
    TargetGroup,
    WorkingLanguage,
)

from ..enums import (
    CHECK_IN_LEAD_MINUTES,
    DocumentKind,
    EventFormat,
    EventKind,
    EventStatus,
    QuestionKind,
)


class Topic(LocalizedNameModel):
    """What an event is about, e.g. "recognition of foreign qualifications"."""

    class Meta(LocalizedNameModel.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


class Profession(LocalizedNameModel):
    """A profession trainings are made for: care staff, educators, Kita leads …"""

    class Meta(LocalizedNameModel.Meta):
        verbose_name = _("profession")
        verbose_name_plural = _("professions")


class EventSeries(models.Model):
    """Repeating dates of one event (e.g. a round table every first Tuesday)."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = _("event series")

    def __str__(self) -> str:
        return self.title


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=EventStatus.PUBLISHED)

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now())


# What registering reads of an event (`services.register`, `queries.registering_read`):
# loading only these keeps the hot path of a busy event's registrations short (an event has long
# texts that registering never needs).
REGISTRATION_FIELDS = (
    "status",
    "starts_at",
    "ends_at",
    "registration_required",
    "registration_opens_at",
    "registration_closes_at",
    "capacity",
    "seats_taken",
    "waitlist_enabled",
    "requires_approval",
    "max_group_size",
    "consent_text",
)


class Event(Translatable):
    """An event or training of an agency, with registration that never overbooks.

    `seats_taken` counts confirmed participants. It changes only in `services`, inside the
    transaction that holds the event's lock, so it is the truth about places left.
    """

    translated_fields = {
        "title": "line",
        "summary": "line",
        "description": "text",
        "agenda": "lines",
        "accessibility": "text",
        "consent_text": "text",
    }

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.CASCADE, related_name="events"
    )
    project = models.ForeignKey(
        "agencies.Project",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    series = models.ForeignKey(
        EventSeries, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("type"), max_length=30, choices=EventKind.choices)
    format = models.CharField(
        _("format"), max_length=20, choices=EventFormat.choices, default=EventFormat.IN_PERSON
    )
    status = models.CharField(
        _("status"), max_length=20, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("One item per line."))

    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    street = models.CharField(_("street"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    federal_state = models.CharField(
        _("federal state"), max_length=2, choices=FederalState.choices, blank=True
    )
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("Step-free access, accessible toilet, induction loop, quiet room …"),
    )
    online_url = models.URLField(
        _("video link"),
        blank=True,
        help_text=_("Shown only to confirmed participants, never on the public page."),
    )

    languages = models.ManyToManyField(
        WorkingLanguage, verbose_name=_("languages"), blank=True, related_name="+"
    )
    interpretation = models.ManyToManyField(
        WorkingLanguage,
        verbose_name=_("interpretation into"),
        blank=True,
        related_name="+",
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="+"
    )
    fields = models.ManyToManyField(
        FieldOfActivity, verbose_name=_("fields"), blank=True, related_name="+"
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="+")
    professions = models.ManyToManyField(
        Profession, verbose_name=_("target professions"), blank=True, related_name="+"
    )
    host_organization = models.ForeignKey(
        Organization,
        verbose_name=_("host organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_events",
    )

    registration_required = models.BooleanField(_("registration required"), default=True)
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    waitlist_enabled = models.BooleanField(_("waiting list"), default=True)
    requires_approval = models.BooleanField(_("registrations need approval"), default=False)
    max_group_size = models.PositiveSmallIntegerField(
        _("largest group per registration"), default=10
    )
    consent_text = models.TextField(
        _("consent text"),
        blank=True,
        help_text=_("Participants must agree to this text to register."),
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("reminder (days before)"), null=True, blank=True
    )
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    seats_taken = models.PositiveIntegerField(default=0, editable=False)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["status", "starts_at"], name="event_status_start"),
            # The anonymous page cache asks for the latest change (see core.pagecache).
            models.Index(fields=["updated_at"], name="event_updated"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:event-detail", kwargs={"slug": self.slug})

    @property
    def is_online(self) -> bool:
        return self.format in (EventFormat.ONLINE, EventFormat.HYBRID)

    @property
    def has_venue(self) -> bool:
        return self.format in (EventFormat.IN_PERSON, EventFormat.HYBRID)

    @property
    def places_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.seats_taken, 0)

    @property
    def is_full(self) -> bool:
        return self.capacity is not None and self.seats_taken >= self.capacity

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    def has_started(self, now=None) -> bool:
        """Attendance and certificates are given from the start on, never before."""
        return self.starts_at <= (now or timezone.now())

    @property
    def check_in_opens_at(self):
        return self.starts_at - timedelta(minutes=CHECK_IN_LEAD_MINUTES)

    def check_in_open(self, now=None) -> bool:
        """People are checked in at the door from shortly before the start."""
        return self.check_in_opens_at <= (now or timezone.now())

    def registration_open(self, now=None) -> bool:
        """Whether new registrations are taken right now (published, in the window, not over)."""
        now = now or timezone.now()
        if self.status != EventStatus.PUBLISHED or not self.registration_required:
            return False
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        closes = self.registration_closes_at or self.starts_at
        return now < closes

    def reminder_due_at(self):
        if self.reminder_days is None:
            return None
        return self.starts_at - timedelta(days=self.reminder_days)

    def agenda_items(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.agenda.splitlines() if line.strip(" -•\t")]


class Speaker(models.Model):
    """A speaker or invited guest; for a labour-market talk, often from a job centre."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role or topic"), max_length=200, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organization_name = models.CharField(
        _("organization (if not in the directory)"), max_length=200, blank=True
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


def document_path(instance, filename):
    return f"events/{instance.event_id}/{secrets.token_hex(8)}/{filename}"


class EventDocument(models.Model):
    """A download on the event page, e.g. the flyer PDF."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.OTHER
    )
    file = models.FileField(_("file"), upload_to=document_path, max_length=300)
    size = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("download")
        verbose_name_plural = _("downloads")
        ordering = ["kind", "title"]

    def __str__(self) -> str:
        return self.title


class Question(Translatable):
    """One of the event's own questions: interpretation language, dietary needs …"""

    translated_fields = {"label": "line", "help_text": "line", "choices": "lines"}

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind.choices)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    required = models.BooleanField(_("required"), default=False)
    help_text = models.CharField(_("help text"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position", "id"]

    def translation_owner(self) -> Event:
        return self.event

    def __str__(self) -> str:
        return self.label
