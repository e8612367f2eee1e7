"""The committee register: bodies, committees, their terms, meetings, seats and mandates.

Field names follow OParl 1.1 where there is one (Body, Organization, LegislativeTerm, Meeting,
Membership), so the export (`oparl.py`) is a plain mapping.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gemeinsam.core.enums import FederalState
from gemeinsam.core.models import Translatable

from .enums import HOLDING, BodyLevel, CommitteeKind, MandateStatus, SeatRole


class Body(models.Model):
    """A municipality, district or Land whose committees the register holds (OParl's Body)."""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    level = models.CharField(_("level"), max_length=20, choices=BodyLevel.choices)
    federal_state = models.CharField(
        _("federal state"), max_length=2, choices=FederalState.choices, blank=True
    )
    ags = models.CharField(_("official municipality key (AGS)"), max_length=8, blank=True)
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Committee(Translatable):
    """A committee, council, board, working group or round table of a body, kept in the register
    by the staff of one agency."""

    translated_fields = {"name": "line", "description": "text"}

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="committees"
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("kept by"),
        on_delete=models.PROTECT,
        related_name="committees",
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80)
    kind = models.CharField(_("kind"), max_length=30, choices=CommitteeKind.choices)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    seats_total = models.PositiveSmallIntegerField(_("statutory seats"))
    seats_voting = models.PositiveSmallIntegerField(_("of them with a vote"))
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        ordering = ["body__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["body", "slug"], name="committee_slug_per_body"),
            models.CheckConstraint(
                condition=Q(seats_voting__lte=F("seats_total")),
                name="committee_voting_within_total",
                violation_error_message=_("More seats with a vote than seats in all."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "committees:committee-detail", kwargs={"body": self.body.slug, "slug": self.slug}
        )


class LegislativeTerm(models.Model):
    """A term of a body (Wahlperiode), or one committee's own term when it has one."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="terms")
    committee = models.ForeignKey(
        Committee, null=True, blank=True, on_delete=models.CASCADE, related_name="terms"
    )
    name = models.CharField(_("name"), max_length=100)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["start_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="term_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Meeting(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="meetings")
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    location = models.CharField(_("place"), max_length=300, blank=True)
    is_public = models.BooleanField(_("public meeting"), default=True)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.committee} {self.starts_at:%Y-%m-%d %H:%M}"


class Seat(models.Model):
    """A statutory seat: who proposes for it, who appoints, for which term, with a vote or
    not. A member and an alternate hold it (`Mandate.role`)."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="seats")
    label = models.CharField(_("seat"), max_length=200)
    proposing_body = models.CharField(_("proposed by"), max_length=200, blank=True)
    appointer = models.CharField(_("appointed by"), max_length=200, blank=True)
    term = models.ForeignKey(
        LegislativeTerm,
        verbose_name=_("term"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="seats",
    )
    voting_right = models.BooleanField(_("voting right"), default=True)
    requires_recognition = models.ForeignKey(
        "organizations.RecognitionType",
        verbose_name=_("open to organizations with"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Only organizations with this recognition may be proposed for the seat."),
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.label


class Mandate(models.Model):
    """One person on the way to, holding, or having held a seat, on behalf of an organization.

    The holder stays on after the term ended until a successor to the same seat and role is
    appointed; only then does this mandate become `succeeded`."""

    seat = models.ForeignKey(Seat, on_delete=models.CASCADE, related_name="mandates")
    role = models.CharField(
        _("role"), max_length=20, choices=SeatRole.choices, default=SeatRole.MEMBER
    )
    holder_name = models.CharField(_("person"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mandates",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MandateStatus.choices, default=MandateStatus.INTEREST
    )
    appointed_on = models.DateField(_("appointed on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    meetings_attended = models.PositiveSmallIntegerField(_("meetings attended"), default=0)
    reports_given = models.PositiveSmallIntegerField(_("reports back"), default=0)
    successor = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("note"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        ordering = ["seat__position", "seat_id", "role", "id"]
        constraints = [
            # One holder per seat and role at a time.
            models.UniqueConstraint(
                fields=["seat", "role"],
                condition=Q(status__in=list(HOLDING)),
                name="mandate_one_holder_per_seat_role",
            )
        ]

    def __str__(self) -> str:
        return f"{self.holder_name} ({self.seat})"

    @property
    def is_holding(self) -> bool:
        return self.status in HOLDING


class TermReminder(models.Model):
    """A reminder sent for a holder whose term ends, so that nobody is reminded twice."""

    mandate = models.ForeignKey(Mandate, on_delete=models.CASCADE, related_name="+")
    term_end = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mandate", "term_end"], name="term_reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.mandate} {self.term_end}"
