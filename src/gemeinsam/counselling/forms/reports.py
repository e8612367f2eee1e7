"""The funder report's choices: a project of the agency (or all), and the period."""

from __future__ import annotations

import datetime

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gemeinsam.agencies.models import Agency, Project
from gemeinsam.core.forms import DateInput

from ..periods import MAX_YEARS, default_period, years_later

EARLIEST, LATEST = datetime.date(1900, 1, 1), datetime.date(2999, 12, 31)


def _date_field(label) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        widget=DateInput(),
        validators=[MinValueValidator(EARLIEST), MaxValueValidator(LATEST)],
    )


class ReportForm(forms.Form):
    """Read from the query string (?project=…&from=…&to=…); what is left out takes its default:
    all projects, the current year (or the year of the one date given). `period()` gives what
    to show: the defaults when the input is wrong (the errors say why)."""

    project = forms.ModelChoiceField(
        label=_("Project"),
        queryset=Project.objects.none(),
        required=False,
        empty_label=_("All projects"),
    )

    def __init__(self, data=None, *, agency: Agency, today: datetime.date | None = None):
        super().__init__(data)
        self.defaults = default_period(today)
        self.fields["project"].queryset = agency.projects.order_by("-starts_on", "title")
        # "from" is a Python keyword, so these two fields cannot be declared above.
        self.fields["from"] = _date_field(pgettext_lazy("period", "From"))
        self.fields["to"] = _date_field(pgettext_lazy("period", "To"))
        if not self.is_bound:
            self.initial = {"from": self.defaults[0], "to": self.defaults[1]}

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        date_from, date_to = cleaned.get("from"), cleaned.get("to")
        # One end left out: the calendar year of the other; both left out: the current year.
        if date_from is None:
            date_from = date_to.replace(month=1, day=1) if date_to else self.defaults[0]
        if date_to is None:
            date_to = date_from.replace(month=12, day=31)
        if date_to < date_from:
            raise forms.ValidationError(
                _("The end of the period comes before its start."), code="order"
            )
        if date_to > years_later(date_from, MAX_YEARS):
            raise forms.ValidationError(
                _("The period can be at most %(years)d years long.") % {"years": MAX_YEARS},
                code="too_long",
            )
        cleaned["from"], cleaned["to"] = date_from, date_to
        return cleaned

    def period(self) -> tuple[Project | None, datetime.date, datetime.date]:
        """(project, from, to): the valid choice, else all projects in the current year."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["project"], self.cleaned_data["from"], self.cleaned_data["to"]
        return None, *self.defaults

    def query(self) -> str:
        """The query string of what is shown, for the download links."""
        project, date_from, date_to = self.period()
        params = {"from": date_from.isoformat(), "to": date_to.isoformat()}
        if project is not None:
            params = {"project": project.pk, **params}
        return "&".join(f"{key}={value}" for key, value in params.items())
