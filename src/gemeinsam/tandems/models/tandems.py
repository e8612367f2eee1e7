"""The tandems formed in a call, and their agreement: goals with an owner from each side,
milestones, who receives the money, and both sides' acceptance of the current version."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..enums import Phase, Side
from .calls import TandemCall


class Tandem(models.Model):
    """Two organizations paired in a call: the migrant organization and its partner, with the
    reasons the pair was suggested for."""

    call = models.ForeignKey(
        TandemCall, verbose_name=_("call"), on_delete=models.CASCADE, related_name="tandems"
    )
    migrant_org = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("migrant organization"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    partner = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("partner organization"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recipient = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("receives the money"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    grant = models.DecimalField(_("grant (€)"), max_digits=12, decimal_places=2, default=0)
    reasons = models.JSONField(default=dict, blank=True)
    score = models.IntegerField(default=0)
    formed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The agreement: every change of its goals, milestones or recipient makes a new version,
    # which each side accepts again (a signature names the version it accepted).
    agreement_version = models.PositiveIntegerField(default=1)
    mo_signed_version = models.PositiveIntegerField(null=True, blank=True)
    mo_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    mo_signed_at = models.DateTimeField(null=True, blank=True)
    partner_signed_version = models.PositiveIntegerField(null=True, blank=True)
    partner_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    partner_signed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("tandem")
        verbose_name_plural = _("tandems")
        ordering = ["call", "migrant_org__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["call", "migrant_org"], name="tandem_mo_once_per_call"),
            models.UniqueConstraint(
                fields=["call", "partner"], name="tandem_partner_once_per_call"
            ),
            models.CheckConstraint(
                condition=~models.Q(partner=models.F("migrant_org")),
                name="tandem_two_organizations",
            ),
            models.CheckConstraint(
                condition=models.Q(grant__gte=0), name="tandem_grant_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.migrant_org} + {self.partner}"

    def get_absolute_url(self) -> str:
        return reverse("tandems:tandem-detail", kwargs={"pk": self.pk})

    @property
    def mo_signed(self) -> bool:
        return self.mo_signed_version == self.agreement_version

    @property
    def partner_signed(self) -> bool:
        return self.partner_signed_version == self.agreement_version

    @property
    def agreed(self) -> bool:
        return self.mo_signed and self.partner_signed

    def organization_of(self, side: str):
        return self.migrant_org if side == Side.MIGRANT_ORG else self.partner


class Goal(models.Model):
    """A goal of the tandem's agreement, with the side that owns it."""

    tandem = models.ForeignKey(Tandem, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField(_("goal"), max_length=300)
    owner = models.CharField(_("owned by"), max_length=10, choices=Side.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text


class Milestone(models.Model):
    """A milestone of the tandem's agreement, with its date."""

    tandem = models.ForeignKey(Tandem, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=300)
    due_on = models.DateField(_("due on"))

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class Evaluation(models.Model):
    """One side's answers to the evaluation in one phase ({item code: 1..5})."""

    tandem = models.ForeignKey(Tandem, on_delete=models.CASCADE, related_name="evaluations")
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    phase = models.CharField(_("phase"), max_length=10, choices=Phase.choices)
    answers = models.JSONField(default=dict)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["tandem", "phase", "side"]
        constraints = [
            models.UniqueConstraint(
                fields=["tandem", "side", "phase"], name="tandem_evaluation_once_per_phase"
            )
        ]

    def __str__(self) -> str:
        return f"{self.tandem}: {self.side} {self.phase}"
