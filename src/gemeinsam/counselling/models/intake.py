"""Where requests go and how they move: agencies' coverage areas, advisors' topics, and the
forwarding of a request or a case to another agency."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeinsam.agencies.models import Agency
from gemeinsam.core.enums import FederalState

from .public import Request, Topic


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
