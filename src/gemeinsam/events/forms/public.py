"""The public lists' filters as a form, so the list, the calendar and the training catalogue draw
them with the design system's filter panel and its removable chips, as every list does.

The form only draws what is chosen: the lists filter through `queries.EventFilters`, which reads
the same GET parameters and drops values that make no sense. The form is bound to what it kept,
so a value the filters dropped is neither ticked nor shown as a chip's field.
"""

from __future__ import annotations

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from gemeinsam.agencies.models import Agency
from gemeinsam.core.enums import FederalState
from gemeinsam.core.forms import DateInput
from gemeinsam.organizations.models import FieldOfActivity, TargetGroup, WorkingLanguage

from ..enums import EventFormat, EventKind
from ..models import Profession, Topic
from ..queries import EventFilters


def _reference(model) -> list[tuple[str, str]]:
    return [(item.code, item.label) for item in model.objects.all()]


# Each choice group of the lists: its label and its choices (one query per reference table).
CHOICES = {
    "kind": (_("Type"), lambda: list(EventKind.choices)),
    "format": (_("Format"), lambda: list(EventFormat.choices)),
    "topic": (_("Topic"), lambda: _reference(Topic)),
    "field": (_("Field of activity"), lambda: _reference(FieldOfActivity)),
    "target_group": (_("Target group"), lambda: _reference(TargetGroup)),
    "profession": (_("Profession"), lambda: _reference(Profession)),
    "language": (_("Language"), lambda: _reference(WorkingLanguage)),
    "state": (_("Federal state"), lambda: list(FederalState.choices)),
    "agency": (
        _("Agency"),
        lambda: [(a.slug, a.name) for a in Agency.objects.filter(is_active=True)],
    ),
}

LIST_CHOICES = tuple(CHOICES)
TRAINING_CHOICES = ("profession", "field", "format", "language", "state")


class EventFilterForm(forms.Form):
    """Search words, dates, places left, then one group of checkboxes per name in `choices`;
    the list filters it does not show travel on as hidden fields (a project from a link, the
    calendar's month)."""

    q = forms.CharField(label=_("Search words"), required=False, widget=forms.SearchInput)
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Until"), required=False, widget=DateInput())
    places_left = forms.BooleanField(label=_("Only events with places left"), required=False)

    def __init__(self, filters: EventFilters, *, choices=LIST_CHOICES, month: str = ""):
        data = QueryDict(mutable=True)
        for name, value in filters.as_query():
            data.appendlist(name, value)
        super().__init__(data, label_suffix="")
        for name in choices:
            label, options = CHOICES[name]
            self.fields[name] = forms.MultipleChoiceField(
                label=label,
                choices=options(),
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
        shown = set(choices)
        for name in EventFilters.LIST_FIELDS:
            if name not in shown and name != "kind" and data.getlist(name):
                self.fields[name] = forms.MultipleChoiceField(
                    required=False, widget=forms.MultipleHiddenInput
                )
        if month:
            data["month"] = month
            self.fields["month"] = forms.CharField(required=False, widget=forms.HiddenInput)


class FeedAddressForm(forms.Form):
    """The calendar feed's address in a field of its own, to copy into a calendar app."""

    address = forms.URLField(
        label=_("Calendar address to copy"),
        required=False,
        widget=forms.URLInput(attrs={"readonly": True, "dir": "ltr"}),
    )
