"""The readiness check's questions: one field per fact its rules ask about, nothing else.

Every field may stay empty: an unanswered question makes its requirements "unknown", and the
result says what to find out. Also the staff overview's filters.
"""

from __future__ import annotations

from django import forms
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from gemeinsam.core.enums import FederalState
from gemeinsam.organizations.enums import OrganizationKind
from gemeinsam.organizations.models import LegalForm

from . import ruledoc
from .enums import Level, ProgrammeKind
from .facts import BOOL, CHOICE, DATE, FACTS, INT, MONEY
from .queries.overview import STATUS_LABELS, STATUSES


def facts_asked(document: dict) -> list[str]:
    """The facts a rule document's tests name, in the order they first appear."""
    names: list[str] = []

    def walk(test):
        for key in ("all", "any"):
            for part in test.get(key, []):
                walk(part)
        if "not" in test:
            walk(test["not"])
        if "fact" in test and test["fact"] not in names:
            names.append(test["fact"])

    for requirement in document["requirements"]:
        walk(requirement["test"])
    return names


def _choices(name: str) -> list[tuple[str, str]]:
    if name == "legal_form":
        forms_ = LegalForm.objects.filter(code__in=FACTS[name].choices)
        return [(f.code, f.label) for f in forms_]
    if name == "federal_state":
        return list(FederalState.choices)
    return [(c, c) for c in FACTS[name].choices]


def _field(name: str) -> forms.Field:
    fact = FACTS[name]
    label = fact.label((get_language() or "de").split("-")[0])
    unanswered = ("", _("– not known –"))
    if fact.type == BOOL:
        return forms.TypedChoiceField(
            label=label,
            required=False,
            choices=[unanswered, ("true", _("yes")), ("false", _("no"))],
        )
    if fact.type == INT:
        return forms.IntegerField(label=label, required=False, min_value=0, max_value=10**7)
    if fact.type == MONEY:
        return forms.DecimalField(
            label=label, required=False, min_value=0, max_digits=12, decimal_places=2
        )
    if fact.type == DATE:
        return forms.DateField(
            label=label, required=False, widget=forms.DateInput(attrs={"type": "date"})
        )
    assert fact.type == CHOICE
    return forms.ChoiceField(label=label, required=False, choices=[unanswered, *_choices(name)])


class CheckForm(forms.Form):
    """One field per fact asked; with `ask_state`, also the Land (not a fact of the rules: it
    only says which authority to name)."""

    def __init__(self, *args, facts: list[str], ask_state: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        for name in facts:
            self.fields[name] = _field(name)
        if ask_state and "federal_state" not in facts:
            self.fields["state"] = forms.ChoiceField(
                label=_("Federal state (to name the authority)"),
                required=False,
                choices=[("", _("– not known –")), *FederalState.choices],
            )

    def answers(self) -> dict:
        """The answers given, as the fact cleaner takes them (empty ones left out)."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value not in (None, "") and name != "state"
        }

    def state(self) -> str:
        """The Land the answers name, if any."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get("federal_state") or data.get("state") or ""


# --- The staff overview's filters ----------------------------------------------------------------


class OverviewFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    state = forms.ChoiceField(label=_("Federal state"), required=False)
    kind = forms.ChoiceField(label=_("Kind of organization"), required=False)
    field = forms.ChoiceField(label=_("Field of activity"), required=False)
    check = forms.ChoiceField(label=_("Readiness check"), required=False)

    def __init__(self, *args, states, checks, fields, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("all"))]
        self.fields["state"].choices = everything + [
            (value, label)
            for value, label in FederalState.choices
            if states is None or value in states
        ]
        self.fields["kind"].choices = everything + list(OrganizationKind.choices)
        self.fields["field"].choices = everything + [(f.code, f.label) for f in fields]
        self.fields["check"].choices = everything + [
            (f"{check.code}:{status}", f"{check.label}: {STATUS_LABELS[status]}")
            for check in checks
            for status in STATUSES
        ]


