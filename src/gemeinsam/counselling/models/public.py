"""What asking for counselling leaves: the topics one asks about, the person (`Contact`, one
record across requests and cases; nothing about origin or religion), their consent, the request."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeinsam.agencies.models import Agency
from gemeinsam.core.enums import FederalState
from gemeinsam.core.localized import LocalizedNameModel
from gemeinsam.organizations.models import Organization, WorkingLanguage

from ..enums import (
    Channel,
    ConsentPurpose,
    RequestStatus,
    RoutedBy,
)


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Topic(LocalizedNameModel):
    """What counselling is about: founding an association, funding applications, …"""

    class Meta(LocalizedNameModel.Meta):
        verbose_name = _("counselling topic")
        verbose_name_plural = _("counselling topics")


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
