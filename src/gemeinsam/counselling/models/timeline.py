"""A case's timeline: sessions, internal notes, tasks, documents (kept outside the web root),
outcomes; the break-glass record and the access log of confidential reads; the notes key check.
Notes and session summaries are encrypted at rest (`crypto.EncryptedTextField`)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver
from django.utils import timezone
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _

from ..crypto import EncryptedFileSystemStorage, EncryptedTextField
from ..enums import (
    AccessKind,
    Channel,
    OutcomeKind,
)
from .cases import Case, TemplateStep


class _PrivateStorage(LazyObject):
    """Case documents live outside the web root, encrypted with the notes keys, and are served
    only by a view that checks."""

    def _setup(self):
        self._wrapped = EncryptedFileSystemStorage(location=settings.GEMEINSAM_PRIVATE_MEDIA_ROOT)


private_storage = _PrivateStorage()


@receiver(setting_changed)
def _private_root_changed(*, setting, **kwargs):
    if setting == "GEMEINSAM_PRIVATE_MEDIA_ROOT":
        private_storage._wrapped = empty


def _private_storage():
    return private_storage


class Session(models.Model):
    """A counselling session. The summary is internal (encrypted); next steps are shared."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("date"), db_index=True)
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"))
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    participants = models.CharField(_("participants"), max_length=500, blank=True)
    summary = EncryptedTextField(_("summary (internal)"), blank=True)
    next_steps = models.TextField(_("agreed next steps (shared)"), blank=True)
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gt=0, duration_minutes__lte=24 * 60),
                name="session_duration_within_a_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case.reference} {self.held_on}"


class Note(models.Model):
    """An internal note: encrypted, visible to the case's advisors only, every read logged."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    body = EncryptedTextField(_("note"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.case.reference} {self.created_at:%Y-%m-%d}"


class Task(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task"), max_length=300)
    due_on = models.DateField(_("due"), null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="counselling_tasks",
        verbose_name=_("assigned to"),
    )
    is_shared = models.BooleanField(_("shown to the organization"), default=False)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    template_step = models.ForeignKey(
        TemplateStep, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["done_at", "due_on", "id"]

    def __str__(self) -> str:
        return self.title


def document_path(instance: Document, filename: str) -> str:
    # The stored name is random; the person's file name is kept (cleaned) in `original_name`.
    return f"cases/{instance.case_id}/{secrets.token_hex(16)}"


class Document(models.Model):
    """An upload on a case, stored outside the web root, served only after a permission check."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(storage=_private_storage, upload_to=document_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    is_shared = models.BooleanField(_("shared with the organization"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.original_name


class Outcome(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(_("outcome"), max_length=40, choices=OutcomeKind.choices)
    achieved_on = models.DateField(_("date"), db_index=True)
    programme = models.CharField(_("programme"), max_length=200, blank=True)
    amount = models.DecimalField(
        _("amount (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["-achieved_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0),
                name="outcome_amount_not_negative",
            )
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class BreakGlass(models.Model):
    """A manager opened a case's confidential parts with a recorded reason (valid for a while)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="break_glass")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("reason"))
    at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = _("break-glass access")
        verbose_name_plural = _("break-glass accesses")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.user} {self.case.reference}"


class AccessLogEntry(models.Model):
    """Who read which confidential part of a case, when. Written on every read."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="access_log")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=AccessKind.choices)
    object_repr = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} {self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"


class KeyCheck(models.Model):
    """One encrypted known value: opening it at start proves the notes key is the right one."""

    value = EncryptedTextField()

    class Meta:
        verbose_name = _("key check")

    def __str__(self) -> str:
        return "key check"
