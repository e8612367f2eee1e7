"""Forms of the staff's participant list: its filters, the actions on the people selected,
decisions, attendance, the search at check-in and the mail to the participants."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..enums import RegistrationStatus

ATTENDED_CHOICES = [
    ("", _("all")),
    ("yes", _("attended")),
    ("no", _("did not attend")),
    ("unknown", _("not recorded")),
]


class ParticipantFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("all")), *RegistrationStatus.choices],
    )
    organization = forms.TypedChoiceField(
        label=_("Organization"), required=False, coerce=int, empty_value=None
    )
    attended = forms.ChoiceField(label=_("Attendance"), required=False, choices=ATTENDED_CHOICES)
    q = forms.CharField(label=_("Name or email"), required=False, max_length=100)

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [
            ("", _("all")),
            *[(org.pk, org.name) for org in organizations],
        ]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("accept", _("accept")), ("decline", pgettext_lazy("decision", "decline"))]
    )


class AttendanceForm(forms.Form):
    attended = forms.ChoiceField(choices=[("yes", "yes"), ("no", "no"), ("unknown", "unknown")])

    def value(self) -> bool | None:
        return {"yes": True, "no": False, "unknown": None}[self.cleaned_data["attended"]]


class ParticipantMailForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(
        label=_("Message"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Sent as plain text. The personal link to the registration is added below."),
    )
    include_waitlisted = forms.BooleanField(
        label=_("Also write to the people on the waiting list"), required=False
    )


class SelectCheckboxes(forms.CheckboxSelectMultiple):
    """One checkbox per row of a table, each named for assistive technology by its person (the
    row shows the name itself, so the box needs no visible label)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["attrs"]["aria-label"] = _("Select %(name)s") % {"name": label}
        return option


# The actions on the people selected, each one service call; the page offers those that apply.
BULK_ACTIONS = {
    "accept": _("Confirm"),
    "decline": pgettext_lazy("decision", "Decline"),
    "attended": _("Mark as attended"),
    "absent": _("Mark as not attended"),
    "unrecorded": _("Clear attendance"),
    "cancel": _("Cancel their registrations"),
}


class BulkForm(forms.Form):
    """The people selected in the participant list and what to do with all of them."""

    action = forms.ChoiceField(choices=list(BULK_ACTIONS.items()))
    selected = forms.TypedMultipleChoiceField(
        coerce=int,
        widget=SelectCheckboxes,
        error_messages={"required": _("Please select at least one person.")},
    )

    def __init__(self, *args, registrations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["selected"].choices = [(r.pk, r.name) for r in registrations]

    def checkboxes(self) -> dict:
        """The checkboxes by registration id, for the rows of the table."""
        return {int(box.data["value"]): box for box in self["selected"]}


class CheckinSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Find a person"),
        required=False,
        max_length=100,
        widget=forms.SearchInput,
        help_text=_("Name or email address."),
    )
