"""The directory's search box and filter panel, drawn from the current result."""

from django import forms
from django.db import models
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from gemeinsam.core.enums import FederalState

from ..enums import OrganizationKind
from ..models import FieldOfActivity, RecognitionType, WorkingLanguage

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

    def render(self, name, value, attrs=None, renderer=None):
        """The markup Django's widget templates give, written here: the directory's panel has
        some eighty options, and rendering each through three templates was half the page's
        rendering time. Anything but a plain id goes the templates' way."""
        attrs = self.build_attrs(self.attrs, attrs)
        if set(attrs) - {"id"} or not attrs.get("id"):
            return super().render(name, value, attrs, renderer)
        options = format_html_join(
            "",
            '<div>\n    <label for="{}"><input type="checkbox" name="{}" value="{}" id="{}"{}>'
            "\n {}</label>\n\n</div>",
            (
                (
                    option["attrs"]["id"],
                    name,
                    option["value"],
                    option["attrs"]["id"],
                    mark_safe(" checked") if option["selected"] else "",
                    option["label"],
                )
                for _group, group_options, _index in self.optgroups(
                    name, self.format_value(value), attrs
                )
                for option in group_options
            ),
        )
        return format_html('<div id="{}">{}\n</div>', attrs["id"], options)


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
