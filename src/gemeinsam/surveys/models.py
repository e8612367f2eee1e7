"""Questionnaires with versions, the item bank and its wordings per audience.

A questionnaire belongs to one agency and asks one audience. Its questions live in versions: a
version is edited while it is a draft and frozen once launched, so answers keep the version
they were given to. A question names an item of the agency's bank by its code; the item's
wording for the questionnaire's audience is what the question says. Wordings, choices and the
questionnaire's title are `Translatable`: German in the row, other languages in
`core.ContentTranslation`, edited in the platform's translation editor.
"""

import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gemeinsam.core.models import Translatable

from .enums import Audience, Kind

code_validator = RegexValidator(
    r"^[A-Za-z_][A-Za-z0-9_]*$",
    _("Use letters, digits and underscores, starting with a letter or underscore."),
)

# A stored choice value has no spaces: a multiple answer is its values joined by spaces.
value_validator = RegexValidator(r"^\S+$", _("A value may not contain spaces."))


class Questionnaire(Translatable):
    translated_fields = {"title": "line"}

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="questionnaires",
    )
    slug = models.SlugField(_("form id"), max_length=80)
    title = models.CharField(_("title"), max_length=300)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    anonymous = models.BooleanField(_("anonymous"), default=True)
    # A link for anyone (a newsletter, a poster): answers through it name no invitation.
    public_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["agency", "title"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "slug"], name="questionnaire_slug_per_agency")
        ]

    def __str__(self) -> str:
        return self.title


class Version(models.Model):
    """One state of a questionnaire's questions; a draft until it is launched, then frozen."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    # The XLSForm `version` setting the form was imported with, written out again on export.
    form_version = models.CharField(_("form version"), max_length=40, blank=True)
    launched_at = models.DateTimeField(_("launched"), null=True, blank=True)
    launched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("questionnaire version")
        verbose_name_plural = _("questionnaire versions")
        ordering = ["questionnaire", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "number"], name="version_number_once"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="version_number_from_1"),
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire} v{self.number}"

    @property
    def is_draft(self) -> bool:
        return self.launched_at is None


class Item(models.Model):
    """An entry of an agency's item bank: one code, asked of each audience in its own words."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    code = models.CharField(_("code"), max_length=60, validators=[code_validator])

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["agency", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="item_code_per_agency")
        ]

    def __str__(self) -> str:
        return self.code


class Wording(Translatable):
    """What an item says to one audience (its label and hint)."""

    translated_fields = {"label": "text", "hint": "text"}

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="wordings")
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    label = models.TextField(_("wording"))
    hint = models.TextField(_("hint"), blank=True)

    class Meta:
        verbose_name = _("wording")
        verbose_name_plural = _("wordings")
        constraints = [
            models.UniqueConstraint(fields=["item", "audience"], name="wording_once_per_audience")
        ]

    def __str__(self) -> str:
        return f"{self.item.code} ({self.audience})"


class Question(models.Model):
    """One row of a version, in order: a question, a note, or a group's start or end.

    `relevant`, `constraint` and `choice_filter` are expressions over earlier answers
    (`surveys.expressions`), checked when saved, never run as code.
    """

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField(_("position"))
    item = models.ForeignKey(
        Item, null=True, blank=True, on_delete=models.PROTECT, related_name="questions"
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    required = models.BooleanField(_("required"), default=False)
    relevant = models.CharField(_("asked only if"), max_length=500, blank=True)
    constraint = models.CharField(_("constraint"), max_length=500, blank=True)
    choice_filter = models.CharField(_("choice filter"), max_length=500, blank=True)
    or_other = models.BooleanField(_("with other"), default=False)
    list_name = models.CharField(_("choice list"), max_length=60, blank=True)
    scale_min = models.SmallIntegerField(_("scale from"), null=True, blank=True)
    scale_max = models.SmallIntegerField(_("scale to"), null=True, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="question_position_once"),
            models.UniqueConstraint(
                fields=["version", "item"],
                condition=models.Q(item__isnull=False),
                name="question_item_once_per_version",
            ),
            models.CheckConstraint(
                condition=models.Q(kind=Kind.GROUP_END) | models.Q(item__isnull=False),
                name="question_has_item",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind=Kind.SCALE)
                | models.Q(
                    scale_min__isnull=False,
                    scale_max__isnull=False,
                    scale_min__lt=models.F("scale_max"),
                ),
                name="question_scale_bounds",
            ),
        ]

    def __str__(self) -> str:
        return self.item.code if self.item_id else self.kind


class Choice(Translatable):
    """One answer a choice question offers: its stored value, its label and the extra columns
    a `choice_filter` reads (XLSForm's choices sheet)."""

    translated_fields = {"label": "line"}

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveIntegerField(_("position"))
    value = models.CharField(_("value"), max_length=60, validators=[value_validator])
    label = models.CharField(_("label"), max_length=500)
    filters = models.JSONField(_("filter columns"), default=dict, blank=True)

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["question", "position"]
        constraints = [
            models.UniqueConstraint(fields=["question", "value"], name="choice_value_once"),
            models.UniqueConstraint(fields=["question", "position"], name="choice_position_once"),
        ]

    def __str__(self) -> str:
        return self.value

    def translation_owner(self):
        return self


class Invitation(models.Model):
    """A personal, single-use link to a questionnaire: who was asked, never what they answered.

    In an anonymous questionnaire nothing links an invitation to its response (the response has
    no column for it), and both keep only the day. `answered_on` makes the link single-use and
    lets reminders skip those who answered.
    """

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="invitations"
    )
    token = models.CharField(max_length=64, unique=True)
    email = models.EmailField(_("email"), blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    created_on = models.DateField(_("created"), auto_now_add=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["questionnaire", "created_on", "pk"]

    def __str__(self) -> str:
        return f"{self.questionnaire} ({self.email or self.token[:6]})"


class Response(models.Model):
    """One person's answers to one version. Its id is random, so ids do not tell the order in
    which responses arrived; an anonymous one carries no invitation and only its day."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    version = models.ForeignKey(Version, on_delete=models.PROTECT, related_name="responses")
    invitation = models.OneToOneField(
        Invitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="response"
    )
    anonymous = models.BooleanField(_("anonymous"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    submitted_on = models.DateField(_("submitted on"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(anonymous=False)
                | models.Q(invitation__isnull=True, submitted_at__isnull=True),
                name="response_anonymous_keeps_no_link_and_no_time",
            )
        ]

    def __str__(self) -> str:
        return str(self.pk)


class Answer(models.Model):
    """One answer, as XLSForm stores it: a number, a date (ISO), a choice's value, or several
    values joined by spaces; `other` holds the words of an "other" answer."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    value = models.TextField(_("answer"))
    other = models.TextField(_("other"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="survey_answer_once")
        ]

    def __str__(self) -> str:
        return self.value[:40]


class Indicator(Translatable):
    """A stored finding: the share of one audience's respondents who gave one answer to one
    item ("share of MOs founded to work in child and youth welfare"). Its value is counted
    from the answers whenever it is shown, so it follows a repeated survey."""

    translated_fields = {"title": "line"}

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    code = models.SlugField(_("code"), max_length=60)
    title = models.CharField(_("title"), max_length=300)
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="indicators")
    value = models.CharField(_("answer"), max_length=60)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["agency", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="indicator_code_per_agency")
        ]

    def __str__(self) -> str:
        return self.title
