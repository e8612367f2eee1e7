"""A tandem call of an agency and the applications to it (from both sides) with their
documents.

Texts people write for readers (a call's title, description, required documents and
questions) are German here and translated through `core.content`. Money is Decimal.
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.signals import setting_changed
from django.core.validators import MinValueValidator
from django.db import models
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _

from gemeinsam.core.enums import FederalState
from gemeinsam.core.models import Translatable

from ..enums import RECEIVING_LEGAL_FORMS, ApplicationStatus, CallMode, PartnerAnswer


def _lines(text: str) -> list[str]:
    return [line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t")]


class TandemCall(Translatable):
    """A call for tandems: who funds it, how much, for whom, when one may apply, and how."""

    translated_fields = {
        "title": "line",
        "description": "text",
        "required_documents": "lines",
        "questions": "lines",
    }

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80)
    description = models.TextField(_("description"), blank=True)
    programme = models.ForeignKey(
        "funding.Programme",
        verbose_name=_("funding programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    funder = models.CharField(_("funder"), max_length=200)
    budget = models.DecimalField(
        _("budget (€)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    max_grant = models.DecimalField(
        _("maximum grant per tandem (€)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    regions = models.JSONField(
        _("eligible Länder"),
        default=list,
        blank=True,
        help_text=_("Leave empty when organizations from every Land may apply."),
    )
    pairs_within_land = models.BooleanField(
        _("pairs only within one Land"),
        default=False,
        help_text=_("Suggested pairs are never formed across Länder."),
    )
    fields = models.ManyToManyField(
        "organizations.FieldOfActivity",
        verbose_name=_("eligible fields of activity"),
        blank=True,
        related_name="+",
    )
    opens_on = models.DateField(_("applications from"))
    closes_on = models.DateField(_("applications until"))
    project_starts_on = models.DateField(_("project starts"))
    project_ends_on = models.DateField(_("project ends"))
    mode = models.CharField(_("mode"), max_length=20, choices=CallMode.choices)
    required_documents = models.TextField(
        _("required documents"), blank=True, help_text=_("One document per line.")
    )
    questions = models.TextField(_("questions"), blank=True, help_text=_("One question per line."))
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("tandem call")
        verbose_name_plural = _("tandem calls")
        ordering = ["closes_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "slug"], name="tandem_call_slug_per_agency"),
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="tandem_call_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=models.Q(project_ends_on__gte=models.F("project_starts_on")),
                name="tandem_call_project_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(max_grant__lte=models.F("budget")),
                name="tandem_call_grant_within_budget",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "tandems:call-detail", kwargs={"agency": self.agency.slug, "slug": self.slug}
        )

    def document_list(self) -> list[str]:
        return _lines(self.required_documents)

    def question_list(self) -> list[str]:
        return _lines(self.questions)

    def region_names(self) -> list[str]:
        return [str(FederalState(code).label) for code in self.regions if code in FederalState]

    def is_open(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.is_published and self.opens_on <= today <= self.closes_on

    @property
    def pair_first(self) -> bool:
        return self.mode == CallMode.PAIR_FIRST


class TandemApplication(models.Model):
    """One organization's application to a call (in pair-first mode with its partner's).

    A draft may be incomplete; a submitted application passed every check of
    `inputs.application_problems`. A pair-first application counts once the partner accepted.
    """

    call = models.ForeignKey(
        TandemCall, verbose_name=_("call"), on_delete=models.CASCADE, related_name="applications"
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    partner = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("partner organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    partner_answer = models.CharField(
        _("partner's answer"), max_length=20, choices=PartnerAnswer.choices, blank=True
    )
    partner_answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    partner_answered_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
    )
    offers = models.TextField(_("what we offer"), blank=True)
    needs = models.TextField(_("what we need"), blank=True)
    ideas = models.TextField(_("ideas for the tandem"), blank=True)
    fields = models.ManyToManyField(
        "organizations.FieldOfActivity",
        verbose_name=_("fields of activity"),
        blank=True,
        related_name="+",
    )
    languages = models.ManyToManyField(
        "organizations.WorkingLanguage", verbose_name=_("languages"), blank=True, related_name="+"
    )
    region = models.CharField(_("Land"), max_length=2, choices=FederalState.choices, blank=True)
    district = models.CharField(_("district or town"), max_length=100, blank=True)
    capacity_hours = models.PositiveSmallIntegerField(
        _("hours per month for the tandem"), null=True, blank=True
    )
    amount = models.DecimalField(
        _("grant asked for (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    answers = models.JSONField(_("answers"), default=list, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("tandem application")
        verbose_name_plural = _("tandem applications")
        ordering = ["call", "organization__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "organization"], name="tandem_application_once_per_call"
            ),
            models.CheckConstraint(
                condition=~models.Q(partner=models.F("organization")),
                name="tandem_application_partner_is_another",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0),
                name="tandem_application_amount_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} – {self.call}"

    def get_absolute_url(self) -> str:
        return reverse("tandems:application-detail", kwargs={"pk": self.pk})

    @property
    def counts(self) -> bool:
        """Submitted, and in pair-first mode accepted by the partner."""
        if self.status != ApplicationStatus.SUBMITTED:
            return False
        return not self.call.pair_first or self.partner_answer == PartnerAnswer.ACCEPTED

    def answer_pairs(self) -> list[tuple[str, str]]:
        answers = list(self.answers or [])
        questions = self.call.question_list()
        return [(q, answers[i] if i < len(answers) else "") for i, q in enumerate(questions)]


def can_receive_money(organization) -> bool:
    """Whether the organization's legal form lets it receive grant money itself."""
    legal_form = organization.legal_form
    return legal_form is not None and legal_form.code in RECEIVING_LEGAL_FORMS


class _DocumentStorage(LazyObject):
    """Application documents live outside the web root and are served only by a view that
    checks who asks."""

    def _setup(self):
        self._wrapped = FileSystemStorage(
            location=settings.GEMEINSAM_PRIVATE_MEDIA_ROOT / "tandems"
        )


document_storage = _DocumentStorage()


@receiver(setting_changed)
def _private_root_changed(*, setting, **kwargs):
    if setting == "GEMEINSAM_PRIVATE_MEDIA_ROOT":
        document_storage._wrapped = empty


def _document_storage():
    return document_storage


def document_path(instance, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"applications/{secrets.token_hex(16)}.{suffix}"


class ApplicationDocument(models.Model):
    """One required document, uploaded for an application (by its position in the call)."""

    application = models.ForeignKey(
        TandemApplication, on_delete=models.CASCADE, related_name="documents"
    )
    position = models.PositiveSmallIntegerField()
    file = models.FileField(storage=_document_storage, upload_to=document_path, max_length=200)
    original_name = models.CharField(max_length=200)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "position"], name="tandem_document_once_per_position"
            )
        ]

    def __str__(self) -> str:
        return self.original_name
