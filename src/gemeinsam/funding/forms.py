"""The readiness check's questions: one field per fact its rules ask about, nothing else.

Every field may stay empty: an unanswered question makes its requirements "unknown", and the
result says what to find out.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from gemeinsam.core.enums import FederalState
from gemeinsam.organizations.models import LegalForm

from .facts import BOOL, CHOICE, DATE, FACTS, INT, MONEY


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