def read_filters(data, *, states, checks, fields) -> tuple[OverviewFilterForm, dict]:
    """The filters from the address: values that do not fit are left out, not an error. Returns
    a form showing the values in use, and those values."""
    data = data.copy()
    # "missing" is what the page calls a requirement that is not met.
    if data.get("check", "").endswith(":missing"):
        data["check"] = data["check"].removesuffix(":missing") + f":{ruledoc.NOT_MET}"
    form = OverviewFilterForm(data, states=states, checks=checks, fields=fields)
    form.is_valid()
    used = {name: value for name, value in form.cleaned_data.items() if value}
    if "q" in used:
        used["q"] = used["q"].strip()
    shown = OverviewFilterForm(initial=used, states=states, checks=checks, fields=fields)
    return shown, {name: value for name, value in used.items() if value}


# --- The gap dashboard's region and field ----------------------------------------------------


class GapFilterForm(forms.Form):
    """What the gap dashboard shows, for the filter panel: the view reads the address itself
    (`queries.gap.parse_filters`), so this form is bound to the values in use."""

    state = forms.ChoiceField(label=_("Federal state"), required=False)
    district = forms.ChoiceField(label=_("District"), required=False)
    field = forms.ChoiceField(label=_("Field for the table of federal states"), required=False)

    def __init__(self, data, *, districts: list[str], fields):
        super().__init__(data)
        self.fields["state"].choices = [("", _("All of Germany")), *FederalState.choices]
        if districts:
            self.fields["district"].choices = [("", _("– all –"))] + [(d, d) for d in districts]
        else:
            del self.fields["district"]
        self.fields["field"].choices = [(f.code, f.label) for f in fields]


# --- The programme catalogue's filters -------------------------------------------------------


class ProgrammeFilterForm(forms.Form):
    """The catalogue's filters for the filter panel. The page reads the address itself
    (`CatalogueFilters.from_query`, which ignores what it does not know), so this form is bound
    to the values in use and never shows an error."""

    organization = forms.ChoiceField(label=_("Show what fits my organization"), required=False)
    q = forms.CharField(label=_("Search words"), required=False, max_length=100)
    state = forms.ChoiceField(label=_("Federal state"), required=False)
    kind = forms.MultipleChoiceField(
        label=_("Kind of funding"), required=False, widget=forms.CheckboxSelectMultiple
    )
    level = forms.MultipleChoiceField(
        label=_("Level"), required=False, widget=forms.CheckboxSelectMultiple
    )
    field = forms.MultipleChoiceField(
        label=_("Fields of activity"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, filters, *, organizations, organization, fields):
        data = {
            "q": filters.q,
            "state": filters.state,
            "kind": filters.kind,
            "level": filters.level,
            "field": filters.field,
            "organization": organization.slug if organization else "",
        }
        super().__init__(data)
        if organizations:
            self.fields["organization"].choices = [("", _("– none –"))] + [
                (own.slug, own.name) for own in organizations
            ]
        else:
            del self.fields["organization"]
        self.fields["state"].choices = [("", _("– all –")), *FederalState.choices]
        self.fields["kind"].choices = [(v, capfirst(label)) for v, label in ProgrammeKind.choices]
        self.fields["level"].choices = [(v, capfirst(label)) for v, label in Level.choices]
        self.fields["field"].choices = [(f.code, f.label) for f in fields]


# --- Which of the person's organizations -----------------------------------------------------


class OrganizationChoiceForm(forms.Form):
    """One of the person's organizations, for a page that can be about it (what fits, a check
    filled in from its profile, whom a watch is for). `empty` is the choice of none."""

    organization = forms.ChoiceField(required=False)

    def __init__(self, *, organizations, organization=None, label="", empty=None, **kwargs):
        super().__init__(
            initial={"organization": organization.slug if organization else ""}, **kwargs
        )
        field = self.fields["organization"]
        field.label = label
        field.choices = ([("", empty)] if empty is not None else []) + [
            (own.slug, own.name) for own in organizations
        ]
