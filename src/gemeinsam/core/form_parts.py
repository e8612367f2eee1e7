"""Long forms folded into parts (the event form, the organization profile): each part shows its
title and one line of what it holds while folded, and opens when it has errors (so the error
summary's links reach their fields) or when a new record needs it. Folded fields are still sent,
so nothing typed is lost. The template is `core/components/form_part.html`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext as _

SUMMARY_LENGTH = 140


@dataclass
class FormPart:
    """One foldable part: its fields (or a formset's forms) and the line it shows folded."""

    slug: str
    title: str
    summary: str
    fields: list = field(default_factory=list)
    formset: object = None
    errors: int = 0
    open: bool = False
    hint: str = ""  # a line above the fields
    after: str = ""  # a template drawn after the fields (with the page's context)
    row_title: Callable[[int], str] | None = None  # a formset row's heading, by its number

    @property
    def rows(self) -> list[tuple]:
        """The formset's forms, each with its heading (none without `row_title`)."""
        return [
            (member, self.row_title(number) if self.row_title else "")
            for number, member in enumerate(self.formset.forms, start=1)
        ]


def shown(bound) -> list[str]:
    """What a bound field holds as a person reads it: choice labels rather than ids, dates in
    the page's format, numbers with their label; nothing for yes/no fields."""
    value = bound.value()
    if value in (None, "", [], ()) or isinstance(bound.field, forms.BooleanField):
        return []
    if isinstance(bound.field, forms.DateTimeField | forms.DateField):
        try:
            moment = bound.field.to_python(value)
        except forms.ValidationError:
            return [str(value)]
        if isinstance(bound.field, forms.DateTimeField):
            return [formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")]
        return [formats.date_format(moment, "SHORT_DATE_FORMAT")]
    values = value if isinstance(value, list | tuple) else [value]
    choices = getattr(bound.field, "choices", None)
    if choices is None:
        number = isinstance(bound.field, forms.IntegerField | forms.DecimalField)
        return [f"{bound.label}: {v}" if number else str(v) for v in values]
    labels = {str(key): str(label) for key, label in choices}
    return [labels[str(v)] for v in values if labels.get(str(v))]


def summary(parts: Iterable[str]) -> str:
    """The folded line: the parts joined, cut to SUMMARY_LENGTH characters."""
    text = " · ".join(part for part in parts if part)
    if len(text) > SUMMARY_LENGTH:
        text = text[: SUMMARY_LENGTH - 1].rstrip() + "…"
    return text or str(_("Nothing entered yet"))


def summed(form, names: Iterable[str]) -> str:
    """The folded line of a part made of the form's fields `names`."""
    return summary(", ".join(shown(form[name])) for name in names)


def errors_of(form) -> int:
    """How many problems a bound form has (none for one not sent, or missing)."""
    if form is None or not form.is_bound:
        return 0
    return len(form.non_field_errors()) + sum(len(bound.errors) for bound in form)


def fields_part(form, slug: str, title, names: Iterable[str], summed_names: Iterable[str]):
    """A part of the form's fields `names`, summed up by the fields `summed_names`."""
    fields = [form[name] for name in names]
    errors = sum(len(bound.errors) for bound in fields) if form.is_bound else 0
    return FormPart(slug, str(title), summed(form, summed_names), fields=fields, errors=errors)


def formset_part(
    formset, slug: str, title, describe: Callable[[forms.Form], str], **extra
) -> FormPart:
    """A part of a formset's rows, each row described by `describe` (rows marked for deletion
    are left out of the line)."""
    rows = [
        describe(member)
        for member in formset.forms
        if not (member.is_bound and member["DELETE"].value())
    ]
    errors = len(formset.non_form_errors()) + sum(errors_of(f) for f in formset.forms)
    return FormPart(slug, str(title), summary(rows), formset=formset, errors=errors, **extra)


def open_parts(parts: list[FormPart], *, sent: bool, new: bool, open_when_new: set[str]):
    """Open the parts with errors, and for a new record not yet sent the ones it needs first."""
    for part in parts:
        part.open = bool(part.errors) or (new and not sent and part.slug in open_when_new)
    return parts
