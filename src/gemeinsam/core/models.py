from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import AuditAction


class AuditLogEntry(models.Model):
    """Who changed what, when: organizations, memberships and roles (append-only)."""

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(_("object type"), max_length=60, db_index=True)
    object_id = models.CharField(_("object id"), max_length=40, db_index=True)
    object_repr = models.CharField(_("object"), max_length=200)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        # By id: the admin's titles show this, and entries about confidential apps
        # (counselling) must not show what their objects say.
        when = f"{self.created_at:%Y-%m-%d %H:%M}"
        return f"{when} {self.action} {self.object_type} #{self.object_id}"


class ContentTranslation(models.Model):
    """One field of one object in one language other than German, kept paragraph by paragraph.

    `segments` is a list, one entry per paragraph of the translation: `source`, the German
    paragraph as it was when it was translated; `text`, the translation; `origin`, person or
    machine; `reviewed`, whether a person has checked a machine's text. The status of a
    paragraph is never stored: it follows from comparing `source` with today's German
    (`core.content`), so a change to German paragraph 2 outdates only paragraph 2, and saving
    without changing the German outdates nothing.

    `in_translation_since` is set while the text is out at a translation agency (an XLIFF
    export): the editor then warns before anyone changes it by hand.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    owner = GenericForeignKey("content_type", "object_id")
    field = models.CharField(_("field"), max_length=60)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    segments = models.JSONField(_("paragraphs"), default=list, blank=True)
    in_translation_since = models.DateTimeField(_("at the translation agency since"), null=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="core_content_translation_once",
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id} {self.field} [{self.language}]"


class Translatable(models.Model):
    """Abstract base of every model whose texts people write and readers read in their language.

    A subclass names its texts in `translated_fields` ({field: how it splits}: `"line"` for a
    one-line text, `"text"` for paragraphs, `"lines"` for one item per line or a list); the
    German value stays in the field itself, the other languages in `ContentTranslation` rows
    reached through `translations` (deleted with the object). `core.content` reads and writes
    them.
    """

    translated_fields: dict[str, str] = {}
    translations = GenericRelation(ContentTranslation)

    class Meta:
        abstract = True

    def translation_owner(self) -> "Translatable":
        """The record a change of these translations changes (a question's event)."""
        return self


class WorkerHeartbeat(models.Model):
    """When each task worker last went round its loop; `/readyz` asks whether any did lately.

    Every application server must see every worker's beat, so it lives in the database they all
    share. A table of its own rather than keys in the database cache: cache keys cannot be
    listed ("did *any* worker beat in the last minutes?" would need to know every worker's id
    beforehand), and a cache may be cleared or swapped for a per-process one. One row per
    worker; workers delete rows a day old, so ids of workers long gone do not pile up.
    """

    # Not in the admin: the rows say nothing a person needs to read.
    worker_id = models.CharField(max_length=64, primary_key=True)
    beat_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.worker_id} {self.beat_at:%Y-%m-%d %H:%M:%S}"


class ScheduledRun(models.Model):
    """One run of a daily or nightly job (`core.schedule`), keyed by the job and its due time.

    The key is unique, so two processes that queue tomorrow's run at the same moment queue it
    once; a run is claimed by setting `started_at` where it is still empty, so a run that was
    queued twice anyway (or whose task a dead worker left behind) is carried out once.
    """

    job = models.CharField(max_length=200)
    due_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "due_at"], name="core_scheduled_run_once")
        ]

    def __str__(self) -> str:
        return f"{self.job} {self.due_at:%Y-%m-%d %H:%M}"
