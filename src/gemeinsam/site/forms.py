"""The home page's search box, and sample forms for the design-system page (they show the form
components, and save nothing)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gemeinsam.events.enums import EventFormat, EventKind


class HomeSearch(forms.Form):
    """The directory's search box on the home page (the directory reads `q`)."""

    q = forms.CharField(
        label=_("Search the directory"),
        required=False,
        widget=forms.SearchInput(attrs={"placeholder": _("e.g. youth work, Bochum, Arabic")}),
    )


class SampleForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=100)
    email = forms.EmailField(label=_("Email address"), help_text=_("We only use it to answer you."))
    phone = forms.CharField(label=_("Phone"), required=False)
    format = forms.ChoiceField(
        label=_("Format"), choices=EventFormat.choices, widget=forms.RadioSelect
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        choices=EventKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    consent = forms.BooleanField(label=_("I agree."))


class SampleFilters(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.MultipleChoiceField(
        label=_("Kind"),
        choices=EventKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    format = forms.ChoiceField(
        label=_("Format"), choices=[("", "—"), *EventFormat.choices], required=False
    )
