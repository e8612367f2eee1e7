from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gemeinsam.core.enums import FederalState
from gemeinsam.core.models import Translatable

from .enums import StaffRole


def bare_goal(line: str) -> str:
    """A line of a project's goals without the bullet someone typed before it."""
    return line.strip(" -•\t")


class Agency(Translatable):
    """A tenant: a competence centre, integration agency or regional association.

    Organizations are shared by all agencies; an agency's staff, projects (and later its cases,
    events, tandems and surveys) are its own. Its description and the region it serves are
    written in German here and translated in `ContentTranslation` rows (`core.content`).
    """

    translated_fields = {"description": "text", "region_served": "line"}

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    parent_body = models.CharField(_("parent body"), max_length=200, blank=True)
    street = models.CharField(_("street"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    federal_state = models.CharField(
        _("federal state"), max_length=2, choices=FederalState.choices, blank=True
    )
    region_served = models.CharField(_("region served"), max_length=300, blank=True)
    federal_states_served = models.JSONField(_("federal states served"), default=list, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name or self.name

    def get_absolute_url(self) -> str:
        return reverse("site:agency-detail", kwargs={"slug": self.slug})


class StaffMembership(models.Model):
    """A person working for an agency, as advisor or manager.

    `is_public_contact` puts the person, with the title, phone and email given here (never their
    log-in address), on the agency's public page.
    """

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="staff")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=StaffRole.choices)
    is_active = models.BooleanField(_("active"), default=True)
    is_public_contact = models.BooleanField(_("shown as contact"), default=False)
    public_title = models.CharField(_("title shown"), max_length=150, blank=True)
    public_phone = models.CharField(_("phone shown"), max_length=40, blank=True)
    public_email = models.EmailField(_("email shown"), blank=True)
    languages = models.CharField(_("counselling languages"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("staff membership")
        verbose_name_plural = _("staff memberships")
        ordering = ["agency", "-role", "user__name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "user"], name="staff_membership_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.agency} ({self.get_role_display()})"


class Project(Translatable):
    """A funded project an agency runs; activities are attributed to it for its report. Its
    title and goals (one a line) are written in German and translated (`core.content`)."""

    translated_fields = {"title": "line", "goals": "lines"}

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="projects")
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=80)
    funder = models.CharField(_("funder"), max_length=300)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"), null=True, blank=True)
    goals = models.TextField(_("goals"), blank=True)
    is_public = models.BooleanField(_("shown publicly"), default=True)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-starts_on", "title"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "slug"], name="project_slug_per_agency"),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="project_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def goal_list(self) -> list[str]:
        return [bare_goal(line) for line in self.goals.splitlines() if bare_goal(line)]


class ProjectMeasure(Translatable):
    """One of a project's planned measures, e.g. "Standortanalyse" or "Runde Tische"; its
    title and description are translated with the project."""

    translated_fields = {"title": "line", "description": "text"}

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="measures")
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    def translation_owner(self) -> Project:
        return self.project

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title
