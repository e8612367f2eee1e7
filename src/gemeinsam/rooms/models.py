import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gemeinsam.core.models import Translatable

from .enums import BookingStatus, RoomKind


class Room(Translatable):
    """A room or co-working desk an agency lends to organizations and uses for its events.

    What people write about it is read in the reader's language (`core.content`); the address
    is not translated.
    """

    translated_fields = {
        "name": "line",
        "description": "text",
        "equipment": "lines",
        "accessibility": "text",
    }

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.CASCADE, related_name="rooms"
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80)
    kind = models.CharField(_("kind"), max_length=20, choices=RoomKind.choices)
    capacity = models.PositiveSmallIntegerField(_("capacity (people)"))
    equipment = models.TextField(_("equipment"), blank=True, help_text=_("One item per line."))
    accessibility = models.TextField(_("accessibility"), blank=True)
    description = models.TextField(_("description"), blank=True)
    location = models.CharField(_("address"), max_length=300, blank=True)
    is_active = models.BooleanField(_("can be booked"), default=True)

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["agency", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "slug"], name="room_slug_per_agency")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("rooms:room-detail", kwargs={"agency": self.agency.slug, "slug": self.slug})

    def equipment_list(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.equipment.splitlines() if line.strip(" -•\t")]


class Closure(models.Model):
    """Days the agency (or one room) is closed: no bookings, existing ones are cancelled."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="closures",
    )
    room = models.ForeignKey(
        Room,
        verbose_name=_("room"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="closures",
        help_text=_("Leave empty when the whole agency is closed."),
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    reason = models.CharField(_("reason"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="closure_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.starts_on} – {self.ends_on}: {self.reason}"


class Booking(models.Model):
    """A request for, or a booking of, a room for a time span.

    Approved bookings of one room never overlap: `services` checks that under the room's lock.
    Weekly requests create one booking per week sharing a `series` id.
    """

    room = models.ForeignKey(
        Room, verbose_name=_("room"), on_delete=models.CASCADE, related_name="bookings"
    )
    title = models.CharField(_("purpose"), max_length=200)
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="room_bookings",
    )
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="room_bookings",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    status = models.CharField(
        _("status"), max_length=20, choices=BookingStatus.choices, default=BookingStatus.REQUESTED
    )
    series = models.UUIDField(null=True, blank=True, db_index=True, default=None)
    attendees = models.PositiveSmallIntegerField(_("people"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    decision_note = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["room", "status", "starts_at"], name="booking_room_time")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="booking_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.room}: {self.title}"

    @staticmethod
    def new_series() -> uuid.UUID:
        return uuid.uuid4()
