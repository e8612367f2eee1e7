"""Imports of organizations from the spreadsheets agencies keep."""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..interchange.enums import ImportStatus, ImportStep


def _import_path(instance, filename: str) -> str:
    # A random name: the upload holds contact data, and its original name is kept in the row.
    suffix = Path(filename).suffix.lower()[:8]
    return f"imports/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class ImportBatch(models.Model):
    """One uploaded spreadsheet of organizations, from upload through mapping to apply.

    The file stays in the default storage so the mapping can be changed and checked again
    without uploading it anew, until it is applied (or left unapplied for
    `interchange.retention.KEEP_UNAPPLIED`): then it is deleted, since it holds names, e-mail
    addresses and phone numbers. Applying runs as a background job that reports its progress
    here. See `organizations.interchange`.
    """

    file = models.FileField(_("file"), upload_to=_import_path, blank=True)
    original_name = models.CharField(_("file name"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    mapping = models.JSONField(
        _("column mapping"),
        default=list,
        blank=True,
        help_text=_("The target field of each column, in the order of the file."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    summary = models.JSONField(_("result"), default=dict, blank=True)
    decisions = models.JSONField(
        _("decisions"),
        default=dict,
        blank=True,
        help_text=_("What to do with each likely duplicate, by row number."),
    )
    language = models.CharField(_("language"), max_length=8, blank=True)
    step = models.CharField(_("step"), max_length=20, choices=ImportStep.choices, blank=True)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    rows_total = models.PositiveIntegerField(_("rows in all"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)
    file_deleted_at = models.DateTimeField(_("file deleted"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.original_name
