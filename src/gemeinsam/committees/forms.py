"""Forms of the register; each hands its service typed input (`to_input`)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gemeinsam.core.forms import DateTimeInput
from gemeinsam.organizations.models import RecognitionType

from .enums import MandateAction, SeatRole
from .inputs import CommitteeInput, MandateInput, MeetingInput, SeatInput
from .models import Body, Committee, LegislativeTerm


class CommitteeForm(forms.ModelForm):
    body = forms.ModelChoiceField(label=_("Body"), queryset=Body.objects.order_by("name"))

    class Meta:
        model = Committee
        fields = [
            "body",
            "name",
            "kind",
            "legal_basis",
            "seats_total",
            "seats_voting",
            "description",
            "website",
            "is_active",
        ]

    def clean(self):
        data = super().clean()
        if not self.errors:
            try:
                self.to_input().check()
            except ValidationError as error:
                self.add_error(None, error)
        return data

    def to_input(self) -> CommitteeInput:
        d = self.cleaned_data
        return CommitteeInput(
            body_id=d["body"].pk,
            name=d["name"],
            kind=d["kind"],
            seats_total=d["seats_total"],
            seats_voting=d["seats_voting"],
            legal_basis=d["legal_basis"],
            description=d["description"],
            website=d["website"],
            is_active=d["is_active"],
        )


class MeetingForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=DateTimeInput())
    location = forms.CharField(label=_("Place"), max_length=300, required=False)
    is_public = forms.BooleanField(label=_("Public meeting"), required=False, initial=True)

    def to_input(self) -> MeetingInput:
        return MeetingInput(**self.cleaned_data)


class SeatForm(forms.Form):
    label = forms.CharField(label=_("Seat"), max_length=200)
    proposing_body = forms.CharField(label=_("Proposed by"), max_length=200, required=False)
    appointer = forms.CharField(label=_("Appointed by"), max_length=200, required=False)
    term = forms.ModelChoiceField(label=_("Term"), queryset=LegislativeTerm.objects.none())
    voting_right = forms.BooleanField(label=_("Voting right"), required=False, initial=True)
    requires_recognition = forms.ModelChoiceField(
        label=_("Open to organizations with"),
        queryset=RecognitionType.objects.all(),
        required=False,
        help_text=_("Only organizations with this recognition may be proposed for the seat."),
    )

    def __init__(self, *args, terms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = terms
        self.fields["term"].required = False

    def to_input(self) -> SeatInput:
        d = self.cleaned_data
        return SeatInput(
            label=d["label"],
            proposing_body=d["proposing_body"],
            appointer=d["appointer"],
            term_id=d["term"].pk if d["term"] else None,
            voting_right=d["voting_right"],
            requires_recognition_id=(
                d["requires_recognition"].pk if d["requires_recognition"] else None
            ),
        )


class MandateForm(forms.Form):
    seat = forms.ChoiceField(label=_("Seat"))
    role = forms.ChoiceField(label=_("Role"), choices=SeatRole.choices)
    holder_name = forms.CharField(label=_("Person"), max_length=200)
    organization = forms.CharField(
        label=_("On behalf of"),
        required=False,
        max_length=120,
        help_text=_("The last part of the organization's address in the directory."),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea, max_length=2000)

    def __init__(self, *args, seats, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seat"].choices = [(s.pk, s.label) for s in seats]
        self.organizations = organizations

    def clean_organization(self):
        slug = self.cleaned_data["organization"].strip().strip("/").rsplit("/", 1)[-1]
        if not slug:
            return None
        organization = self.organizations.filter(slug=slug).first()
        if organization is None:
            raise forms.ValidationError(_("No organization in the directory has this name."))
        return organization

    def to_input(self) -> MandateInput:
        d = self.cleaned_data
        return MandateInput(
            seat_id=int(d["seat"]),
            role=d["role"],
            holder_name=d["holder_name"],
            organization_id=d["organization"].pk if d["organization"] else None,
            note=d["note"],
        )


class MandateStepForm(forms.Form):
    action = forms.ChoiceField(choices=MandateAction.choices)
