"""The organization record: the profile with its description (German in the record, the other
languages in `core.ContentTranslation`), funding sources and recognitions."""

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeinsam.core.enums import FederalState
from gemeinsam.core.models import Translatable

from .. import sql
from ..enums import (
    CONFIRMATION_INTERVAL_DAYS,
    FundingKind,
    IncomeBand,
    MembershipStatus,
    OrganizationKind,
)
from .reference import FieldOfActivity, LegalForm, RecognitionType, TargetGroup, WorkingLanguage

postcode_validator = RegexValidator(r"^\d{5}$", _("A German postcode has five digits."))


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

    def acted_for_by(self, user):
        """The organizations `user` is a confirmed member of (a pending claim grants nothing;
        one membership per person and organization, so no row comes twice)."""
        return self.filter(memberships__user=user, memberships__status=MembershipStatus.ACTIVE)

    def for_listing(self):
        """Each row with the ids of its fields and languages, read in the same query;
        `queries.listed` turns them into the rows a directory page shows."""
        return self.annotate(
            **{
                f"listed_{name}": sql.linked_ids(self.model, name)
                for name in ("fields", "languages")
            }
        )


class Organization(Translatable):
    """An organization's profile. Its description is written in German here; its translations
    are `ContentTranslation` rows, paragraph by paragraph (`core.content`)."""

    translated_fields = {"description": "text"}

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
    description = models.TextField(_("description"), blank=True, max_length=5000)

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
            # The directory without search words, for staff (who see every organization).
            models.Index(fields=["name"]),
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
