"""Guides as step-by-step journeys of an agency, with their texts in every language.

A guide's steps are ordered; a step may be optional, and steps that share a group are
alternatives (either … or). A step may name a readiness check's requirement by its key, so that
a member sees it as done, missing or unknown for their organization (`progress`). German is in
the rows; the other languages are `core.ContentTranslation` rows (`core.content`).
"""

from __future__ import annotations

import calendar
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from gemeinsam.agencies.models import Agency
from gemeinsam.core.models import Translatable
from gemeinsam.counselling.models import Topic
from gemeinsam.funding.models import Programme, ReadinessCheck
from gemeinsam.organizations.models import Organization, RecognitionType

from .enums import LINK_HELP, REVIEW_AFTER_MONTHS, Addressee, GuideStatus


def months_later(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the 31st becomes the month's last day (31 August → 28 or
    29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def parse_links(text: str) -> list[dict]:
    """Links written one a line, "https://… what it is called" → [{"url", "label"}]."""
    links = []
    for line in text.splitlines():
        url, _space, label = line.strip().partition(" ")
        if url:
            links.append({"url": url, "label": label.strip() or url})
    return links


def links_problem(text: str) -> str:
    """Why the links cannot be stored, or "" (only web addresses, one a line)."""
    for link in parse_links(text):
        if not link["url"].startswith(("https://", "http://")) or len(link["url"]) > 500:
            return str(_("Each line must start with a web address (https://…)."))
    return ""


class Guide(Translatable):
    """An agency's guide: what it takes to reach a goal, step by step."""

    translated_fields = {"title": "line", "summary": "text", "change_note": "text"}

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="guides")
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=GuideStatus.choices, default=GuideStatus.DRAFT
    )
    as_of = models.DateField(_("as of"))
    change_note = models.TextField(_("what changed"), blank=True)
    review_on = models.DateField(_("review by"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    counselling_topic = models.ForeignKey(
        Topic,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("counselling topic"),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # The review date its owner was last reminded of (a new review date reminds again).
    review_reminded_for = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("guide")
        verbose_name_plural = _("guides")
        ordering = ["title", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(review_on__gte=models.F("as_of")),
                name="guide_review_after_as_of",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=GuideStatus.values), name="guide_status_known"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @staticmethod
    def default_review(as_of: datetime.date) -> datetime.date:
        return months_later(as_of, REVIEW_AFTER_MONTHS)

    def review_due(self, today: datetime.date) -> bool:
        return self.review_on <= today

    @property
    def is_published(self) -> bool:
        return self.status == GuideStatus.PUBLISHED

    def clean(self) -> None:
        if self.as_of and self.review_on and self.review_on < self.as_of:
            raise ValidationError({"review_on": _("The review cannot come before the as-of date.")})


class Step(Translatable):
    """One step of a guide. Steps with the same group next to each other are alternatives."""

    translated_fields = {
        "title": "line",
        "text": "text",
        "documents": "lines",
        "legal_basis": "line",
        "decides": "line",
    }

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True)
    documents = models.TextField(
        _("documents to prepare"), blank=True, help_text=_("One document a line.")
    )
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    decides = models.CharField(_("who decides"), max_length=300, blank=True)
    links = models.TextField(_("links"), blank=True, help_text=LINK_HELP)
    optional = models.BooleanField(_("optional"), default=False)
    group = models.CharField(
        _("either/or group"),
        max_length=20,
        blank=True,
        help_text=_(
            "Steps next to each other with the same group are alternatives: one is enough."
        ),
    )
    readiness_check = models.ForeignKey(
        ReadinessCheck,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("readiness check"),
    )
    requirement_key = models.CharField(_("requirement"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["guide", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["guide", "position"], name="step_position_once"),
            models.CheckConstraint(
                condition=models.Q(readiness_check__isnull=True, requirement_key="")
                | models.Q(readiness_check__isnull=False) & ~models.Q(requirement_key=""),
                name="step_check_and_key_together",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.guide} {self.position}. {self.title}"

    def translation_owner(self) -> Guide:
        return self.guide

    @property
    def document_list(self) -> list[str]:
        return [line.strip() for line in self.documents.splitlines() if line.strip()]

    @property
    def link_list(self) -> list[dict]:
        return parse_links(self.links)

    def clean(self) -> None:
        problem = links_problem(self.links)
        if problem:
            raise ValidationError({"links": problem})
        if bool(self.readiness_check_id) != bool(self.requirement_key):
            raise ValidationError(
                {"requirement_key": _("Choose a readiness check and one of its requirements.")}
            )
        if self.readiness_check_id and self.requirement_key:
            version = self.readiness_check.current_rules
            keys = {r["key"] for r in version.document["requirements"]} if version else set()
            if self.requirement_key not in keys:
                raise ValidationError(
                    {"requirement_key": _("This check's current rules have no such requirement.")}
                )


class Portrait(Translatable):
    """An organization that went a guide's way, told with its consent. Published only with a
    recorded consent; withdrawn (by the organization or the agency), it is gone from every page
    at once and cannot be published again until a new consent is recorded."""

    translated_fields = {"title": "line", "text": "text"}

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="portraits")
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="portraits",
        verbose_name=_("organization"),
    )
    guides = models.ManyToManyField(
        Guide, blank=True, related_name="portraits", verbose_name=_("guides")
    )
    programmes = models.ManyToManyField(
        Programme, blank=True, related_name="+", verbose_name=_("funding programmes obtained")
    )
    recognitions = models.ManyToManyField(
        RecognitionType, blank=True, related_name="+", verbose_name=_("recognitions obtained")
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    status = models.CharField(
        _("status"), max_length=12, choices=GuideStatus.choices, default=GuideStatus.DRAFT
    )
    consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consent given by"),
    )
    consent_on = models.DateField(_("consent given on"), null=True, blank=True)
    review_on = models.DateField(_("review by"))
    withdrawn_at = models.DateTimeField(_("consent withdrawn"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("portrait")
        verbose_name_plural = _("portraits")
        ordering = ["title", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=GuideStatus.PUBLISHED)
                | models.Q(consent_on__isnull=False, withdrawn_at__isnull=True),
                name="portrait_published_only_with_consent",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == GuideStatus.PUBLISHED and self.withdrawn_at is None


class Recommendation(Translatable):
    """What an agency recommends to politics, providers or migrant organizations, on what it
    rests (survey indicators, sources), and what became of it (`RecommendationUpdate`)."""

    translated_fields = {"title": "line", "text": "text", "basis": "lines"}

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="recommendations")
    guide = models.ForeignKey(
        Guide,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name=_("guide"),
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True)
    basis = models.TextField(
        _("rests on"),
        blank=True,
        help_text=_("Survey indicators or sources, one a line."),
    )
    addressees = models.JSONField(_("addressed to"), default=list)
    status = models.CharField(
        _("status"), max_length=12, choices=GuideStatus.choices, default=GuideStatus.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def addressee_labels(self) -> list[str]:
        return [str(Addressee(code).label) for code in self.addressees if code in Addressee.values]


class RecommendationUpdate(Translatable):
    """Where a recommendation stands: "raised in the youth welfare committee of …"."""

    translated_fields = {"text": "text"}

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="updates"
    )
    on = models.DateField(_("date"))
    text = models.TextField(_("what happened"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("status update")
        verbose_name_plural = _("status updates")
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"{self.recommendation} {self.on}"

    def translation_owner(self) -> Recommendation:
        return self.recommendation
