"""Appointments with the people counselled, with the invitations' UID (for calendars)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gemeinsam.agencies.models import Agency

from ..enums import (
    Channel,
)
from .cases import Case
from .public import Contact, new_token


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
