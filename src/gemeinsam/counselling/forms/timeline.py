"""Forms for a case's timeline: sessions, notes, tasks, outcomes, documents, break-glass."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import uploads
from ..enums import DOCUMENT_TYPES, Channel, OutcomeKind

EARLIEST = datetime.date(2000, 1, 1)
MAX_NOTE_LENGTH = 20_000


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _not_in_future(value: datetime.date | None, message) -> None:
    if value is None:
        return
    if value > timezone.localdate():
        raise forms.ValidationError(message)
    if value < EARLIEST:
        raise forms.ValidationError(_("Please check the date: it is before the year 2000."))


class SessionForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DateInput)
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=1, max_value=24 * 60
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    participants = forms.CharField(label=_("Participants"), max_length=500, required=False)
    summary = forms.CharField(
        label=_("Summary (internal)"),
        required=False,
        max_length=MAX_NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Only the case's advisors can read it; it is stored encrypted."),
    )
    next_steps = forms.CharField(
        label=_("Agreed next steps (shared)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The organization sees these on its page."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].initial = timezone.localdate()

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        _not_in_future(held_on, _("A session can only be recorded once it has taken place."))
        return held_on


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Internal note"),
        max_length=MAX_NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only the case's advisors can read it; it is stored encrypted."),
    )

    def clean_body(self):
        body = self.cleaned_data["body"]
        if not body.strip():
            raise forms.ValidationError(_("The note is empty."))
        return body


class AdvisorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=300)
    due_on = forms.DateField(label=_("Due"), required=False, widget=DateInput)
    assignee = AdvisorChoiceField(
        label=_("Assigned to"), queryset=get_user_model().objects.none(), required=False
    )
    is_shared = forms.BooleanField(label=_("Show to the organization"), required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = case.advisors.order_by("name", "email")

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on is not None and not EARLIEST <= due_on <= datetime.date(2100, 12, 31):
            raise forms.ValidationError(_("Please check the date."))
        return due_on


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Outcome"), choices=OutcomeKind.choices)
    achieved_on = forms.DateField(label=_("Date"), widget=DateInput)
    programme = forms.CharField(
        label=_("Programme"),
        max_length=200,
        required=False,
        help_text=_("For funding applications: the fund or programme."),
    )
    amount = forms.DecimalField(
        label=_("Amount (€)"),
        max_digits=12,
        decimal_places=2,
        required=False,
        help_text=_("For funding applications: the amount applied for or approved."),
    )
    comment = forms.CharField(label=_("Comment"), max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["achieved_on"].initial = timezone.localdate()

    def clean_achieved_on(self):
        achieved_on = self.cleaned_data["achieved_on"]
        _not_in_future(achieved_on, _("An outcome can only be recorded once it has been reached."))
        return achieved_on

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount < Decimal(0):
            raise forms.ValidationError(_("The amount cannot be negative."))
        return amount

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind in OutcomeKind.with_programme():
            if not (data.get("programme") or "").strip():
                self.add_error("programme", _("Please name the programme."))
            if data.get("amount") is None and "amount" not in self.errors:
                self.add_error("amount", _("Please give the amount."))
        elif kind:
            if (data.get("programme") or "").strip():
                self.add_error("programme", _("Only funding outcomes have a programme."))
            if data.get("amount") is not None:
                self.add_error("amount", _("Only funding outcomes have an amount."))
        return data


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("File"))
    is_shared = forms.BooleanField(label=_("Share with the organization"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.checked: uploads.CheckedUpload | None = None
        self.fields["file"].help_text = _("%(types)s, at most %(size)s.") % {
            "types": ", ".join(uploads.allowed_extensions()),
            "size": filesizeformat(settings.GEMEINSAM_MAX_DOCUMENT_BYTES),
        }
        self.fields["file"].widget.attrs["accept"] = ",".join(sorted(DOCUMENT_TYPES))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.checked = uploads.check_upload(upload)
        return upload


class BreakGlassForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you need to open the confidential parts of this case?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "At least a sentence. The reason is logged and shown on the case to everyone who "
            "works on it."
        ),
    )
