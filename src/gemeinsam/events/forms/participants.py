"""Forms of the staff's participant list: its filters, decisions, attendance and the mail to
the participants."""

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
