"""Cases: counselling for one or more organizations by one agency, and the templates they may
start from."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeinsam.agencies.models import Agency, Project
from gemeinsam.core.localized import LocalizedNameModel
from gemeinsam.organizations.models import Organization, WorkingLanguage

from ..enums import (
    CaseStatus,
    CaseType,
)
from .public import Contact, Request, Topic


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
