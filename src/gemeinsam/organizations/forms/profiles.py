"""The profile form with its descriptions and inline formsets, and its parts as foldable
sections. A valid profile form (with its descriptions and inline formsets) hands the services an
`OrganizationInput` (`OrganizationForm.to_input`), never itself."""

from django import forms
from django.conf import settings
from django.db import models
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from gemeinsam.core import content, form_parts, inline
from gemeinsam.core.enums import TranslationStatus
from gemeinsam.core.form_parts import FormPart
from gemeinsam.core.forms import DateInput
from gemeinsam.core.localized import written

from ..inputs import (
    ORGANIZATION_COLUMNS,
    ORGANIZATION_LISTS,
    FundingSourceInput,
    OrganizationInput,
    RecognitionInput,
)
from ..models import (
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
            minor_edit=descriptions.minor_edit if descriptions is not None else False,
            recognitions=inline.changed_rows(recognitions, RecognitionInput),
            funding_sources=inline.changed_rows(funding_sources, FundingSourceInput),
        )


class DescriptionsForm(forms.Form):
    """One text area per interface language; German is the original, the others translate it
    paragraph by paragraph. Each translation says which of its paragraphs are outdated or
    missing; "minor change" keeps the translations as current as they were."""

    def __init__(self, *args, organization: Organization | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        texts = written(organization, "description") if organization else {}
        for code, name in settings.LANGUAGES:
            self.fields[f"description_{code}"] = forms.CharField(
                label=_("Description (%(language)s)") % {"language": name},
                required=False,
                max_length=5000,
                initial=texts.get(code, ""),
                help_text=_state_of(organization, code, texts) if organization else "",
                widget=forms.Textarea(
                    attrs={"rows": 4, "lang": code, "dir": content.direction(code)}
                ),
            )
        if organization is not None:
            # The same box as the event form's: a typo fixed keeps the translations current.
            self.fields["minor_edit"] = forms.BooleanField(
                label=_("Minor edit (a typo): the translations stay up to date"),
                help_text=_(
                    "Tick this only when the meaning stays the same. Otherwise the paragraphs "
                    "you changed are marked as outdated in the other languages."
                ),
                required=False,
            )

    def texts(self) -> dict[str, str]:
        return {
            code: self.cleaned_data.get(f"description_{code}", "")
            for code, _name in settings.LANGUAGES
        }

    @property
    def minor_edit(self) -> bool:
        return bool(self.cleaned_data.get("minor_edit"))


def _numbers(parts, state: str) -> str:
    return ", ".join(str(n) for n, part in enumerate(parts, start=1) if part.status == state)


def _state_of(organization: Organization, code: str, texts: dict[str, str]) -> str:
    """What a translation's text area says under it: which paragraphs are outdated or
    missing, counted in the German text."""
    if code == settings.LANGUAGE_CODE or not organization.description.strip():
        return ""
    if code not in texts:
        return str(_("Not translated yet."))
    parts = content.parts(organization, "description", code)
    notes = []
    if outdated := _numbers(parts, TranslationStatus.OUTDATED):
        notes.append(
            _("Outdated: the German of paragraph %(numbers)s has changed since.")
            % {"numbers": outdated}
        )
    if missing := _numbers(parts, TranslationStatus.MISSING):
        notes.append(_("Not translated yet: paragraph %(numbers)s.") % {"numbers": missing})
    return " ".join(str(note) for note in notes) or str(_("Up to date with the German text."))


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


# --- The profile form in sections ------------------------------------------------------------

# The profile's parts: slug, title, its fields, and the fields whose values sum the part up while
# it is folded. Every field of PROFILE_FIELDS is in one part, but for `is_public`, which stays in
# view beside the button that saves.
PROFILE_PARTS = [
    (
        "identity",
        _("Name and legal status"),
        [
            "name",
            "short_name",
            "kind",
            "legal_form",
            "register_court",
            "register_number",
            "founded_on",
            "youth_welfare_since",
        ],
        ["name", "kind", "legal_form"],
    ),
    (
        "contact",
        _("Address and contact"),
        [
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
        ],
        ["city", "email", "phone"],
    ),
    (
        "work",
        _("Fields, target groups and languages"),
        ["fields", "target_groups", "languages"],
        ["fields", "target_groups", "languages"],
    ),
    (
        "structure",
        _("Members, staff and income"),
        [
            "members_count",
            "volunteers_count",
            "paid_staff_fte",
            "income_band",
            "board_migration_majority",
        ],
        ["members_count", "volunteers_count", "paid_staff_fte"],
    ),
]
OPEN_WHEN_NEW = {"identity", "contact"}


def profile_parts(form, descriptions, recognitions, funding, *, new: bool) -> list[FormPart]:
    """The profile form's parts in order, each with the line it shows while folded."""
    parts = [
        form_parts.fields_part(form, slug, title, names, summed)
        for slug, title, names, summed in PROFILE_PARTS
    ]
    written = [
        str(name)
        for code, name in settings.LANGUAGES
        if form_parts.shown(descriptions[f"description_{code}"])
    ]
    parts.append(
        FormPart(
            "descriptions",
            str(_("Descriptions")),
            form_parts.summary(written),
            fields=list(descriptions),
            errors=form_parts.errors_of(descriptions),
            hint=str(
                _(
                    "German is the original. When a paragraph of it changes, that paragraph "
                    "of the other languages is marked as outdated until someone updates it."
                )
            ),
        )
    )
    parts.append(
        form_parts.formset_part(
            recognitions,
            "recognitions",
            _("Recognitions"),
            lambda row: ", ".join(form_parts.shown(row["type"])),
        )
    )
    parts.append(
        form_parts.formset_part(
            funding,
            "funding",
            _("Current funding per field"),
            lambda row: ": ".join(form_parts.shown(row["field"]) + form_parts.shown(row["kind"])),
        )
    )
    return form_parts.open_parts(parts, sent=form.is_bound, new=new, open_when_new=OPEN_WHEN_NEW)
