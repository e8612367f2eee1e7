"""Forms for writing a guide and its steps; a valid form hands the services typed input."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.forms import inlineformset_factory
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from gemeinsam.core import form_parts, inline
from gemeinsam.core.forms import DateInput
from gemeinsam.funding.models import ReadinessCheck

from .enums import Addressee
from .inputs import (
    GuideInput,
    PortraitInput,
    RecommendationInput,
    StepRow,
    UpdateInput,
    guide_problems,
)
from .models import Guide, Portrait, Recommendation, Step, links_problem

GUIDE_PARTS = [
    ("guide", _("The guide"), ["title", "summary", "counselling_topic", "owner"], ["title"]),
    ("as-of", _("As of and review"), ["as_of", "review_on", "change_note"], ["as_of"]),
]


def requirement_choices(language: str | None = None) -> list[tuple[str, str]]:
    """Every requirement of the checks' current rule versions, as "check:key" → its title."""
    language = (language or get_language() or "de").split("-")[0]
    choices = [("", _("none"))]
    for check in ReadinessCheck.objects.prefetch_related("rule_versions").order_by("position"):
        version = check.current_rules
        if version is None:
            continue
        for requirement in version.document["requirements"]:
            title = requirement["title"].get(language) or requirement["title"]["de"]
            choices.append((f"{check.code}:{requirement['key']}", f"{check.label} – {title}"))
    return choices


class GuideForm(forms.ModelForm):
    class Meta:
        model = Guide
        fields = [
            "title",
            "summary",
            "counselling_topic",
            "owner",
            "as_of",
            "review_on",
            "change_note",
        ]
        widgets = {
            "as_of": DateInput(),
            "review_on": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "change_note": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "review_on": _("Empty: six months after the as-of date."),
            "counselling_topic": _("Readers may ask for counselling on this topic from a step."),
        }

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review_on"].required = False
        self.fields["owner"].queryset = (
            get_user_model()
            .objects.filter(staff_memberships__agency=agency, staff_memberships__is_active=True)
            .distinct()
        )

    def to_input(self, steps=None) -> GuideInput:
        data = self.cleaned_data
        topic, owner = data["counselling_topic"], data["owner"]
        return GuideInput(
            title=data["title"],
            summary=data["summary"],
            as_of=data["as_of"],
            review_on=data["review_on"],
            change_note=data["change_note"],
            counselling_topic_id=topic.pk if topic else None,
            owner_id=owner.pk if owner else None,
            steps=inline.changed_rows(steps, StepRow),
        )

    def problems_with(self, data: GuideInput) -> dict[str, str]:
        return guide_problems(data)


class StepForm(forms.ModelForm):
    requirement = forms.ChoiceField(
        label=_("requirement of a readiness check"),
        required=False,
        help_text=_(
            "Members then see this step as done, missing or unknown for their organization."
        ),
    )

    class Meta:
        model = Step
        fields = [
            "position",
            "title",
            "text",
            "documents",
            "legal_basis",
            "decides",
            "links",
            "optional",
            "group",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4}),
            "documents": forms.Textarea(attrs={"rows": 3}),
            "links": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, requirements=(), checks=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.checks = checks or {}
        self.fields["requirement"].choices = requirements
        if self.instance.pk and self.instance.readiness_check_id and not self.is_bound:
            code = next(
                (
                    c
                    for c, check in self.checks.items()
                    if check.pk == self.instance.readiness_check_id
                ),
                "",
            )
            self.initial["requirement"] = f"{code}:{self.instance.requirement_key}"

    def clean_links(self):
        links = self.cleaned_data.get("links", "")
        problem = links_problem(links)
        if problem:
            raise forms.ValidationError(problem)
        return links

    def clean(self):
        cleaned = super().clean()
        code, _colon, key = (cleaned.get("requirement") or "").partition(":")
        check = self.checks.get(code)
        cleaned["readiness_check"] = check
        cleaned["requirement_key"] = key if check else ""
        return cleaned


StepFormSet = inlineformset_factory(Guide, Step, form=StepForm, extra=2, can_delete=True)


