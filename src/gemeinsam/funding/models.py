"""Funding programmes and readiness checks, with their rules as versioned data.

A rule document (see `ruledoc`) never changes once stored: editing a programme's or a check's
rules stores a new `RuleVersion`, and a stored result names the version that produced it.
"""

from __future__ import annotations

import calendar
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from gemeinsam.core.localized import LocalizedNameModel
from gemeinsam.core.models import Translatable
from gemeinsam.organizations.models import FieldOfActivity, Organization

from . import ruledoc
from .enums import Level, ProgrammeKind, Status

OUTDATED_AFTER = datetime.timedelta(days=365)


class RulesOwner(models.Model):
    """Something with rules: a programme or a readiness check."""

    class Meta:
        abstract = True

    @property
    def current_rules(self) -> RuleVersion | None:
        prefetched = getattr(self, "_prefetched_objects_cache", {}).get("rule_versions")
        if prefetched is not None:
            return max(prefetched, key=lambda version: version.number, default=None)
        return self.rule_versions.order_by("-number").first()


class Programme(RulesOwner, Translatable):
    """A funding programme, with its values as data: each with its source and checked date, and
    the values nobody has confirmed yet listed in `unverified`. Its name and summary are read in
    the reader's language (`core.content`); the rules carry their own languages."""

    translated_fields = {"name": "line", "summary": "text"}

    code = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=300)
    funder = models.CharField(_("funder"), max_length=300)
    kind = models.CharField(_("kind of funding"), max_length=20, choices=ProgrammeKind.choices)
    fields = models.ManyToManyField(
        FieldOfActivity, blank=True, related_name="programmes", verbose_name=_("fields of activity")
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    federal_states = models.JSONField(_("federal states"), default=list, blank=True)
    amount_min = models.DecimalField(
        _("smallest amount (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    amount_max = models.DecimalField(
        _("largest amount (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    funding_rate_percent = models.DecimalField(
        _("funding rate (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    own_share_percent = models.DecimalField(
        _("own share (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    duration_months = models.PositiveSmallIntegerField(
        _("duration (months)"), null=True, blank=True
    )
    deadline = models.JSONField(_("deadline"), default=dict, blank=True)
    passes_on = models.BooleanField(_("funds may be passed on to partners"), null=True, blank=True)
    volunteer_work_counts = models.BooleanField(
        _("volunteer work counts as own share"), null=True, blank=True
    )
    application_url = models.URLField(_("application"), max_length=500, blank=True)
    source_url = models.URLField(_("source"), max_length=500)
    checked_on = models.DateField(_("checked on"))
    unverified = models.JSONField(_("unverified values"), default=list, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_min__isnull=True)
                | models.Q(amount_max__isnull=True)
                | models.Q(amount_min__lte=models.F("amount_max")),
                name="programme_amounts_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def possibly_outdated(self, today: datetime.date) -> bool:
        """Not checked for twelve months: shown as possibly outdated."""
        return self.checked_on < today - OUTDATED_AFTER

    def next_deadline(self, today: datetime.date) -> datetime.date | None:
        kind = self.deadline.get("kind")
        if kind == "fixed":
            upcoming = sorted(
                d
                for d in map(datetime.date.fromisoformat, self.deadline.get("dates", []))
                if d >= today
            )
            return upcoming[0] if upcoming else None
        if kind == "yearly":
            month, day = self.deadline["month"], self.deadline["day"]
            this_year = _yearly(today.year, month, day)
            return this_year if this_year >= today else _yearly(today.year + 1, month, day)
        return None


def _yearly(year: int, month: int, day: int) -> datetime.date:
    """The yearly date in `year`; a deadline on 29 February falls on the 28th in other years."""
    return datetime.date(year, month, min(day, calendar.monthrange(year, month)[1]))


class ReadinessCheck(RulesOwner, LocalizedNameModel):
    """A guide as an interactive checklist: association, § 75 recognition, Kita, AZAV …"""

    class Meta(LocalizedNameModel.Meta):
        verbose_name = _("readiness check")
        verbose_name_plural = _("readiness checks")

    def __str__(self) -> str:
        return self.label


class RuleVersion(models.Model):
    """One stored, validated rule document of a programme or a check. Never edited."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, null=True, blank=True, related_name="rule_versions"
    )
    readiness_check = models.ForeignKey(
        ReadinessCheck,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="rule_versions",
    )
    number = models.PositiveIntegerField(_("version"))
    document = models.JSONField(_("rules"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("rule version")
        verbose_name_plural = _("rule versions")
        ordering = ["-number"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(programme__isnull=True, readiness_check__isnull=False)
                | models.Q(programme__isnull=False, readiness_check__isnull=True),
                name="rule_version_has_one_owner",
            ),
            models.UniqueConstraint(
                fields=["programme", "number"], name="rule_version_once_per_programme"
            ),
            models.UniqueConstraint(
                fields=["readiness_check", "number"], name="rule_version_once_per_check"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme or self.readiness_check} v{self.number}"

    def clean(self) -> None:
        try:
            ruledoc.validate(self.document)
        except ruledoc.RuleError as error:
            raise ValidationError(
                {
                    "document": [
                        f"{where}: {what}" if where else what for where, what in error.problems
                    ]
                }
            ) from error


class ReadinessResult(models.Model):
    """A check's answer for an organization on a day, kept so progress can be followed."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="readiness_results"
    )
    rule_version = models.ForeignKey(RuleVersion, on_delete=models.PROTECT, related_name="+")
    # The rule version's check, and whether this is the organization's last saved result of it
    # (`services.save_result` keeps both): the staff overview joins every check's last results
    # through one unique index instead of sorting each organization's results per check.
    readiness_check = models.ForeignKey(
        ReadinessCheck, on_delete=models.CASCADE, related_name="+", editable=False
    )
    is_latest = models.BooleanField(default=True, editable=False)
    facts = models.JSONField(_("facts"))
    statuses = models.JSONField(_("requirements"))
    status = models.CharField(_("result"), max_length=10, choices=Status.choices)
    as_of = models.DateField(_("date"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("readiness result")
        verbose_name_plural = _("readiness results")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "readiness_check"],
                condition=models.Q(is_latest=True),
                name="one_latest_readiness_result",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.rule_version} {self.status}"


class WatchedProgramme(models.Model):
    """A programme someone keeps an eye on, optionally for one of their organizations; they get
    a reminder mail before its next deadline (see `tasks`). Watched through
    `services.watch_programme`, which refuses an organization the person is not a confirmed
    member of."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="watched_programmes"
    )
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="watchers")
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("for organization"),
    )
    created_at = models.DateTimeField(_("watched since"), auto_now_add=True)

    class Meta:
        verbose_name = _("watched programme")
        verbose_name_plural = _("watched programmes")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "programme"], name="programme_watched_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.programme}"


class DeadlineReminder(models.Model):
    """A reminder step sent to someone for one deadline of a programme, so that nobody is mailed
    twice for the same deadline and step. Kept per person and programme (not per watch), so
    that watching again after stopping does not repeat a reminder already sent."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    deadline = models.DateField(_("deadline"))
    days_before = models.PositiveSmallIntegerField(_("days before"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("deadline reminder")
        verbose_name_plural = _("deadline reminders")
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "programme", "deadline", "days_before"],
                name="deadline_reminder_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.programme} {self.deadline} −{self.days_before}"
