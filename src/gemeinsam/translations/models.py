"""Reviewer comments on translations, and the glossary of social-law terms."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _


class TranslationComment(models.Model):
    """A reviewer's remark on one field's translation into one language (wagtail-localize's
    users ask for these, its #962): about the whole field, or one paragraph of it.

    It names the content the way `core.ContentTranslation` does (type, id, field, language),
    so a comment can be made before any translation exists.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(_("field"), max_length=60)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    paragraph = models.PositiveIntegerField(_("paragraph"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    class Meta:
        verbose_name = _("translation comment")
        verbose_name_plural = _("translation comments")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id", "language"])]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id} {self.field} [{self.language}]"

    @property
    def resolved(self) -> bool:
        return self.resolved_at is not None


class GlossaryEntry(models.Model):
    """How one German term of social law is said in one other language, with an explanation
    for readers (in that language). A machine backend receives the entries of its language
    pair; the editor shows the entries found in a paragraph; readers open them at /glossary/."""

    source_term = models.CharField(_("German term"), max_length=200)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    target_term = models.CharField(_("term"), max_length=200)
    note = models.TextField(_("explanation"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("glossary entry")
        verbose_name_plural = _("glossary")
        ordering = ["source_term", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_term", "language"], name="translations_glossary_term_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source_term} → {self.target_term} [{self.language}]"

    @property
    def direction(self) -> str:
        return "rtl" if get_language_info(self.language)["bidi"] else "ltr"
