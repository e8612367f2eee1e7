"""Registrations: one person's place (or place in line), a group registered together, and
the answers to the event's questions."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeinsam.organizations.models import (
    Organization,
)

from ..enums import (
    ACTIVE_STATUSES,
    RegistrationStatus,
)
from .events import Event, Question


def new_token() -> str:
    """An unguessable personal link token (192 bits)."""
    return secrets.token_urlsafe(24)


class RegistrationGroup(models.Model):
    """Several people registered at once by one person; confirmed or waitlisted as a whole."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="groups")
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    contact_email = models.EmailField(_("contact email"))
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("group registration")
        verbose_name_plural = _("group registrations")

    def __str__(self) -> str:
        return f"{self.event} – {self.contact_email}"

    def get_absolute_url(self) -> str:
        return reverse("events:group-detail", kwargs={"token": self.token})


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)

    def waitlist(self):
        return self.filter(status=RegistrationStatus.WAITLISTED).order_by("queued_at", "id")


class Registration(models.Model):
    """One participant's place (or wait) at one event, reached through an unguessable link."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    group = models.ForeignKey(
        RegistrationGroup,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), max_length=254)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    organization_name = models.CharField(_("organization"), max_length=200, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RegistrationStatus.choices, db_index=True
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    # The wording the person was shown and agreed to, in the language they read it in.
    consent_text = models.TextField(_("consent given to"), blank=True)
    consent_language = models.CharField(
        _("language of the consent"), max_length=8, choices=settings.LANGUAGES, blank=True
    )
    consented_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    queued_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["event", "status", "queued_at"], name="registration_queue")]
        constraints = [
            # One active registration per email and event: a second attempt shows the first.
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=models.Q(status__in=[s.value for s in ACTIVE_STATUSES]),
                name="registration_once_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.event}"

    def get_absolute_url(self) -> str:
        return reverse("events:registration-detail", kwargs={"token": self.token})

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def organization_label(self) -> str:
        return self.organization.name if self.organization_id else self.organization_name


class Answer(models.Model):
    """A participant's answer to one of the event's questions (text or list of choices)."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.JSONField(default=str, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["registration", "question"], name="answer_once")
        ]

    def __str__(self) -> str:
        return self.display

    @property
    def display(self) -> str:
        if isinstance(self.value, list):
            return ", ".join(str(v) for v in self.value)
        if isinstance(self.value, bool):
            return str(_("yes") if self.value else _("no"))
        return str(self.value)
