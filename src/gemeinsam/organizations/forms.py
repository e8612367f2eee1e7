from django import forms
from django.conf import settings
from django.db import models
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from gemeinsam.core.forms import DateInput

from .enums import MembershipRole
from .models import (
    PROFILE_FIELDS,
    FieldOfActivity,
    FundingSource,
    Organization,
    Recognition,
    TargetGroup,
    WorkingLanguage,
)


class LabelledChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.label


def _https_urls(field, **kwargs):
    # "www.verein.de" means https://www.verein.de (and Django 6 will assume the same).
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class OrganizationForm(forms.ModelForm):
    fields = LabelledChoiceField(
        queryset=FieldOfActivity.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Fields of activity"),
    )
    target_groups = LabelledChoiceField(
        queryset=TargetGroup.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Target groups"),
    )
    languages = LabelledChoiceField(
        queryset=WorkingLanguage.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Working languages"),
    )

    class Meta:
        model = Organization
        formfield_callback = _https_urls
        fields = PROFILE_FIELDS
        widgets = {
            "founded_on": DateInput(),
            "youth_welfare_since": DateInput(),
            "board_migration_majority": forms.NullBooleanSelect(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["legal_form"].label_from_instance = lambda obj: obj.label
        self.fields["postcode"].widget.attrs.update(inputmode="numeric", autocomplete="postal-code")
        self.fields["email"].widget.attrs.update(autocomplete="email")
        self.fields["phone"].widget.attrs.update(autocomplete="tel")


class DescriptionsForm(forms.Form):
    """One text area per interface language; German is the original."""

    def __init__(self, *args, initial_texts: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_texts = initial_texts or {}
        for code, name in settings.LANGUAGES:
            self.fields[f"description_{code}"] = forms.CharField(
                label=_("Description (%(language)s)") % {"language": name},
                required=False,
                max_length=5000,
                initial=initial_texts.get(code, ""),
                widget=forms.Textarea(
                    attrs={"rows": 4, "lang": code, "dir": "rtl" if code == "ar" else "ltr"}
                ),
            )

    def texts(self) -> dict[str, str]:
        return {
            code: self.cleaned_data.get(f"description_{code}", "")
            for code, _name in settings.LANGUAGES
        }


class RecognitionForm(forms.ModelForm):
    class Meta:
        model = Recognition
        fields = ["type", "authority", "granted_on", "valid_until"]
        widgets = {"granted_on": DateInput(), "valid_until": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].label_from_instance = lambda obj: obj.label


class FundingSourceForm(forms.ModelForm):
    class Meta:
        model = FundingSource
        fields = ["field", "kind", "funder"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].label_from_instance = lambda obj: obj.label


RecognitionFormSet = inlineformset_factory(
    Organization, Recognition, form=RecognitionForm, extra=1, can_delete=True
)
FundingSourceFormSet = inlineformset_factory(
    Organization, FundingSource, form=FundingSourceForm, extra=1, can_delete=True
)


class ClaimForm(forms.Form):
    message = forms.CharField(
        label=_("How are you connected to the organization?"),
        help_text=_(
            "For example: board member since 2021. Agency staff read this before they confirm."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address of your colleague"))
    role = forms.ChoiceField(
        label=_("Role"), choices=MembershipRole.choices, initial=MembershipRole.MEMBER
    )


class MemberChangeForm(forms.Form):
    role = forms.ChoiceField(choices=MembershipRole.choices, required=False)
    remove = forms.BooleanField(required=False)


class ClaimDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Confirm")), ("decline", _("Decline"))])
