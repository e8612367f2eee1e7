import secrets
import uuid
from pathlib import Path

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import connection, models
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeinsam.core.enums import FederalState
from gemeinsam.core.localized import LocalizedNameModel
from gemeinsam.core.models import TranslatedText

from .enums import (
    CONFIRMATION_INTERVAL_DAYS,
    FundingKind,
    IncomeBand,
    MembershipRole,
    MembershipStatus,
    OrganizationKind,
)
from .interchange.enums import ImportStatus, ImportStep

postcode_validator = RegexValidator(r"^\d{5}$", _("A German postcode has five digits."))


# --- Reference data (managed by platform admins) ----------------------------------------------


class FieldOfActivity(LocalizedNameModel):
    class Meta(LocalizedNameModel.Meta):
        verbose_name = _("field of activity")
        verbose_name_plural = _("fields of activity")


class TargetGroup(LocalizedNameModel):
    class Meta(LocalizedNameModel.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class WorkingLanguage(LocalizedNameModel):
    """A language an organization works in (ISO 639 code), with its text direction."""

    is_rtl = models.BooleanField(_("right to left"), default=False)

    class Meta(LocalizedNameModel.Meta):
        verbose_name = _("working language")
        verbose_name_plural = _("working languages")


class LegalForm(LocalizedNameModel):
    class Meta(LocalizedNameModel.Meta):
        verbose_name = _("legal form")
        verbose_name_plural = _("legal forms")


class RecognitionType(LocalizedNameModel):
    """Charitable status, § 75 SGB VIII, AZAV, welfare-association membership …"""

    has_authority = models.BooleanField(_("has an issuing authority"), default=False)
    has_expiry = models.BooleanField(_("expires"), default=False)

    class Meta(LocalizedNameModel.Meta):
        verbose_name = _("recognition type")
        verbose_name_plural = _("recognition types")


# --- The organization record ---------------------------------------------------------------------


# The fields of the profile form, in the order the form shows them; the audit log records
# changes to the same fields.
PROFILE_FIELDS = [
    "name",
    "short_name",
    "kind",
    "legal_form",
    "register_court",
    "register_number",
    "founded_on",
    "youth_welfare_since",
    "street",
    "postcode",
    "city",
    "district",
    "municipality",
    "federal_state",
    "website",
    "email",
    "phone",
    "contact_name",
    "fields",
    "target_groups",
    "languages",
    "members_count",
    "volunteers_count",
    "paid_staff_fte",
    "income_band",
    "board_migration_majority",
    "is_public",
]


class OrganizationQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def for_listing(self):
        """Each row with the ids of its fields and languages, read in the same query;
        `queries.listed` turns them into the rows a directory page shows."""
        return self.annotate(
            **{f"listed_{name}": _linked_ids(name) for name in ("fields", "languages")}
        )


_listing_sql: dict[str, str] = {}


def listing_sql(ids: str) -> str:
    """The SQL of `Organization.objects.for_listing()` for the organizations whose ids the SQL
    `ids` gives, newest first, for `Organization.objects.raw()`. Django compiles the SELECT once
    per database (it takes no parameters), so a search page builds and compiles no queryset."""
    select = _listing_sql.get(connection.vendor)
    if select is None:
        select, params = Organization.objects.for_listing().order_by().query.sql_with_params()
        assert not params  # the columns and subqueries carry no values
        _listing_sql[connection.vendor] = select
    quote = connection.ops.quote_name
    pk = f"{quote(Organization._meta.db_table)}.{quote('id')}"
    return f"{select} WHERE {pk} IN ({ids}) ORDER BY {pk} DESC"


def _linked_ids(name: str) -> RawSQL:
    """The comma-separated ids an organization's many-to-many relation links it to."""
    relation = Organization._meta.get_field(name)
    quote = connection.ops.quote_name
    column = quote(relation.m2m_reverse_name())
    joined = (
        f"string_agg({column}::text, ',')"
        if connection.vendor == "postgresql"
        else f"group_concat({column})"
    )
    return RawSQL(  # noqa: S611 - names from the model's metadata, no values
        f"SELECT {joined} FROM {quote(relation.remote_field.through._meta.db_table)} "  # noqa: S608
        f"WHERE {quote(relation.m2m_column_name())} = "
        f"{quote(Organization._meta.db_table)}.{quote('id')}",
        (),
    )


class Organization(models.Model):
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(
        _("kind"), max_length=30, choices=OrganizationKind.choices, db_index=True
    )
    legal_form = models.ForeignKey(
        LegalForm, verbose_name=_("legal form"), null=True, blank=True, on_delete=models.PROTECT
    )
    register_court = models.CharField(_("register court"), max_length=100, blank=True)
    register_number = models.CharField(_("register number"), max_length=40, blank=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    youth_welfare_since = models.DateField(
        _("youth-welfare work since"),
        null=True,
        blank=True,
        help_text=_("The date the organization actually started working in youth welfare."),
    )

    street = models.CharField(_("street"), max_length=200, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=5, blank=True, validators=[postcode_validator]
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    district = models.CharField(_("district"), max_length=100, blank=True)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    federal_state = models.CharField(
        _("federal state"), max_length=2, choices=FederalState.choices, blank=True, db_index=True
    )

    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    contact_name = models.CharField(_("public contact person"), max_length=150, blank=True)

    fields = models.ManyToManyField(
        FieldOfActivity, verbose_name=_("fields of activity"), blank=True, related_name="+"
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="+"
    )
    languages = models.ManyToManyField(
        WorkingLanguage, verbose_name=_("working languages"), blank=True, related_name="+"
    )

    members_count = models.PositiveIntegerField(_("members"), null=True, blank=True)
    volunteers_count = models.PositiveIntegerField(_("volunteers"), null=True, blank=True)
    paid_staff_fte = models.DecimalField(
        _("paid staff (full-time equivalents)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    income_band = models.CharField(
        _("annual income"), max_length=20, choices=IncomeBand.choices, blank=True
    )
    board_migration_majority = models.BooleanField(
        _("board has a majority of people with migration history"), null=True, blank=True
    )

    is_public = models.BooleanField(
        _("public profile"),
        default=False,
        help_text=_("Show this organization in the public directory."),
    )
    last_confirmed_on = models.DateField(_("last confirmed"), null=True, blank=True)
    confirmation_reminded_on = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["kind", "federal_state"]),
            models.Index(fields=["is_public", "name"]),
            models.Index(fields=["register_number"]),
            models.Index(fields=["city"]),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organizations:organization-detail", kwargs={"slug": self.slug})

    def fields_shown(self) -> list:
        """Its fields of activity: those a directory page read with its rows (`queries.listed`),
        else the relation's."""
        rows = self.__dict__.get("_listed_fields")
        return list(self.fields.all()) if rows is None else rows

    def languages_shown(self) -> list:
        """Its working languages, like `fields_shown`."""
        rows = self.__dict__.get("_listed_languages")
        return list(self.languages.all()) if rows is None else rows

    @property
    def confirmation_overdue(self) -> bool:
        if self.last_confirmed_on is None:
            return True
        age = timezone.localdate() - self.last_confirmed_on
        return age.days >= CONFIRMATION_INTERVAL_DAYS


class OrganizationDescription(TranslatedText):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="descriptions"
    )

    class Meta:
        verbose_name = _("description")
        verbose_name_plural = _("descriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "language"], name="organization_description_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} ({self.language})"


class FundingSource(models.Model):
    """How the organization currently funds its work in one field."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="funding_sources"
    )
    field = models.ForeignKey(
        FieldOfActivity, verbose_name=_("field of activity"), on_delete=models.PROTECT
    )
    kind = models.CharField(_("kind of funding"), max_length=20, choices=FundingKind.choices)
    funder = models.CharField(_("funder"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        ordering = ["field__position", "kind"]

    def __str__(self) -> str:
        return f"{self.field}: {self.get_kind_display()}"


class Recognition(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="recognitions"
    )
    type = models.ForeignKey(
        RecognitionType, verbose_name=_("recognition"), on_delete=models.PROTECT
    )
    authority = models.CharField(_("authority"), max_length=200, blank=True)
    granted_on = models.DateField(_("date of notice"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("recognition")
        verbose_name_plural = _("recognitions")
        constraints = [
            models.UniqueConstraint(fields=["organization", "type"], name="recognition_once")
        ]

    def __str__(self) -> str:
        return f"{self.organization}: {self.type}"

    @property
    def is_current(self) -> bool:
        return self.valid_until is None or self.valid_until >= timezone.localdate()


# --- People and organizations -----


class OrganizationMembership(models.Model):
    """A person acting for an organization. A claim is a membership waiting for agency staff."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="org_memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=MembershipRole.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=MembershipStatus.choices, db_index=True
    )
    message = models.TextField(_("message to the agency"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("organization membership")
        verbose_name_plural = _("organization memberships")
        ordering = ["organization__name", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "user"], name="organization_membership_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organization} ({self.get_role_display()})"


def _invitation_token() -> str:
    return secrets.token_urlsafe(24)


class Invitation(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email address"))
    role = models.CharField(
        _("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    token = models.CharField(max_length=64, unique=True, default=_invitation_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.organization}"

    @property
    def is_open(self) -> bool:
        age = timezone.now() - self.created_at
        return self.accepted_at is None and age.days < 14


class SearchWord(models.Model):
    """Every word the search documents contain (folded: lower case, no diacritics), for typo
    correction. Written by `organizations.search.reindex()`; words are never removed, a stale
    one only ever suggests a correction that finds nothing."""

    word = models.CharField(max_length=100, primary_key=True)
    length = models.PositiveSmallIntegerField()

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


# --- Imports -------------------------------------------------------------------------------------


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
