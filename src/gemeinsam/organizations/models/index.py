"""What the directory search reads: one document per organization and every word, for typo
correction. Written only by `organizations.search.reindex()`."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .directory import Organization


class SearchWord(models.Model):
    """Every word the search documents contain (folded: lower case, no diacritics), for typo
    correction. Written by `organizations.search.reindex()`; words are never removed, a stale
    one only ever suggests a correction that finds nothing."""

    word = models.CharField(max_length=100, primary_key=True)
    length = models.PositiveSmallIntegerField()
    # Written in some document; False: only a form the index adds (a stem, a folded spelling),
    # which corrections never offer.
    written = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")

    def __str__(self) -> str:
        return self.word


class SearchDocument(models.Model):
    """The text the directory search looks at, one row per organization.

    Written only by `organizations.search.reindex()`. `tags` holds one token per facet value.
    On SQLite an FTS5 table mirrors it through triggers; on PostgreSQL a stored `vector` column
    (generated, so invisible to Django) with a GIN index serves it. See organizations/search.py.
    """

    organization = models.OneToOneField(
        Organization, primary_key=True, on_delete=models.CASCADE, related_name="search_document"
    )
    title = models.TextField()
    body = models.TextField()
    tags = models.TextField(default="", blank=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self) -> str:
        return self.title


class SearchChange(models.Model):
    """One search document written or removed, in the order of the commits: the log from which
    every server process keeps its facet index (`organizations.search.facets`) up to date.

    Written only by database triggers on the documents' table (migration 0011), so a deleted
    organization is logged too; the triggers also drop entries 100,000 behind the newest.
    `token` tells a reused number apart (SQLite gives a rolled-back number again). On
    PostgreSQL a column `xid` (invisible to Django) holds the writing transaction, as numbers
    there are drawn before the commit and may commit out of order."""

    organization_id = models.BigIntegerField()
    token = models.BigIntegerField()

    class Meta:
        verbose_name = _("search change")
        verbose_name_plural = _("search changes")

    def __str__(self) -> str:
        return f"{self.pk}: {self.organization_id}"
