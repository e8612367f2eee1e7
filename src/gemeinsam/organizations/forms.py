"""The directory's forms. A valid profile form (with its descriptions and inline formsets)
hands the services an `OrganizationInput` (`OrganizationForm.to_input`), never itself."""

from django import forms
from django.conf import settings
from django.db import models
from django.forms import inlineformset_factory
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from gemeinsam.core import inline
from gemeinsam.core.enums import FederalState
from gemeinsam.core.forms import DateInput

from .enums import MembershipRole, OrganizationKind
from .inputs import (
    ORGANIZATION_COLUMNS,
    ORGANIZATION_LISTS,
    FundingSourceInput,
    OrganizationInput,
    RecognitionInput,
)
from .models import (
    PROFILE_FIELDS,
    FieldOfActivity,
    FundingSource,
    Organization,
    Recognition,
    RecognitionType,
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

    def to_input(
        self, *, descriptions=None, recognitions=None, funding_sources=None
    ) -> OrganizationInput:
        """What the valid profile form, with its valid descriptions form and recognition and
        funding-source formsets, hands the services."""
        data = self.cleaned_data
        legal_form = data["legal_form"]
        return OrganizationInput(
            **{name: data[name] for name in ORGANIZATION_COLUMNS if name != "legal_form_id"},
            legal_form_id=legal_form.pk if legal_form else None,
            **{name: tuple(sorted(row.pk for row in data[name])) for name in ORGANIZATION_LISTS},
            descriptions=descriptions.texts() if descriptions is not None else {},
            recognitions=inline.changed_rows(recognitions, RecognitionInput),
            funding_sources=inline.changed_rows(funding_sources, FundingSourceInput),
        )


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


# --- The directory's search and filters ---------------------------------------------------------

# The facets: query parameter, label, and where the label of a value comes from when the current
# result does not count it (a value in force that matches nothing still needs its chip).
FACETS = {
    "kind": (_("Kind"), OrganizationKind),
    "field": (_("Field of activity"), FieldOfActivity),
    "language": (_("Working language"), WorkingLanguage),
    "state": (_("Federal state"), FederalState),
    "district": (_("District"), None),
    "recognition": (_("Recognition"), RecognitionType),
}


class CountedCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes whose labels say how many organizations of the result each value has."""

    counts: dict[str, int]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.counts = {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        count = self.counts.get(str(value))
        if count is not None:
            option["label"] = format_html('{} <span class="count">({})</span>', label, count)
        return option


def _labels(source, codes: list[str]) -> dict[str, str]:
    if source is None:  # districts are their own labels
        return {code: code for code in codes}
    if isinstance(source, type) and issubclass(source, models.Choices):
        return {code: str(source(code).label) for code in codes if code in source.values}
    return {row.code: row.label for row in source.objects.filter(code__in=codes)}


class DirectorySearchForm(forms.Form):
    """The search words, above the results; the filters in force travel along hidden."""

    q = forms.CharField(
        label=_("Search words"),
        required=False,
        max_length=200,
        widget=forms.SearchInput(attrs={"placeholder": _("e.g. youth work, Bochum, Arabic")}),
    )

    def __init__(self, data):
        super().__init__(data, label_suffix="")
        for name in FACETS:
            if data.getlist(name):
                self.fields[name] = forms.MultipleChoiceField(
                    required=False, widget=forms.MultipleHiddenInput
                )


class DirectoryFilterForm(forms.Form):
    """The facets of the current result for the filter panel: one group of checkboxes per facet
    that has values, each with its count; the search words travel along hidden.

    Drawn, never cleaned: the view filters with `queries.DirectoryFilters`. Values in force stay
    offered (ticked) even where the result no longer counts them, so their chips can remove
    them."""

    q = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, data, *, facets: dict, districts: list[tuple[str, int]]):
        super().__init__(data, auto_id="filter_%s", label_suffix="")
        counted = {
            name: [(code, label, n) for code, label, n in facets.get(name, ())] for name in FACETS
        }
        counted["district"] = [(district, district, n) for district, n in districts]
        for name, (label, source) in FACETS.items():
            options = counted[name]
            offered = {code for code, _label, _n in options}
            missing = [code for code in dict.fromkeys(data.getlist(name)) if code not in offered]
            extra = _labels(source, missing) if missing else {}
            choices = [(code, label) for code, label, _n in options] + list(extra.items())
            if not choices:
                continue
            widget = CountedCheckboxes()
            widget.counts = {code: n for code, _label, n in options}
            self.fields[name] = forms.MultipleChoiceField(
                label=label, choices=choices, required=False, widget=widget
            )
