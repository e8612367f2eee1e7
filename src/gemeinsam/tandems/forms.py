"""The tandems' forms. A valid form hands its service typed input (`to_input`), never itself;
the problems the service finds are put back at their fields (`show_problems`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gemeinsam.core.enums import FederalState
from gemeinsam.core.forms import DateInput
from gemeinsam.organizations.enums import OrganizationKind
from gemeinsam.organizations.models import FieldOfActivity, Organization, WorkingLanguage

from .enums import EVALUATION_ITEMS, SCALE, CallMode, Phase, Side
from .inputs import ApplicationInput, CallInput, DocumentUpload, Problems
from .models import TandemApplication, TandemCall

# Where an input's problem is shown: its field's name in the form.
FIELD_OF_INPUT = {"field_ids": "fields", "language_ids": "languages"}


def show_problems(form: forms.Form, problems: Problems) -> None:
    for name, messages in problems.items():
        target = FIELD_OF_INPUT.get(name, name)
        for message in messages:
            form.add_error(target if target in form.fields else None, message)


class CallForm(forms.ModelForm):
    regions = forms.MultipleChoiceField(
        label=_("Eligible Länder"),
        choices=FederalState.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty when organizations from every Land may apply."),
    )
    minor_edit = forms.BooleanField(
        label=_("Minor edit (a typo): the translations stay up to date"), required=False
    )

    class Meta:
        model = TandemCall
        fields = [
            "title",
            "slug",
            "description",
            "funder",
            "programme",
            "budget",
            "max_grant",
            "regions",
            "pairs_within_land",
            "fields",
            "opens_on",
            "closes_on",
            "project_starts_on",
            "project_ends_on",
            "mode",
            "required_documents",
            "questions",
            "is_published",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "required_documents": forms.Textarea(attrs={"rows": 3}),
            "questions": forms.Textarea(attrs={"rows": 3}),
            "fields": forms.CheckboxSelectMultiple,
            "mode": forms.RadioSelect,
            "opens_on": DateInput(),
            "closes_on": DateInput(),
            "project_starts_on": DateInput(),
            "project_ends_on": DateInput(),
        }
        help_texts = {"slug": _("Part of the web address; made from the title when left empty.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        if self.instance.pk:
            self.fields["slug"].disabled = True
        else:
            del self.fields["minor_edit"]

    def to_input(self) -> CallInput:
        data = self.cleaned_data
        return CallInput(
            title=data["title"],
            slug=data.get("slug") or "",
            description=data["description"],
            programme_id=data["programme"].pk if data.get("programme") else None,
            funder=data["funder"],
            budget=data["budget"],
            max_grant=data["max_grant"],
            regions=tuple(data["regions"]),
            field_ids=tuple(f.pk for f in data["fields"]),
            opens_on=data["opens_on"],
            closes_on=data["closes_on"],
            project_starts_on=data["project_starts_on"],
            project_ends_on=data["project_ends_on"],
            mode=data["mode"],
            required_documents=data["required_documents"],
            questions=data["questions"],
            is_published=data["is_published"],
            pairs_within_land=data["pairs_within_land"],
        )

    def _post_clean(self):
        # The service writes the call; the model's own checks across fields run there as
        # `call_problems`, so the form does not put its values on the instance here.
        pass


class ApplicationForm(forms.Form):
    """An application to one call: built from the call's questions and required documents."""

    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=Organization.objects.none(), empty_label=None
    )
    partner = forms.CharField(
        label=_("Partner organization"),
        required=False,
        max_length=120,
        help_text=_("The web address name of the partner's directory entry, e.g. verein-xy."),
    )
    offers = forms.CharField(
        label=_("What we offer"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    needs = forms.CharField(
        label=_("What we need"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    ideas = forms.CharField(
        label=_("Ideas for the tandem"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    fields = forms.ModelMultipleChoiceField(
        label=_("Fields of activity"),
        queryset=FieldOfActivity.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.ModelMultipleChoiceField(
        label=_("Languages"),
        queryset=WorkingLanguage.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    region = forms.ChoiceField(
        label=_("Land"), required=False, choices=[("", "—"), *FederalState.choices]
    )
    district = forms.CharField(label=_("District or town"), required=False, max_length=100)
    capacity_hours = forms.IntegerField(
        label=_("Hours per month for the tandem"), required=False, min_value=0, max_value=400
    )
    amount = forms.DecimalField(
        label=_("Grant asked for (€)"), required=False, max_digits=12, decimal_places=2
    )
    contact_name = forms.CharField(label=_("Contact person"), required=False, max_length=150)
    contact_email = forms.EmailField(label=_("Contact email"), required=False)

    def __init__(self, *args, call: TandemCall, organizations=None, application=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        self.application = application
        if application is not None:
            del self.fields["organization"]
        else:
            self.fields["organization"].queryset = organizations
        if call.mode != CallMode.PAIR_FIRST:
            del self.fields["partner"]
        for index, question in enumerate(call.question_list()):
            self.fields[f"answer_{index}"] = forms.CharField(
                label=question,
                required=False,
                max_length=3000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        on_file = (
            set(application.documents.values_list("position", flat=True)) if application else set()
        )
        for index, name in enumerate(call.document_list()):
            self.fields[f"document_{index}"] = forms.FileField(
                label=name,
                required=False,
                help_text=_("Already uploaded; a new file replaces it.")
                if index in on_file
                else "",
            )

    def question_fields(self):
        return [self[name] for name in self.fields if name.startswith("answer_")]

    def document_fields(self):
        return [self[name] for name in self.fields if name.startswith("document_")]

    def clean_partner(self):
        slug = self.cleaned_data.get("partner", "").strip()
        if not slug:
            return None
        partner = Organization.objects.filter(slug=slug).first()
        if partner is None:
            raise forms.ValidationError(_("No organization in the directory has this address."))
        return partner

    def to_input(self, *, submit: bool) -> ApplicationInput:
        data = self.cleaned_data
        organization = self.application.organization if self.application else data["organization"]
        partner = data.get("partner")
        documents = tuple(
            DocumentUpload(position=index, name=upload.name, size=upload.size, file=upload)
            for index in range(len(self.call.document_list()))
            if (upload := data.get(f"document_{index}"))
        )
        return ApplicationInput(
            organization_id=organization.pk,
            submit=submit,
            partner_id=partner.pk if partner else None,
            offers=data["offers"],
            needs=data["needs"],
            ideas=data["ideas"],
            field_ids=tuple(f.pk for f in data["fields"]),
            language_ids=tuple(lang.pk for lang in data["languages"]),
            region=data["region"],
            district=data["district"],
            capacity_hours=data["capacity_hours"],
            amount=data["amount"],
            answers=tuple(
                data.get(f"answer_{index}", "") for index in range(len(self.call.question_list()))
            ),
            contact_name=data["contact_name"],
            contact_email=data["contact_email"],
            documents=documents,
        )

    @classmethod
    def initial_for(cls, application) -> dict:
        if application is None:
            return {}
        initial = {
            "partner": application.partner.slug if application.partner else "",
            "fields": list(application.fields.all()),
            "languages": list(application.languages.all()),
            **{
                name: getattr(application, name)
                for name in (
                    "offers",
                    "needs",
                    "ideas",
                    "region",
                    "district",
                    "capacity_hours",
                    "amount",
                    "contact_name",
                    "contact_email",
                )
            },
        }
        for index, answer in enumerate(application.answers or []):
            initial[f"answer_{index}"] = answer
        return initial


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("accept", _("Accept")), ("decline", _("Decline"))], widget=forms.HiddenInput
    )


class PairForm(forms.Form):
    """Staff pair two of the call's applications (a suggestion, or their own choice)."""

    mo = forms.ModelChoiceField(label=_("Migrant organization"), queryset=None)
    partner = forms.ModelChoiceField(label=_("Partner organization"), queryset=None)

    def __init__(self, *args, applications=(), **kwargs):
        super().__init__(*args, **kwargs)
        # The choices are the applications handed in; the queryset only resolves the ids.
        mos = [a for a in applications if a.organization.kind == OrganizationKind.MIGRANT_ORG]
        others = [a for a in applications if a.organization.kind != OrganizationKind.MIGRANT_ORG]
        for name, rows in (("mo", mos), ("partner", others)):
            field = self.fields[name]
            field.queryset = TandemApplication.objects.filter(pk__in=[a.pk for a in rows])
            field.choices = [("", "—")] + [(a.pk, a.organization.name) for a in rows]


class GoalForm(forms.Form):
    text = forms.CharField(label=_("Goal"), max_length=300)
    owner = forms.ChoiceField(label=_("Owned by"), choices=Side.choices, widget=forms.RadioSelect)


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=300)
    due_on = forms.DateField(label=_("Due on"), widget=DateInput())


class SignForm(forms.Form):
    side = forms.ChoiceField(choices=Side.choices, widget=forms.HiddenInput)
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class EvaluationForm(forms.Form):
    """One side's answers in one phase: every statement from 1 (not at all) to 5 (fully)."""

    side = forms.ChoiceField(choices=Side.choices, widget=forms.HiddenInput)
    phase = forms.ChoiceField(label=_("Phase"), choices=Phase.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in EVALUATION_ITEMS:
            self.fields[f"item_{code}"] = forms.TypedChoiceField(
                label=label,
                choices=[(n, str(n)) for n in SCALE],
                coerce=int,
                widget=forms.RadioSelect,
                help_text=_("1 = not at all, 5 = fully"),
            )

    def item_fields(self):
        return [self[f"item_{code}"] for code, _label in EVALUATION_ITEMS]

    def answers(self) -> dict[str, int]:
        return {code: self.cleaned_data[f"item_{code}"] for code, _label in EVALUATION_ITEMS}