def step_formset(data=None, *, instance=None):
    checks = {check.code: check for check in ReadinessCheck.objects.all()}
    return StepFormSet(
        data,
        instance=instance if instance is not None else Guide(),
        prefix="steps",
        form_kwargs={"requirements": requirement_choices(), "checks": checks},
    )


def guide_parts(form, steps, *, new: bool) -> list:
    parts = [
        form_parts.fields_part(form, slug, title, names, summed)
        for slug, title, names, summed in GUIDE_PARTS
    ]
    parts.append(
        form_parts.formset_part(
            steps,
            "steps",
            _("Steps"),
            lambda row: str(row["title"].value() or ""),
            row_title=lambda n: _("Step %(number)s") % {"number": n},
        )
    )
    return form_parts.open_parts(
        parts, sent=form.is_bound, new=new, open_when_new={"guide", "as-of", "steps"}
    )


class PortraitForm(forms.ModelForm):
    """A portrait of an organization (named by its address in the directory, too many for a
    select), with the consent of one of its members."""

    organization_slug = forms.SlugField(
        label=_("organization"),
        help_text=_("The address of its page in the directory (…/organizations/<address>/)."),
    )
    consent_email = forms.EmailField(
        label=_("consent given by"),
        required=False,
        help_text=_("The email address of the member of the organization who agreed."),
    )

    class Meta:
        model = Portrait
        fields = [
            "title",
            "text",
            "guides",
            "programmes",
            "recognitions",
            "consent_on",
            "review_on",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 6}),
            "consent_on": DateInput(),
            "review_on": DateInput(),
            "guides": forms.CheckboxSelectMultiple(),
            "recognitions": forms.CheckboxSelectMultiple(),
        }

    def __init__(self, *args, agency, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.organizations = organizations
        self.fields["guides"].queryset = Guide.objects.filter(agency=agency)
        self.fields["programmes"].required = False
        if self.instance.pk and not self.is_bound:
            self.initial["organization_slug"] = self.instance.organization.slug
            if self.instance.consent_by_id:
                self.initial["consent_email"] = self.instance.consent_by.email

    def clean_organization_slug(self):
        slug = self.cleaned_data["organization_slug"]
        organization = self.organizations.filter(slug=slug).first()
        if organization is None:
            raise forms.ValidationError(_("There is no organization with this address."))
        self.cleaned_data["organization"] = organization
        return slug

    def clean_consent_email(self):
        email = self.cleaned_data.get("consent_email", "")
        if not email:
            return None
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError(_("Nobody with this address has an account here."))
        return user

    def to_input(self) -> PortraitInput:
        data = self.cleaned_data
        return PortraitInput(
            organization_id=data["organization"].pk,
            title=data["title"],
            text=data["text"],
            review_on=data["review_on"],
            guide_ids=tuple(g.pk for g in data["guides"]),
            programme_ids=tuple(p.pk for p in data["programmes"]),
            recognition_ids=tuple(r.pk for r in data["recognitions"]),
            consent_by_id=data["consent_email"].pk if data["consent_email"] else None,
            consent_on=data["consent_on"],
        )


class RecommendationForm(forms.ModelForm):
    addressees = forms.MultipleChoiceField(
        label=_("addressed to"), choices=Addressee.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Recommendation
        fields = ["title", "text", "addressees", "basis", "guide"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 5}),
            "basis": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["guide"].queryset = Guide.objects.filter(agency=agency)

    def to_input(self) -> RecommendationInput:
        data = self.cleaned_data
        return RecommendationInput(
            title=data["title"],
            text=data["text"],
            basis=data["basis"],
            addressees=tuple(data["addressees"]),
            guide_id=data["guide"].pk if data["guide"] else None,
        )


class UpdateForm(forms.Form):
    on = forms.DateField(label=_("date"), widget=DateInput())
    text = forms.CharField(
        label=_("what happened"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: raised in the youth welfare committee of the city."),
    )

    def to_input(self) -> UpdateInput:
        return UpdateInput(on=self.cleaned_data["on"], text=self.cleaned_data["text"])
