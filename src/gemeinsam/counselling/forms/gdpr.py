"""Forms for data protection: finding a person, and confirming their erasure."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ContactSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name, email or phone"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "I confirm that this person's data is to be erased. This cannot be undone; the "
            "figures keep counting their cases without naming them."
        ),
        required=True,
        error_messages={"required": _("Please confirm the erasure by ticking the box.")},
    )
