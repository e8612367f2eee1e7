"""The surveys' forms: uploading an XLSForm, invitations, answering. They hand the services
typed input."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from gemeinsam.core import content

from . import xlsform
from .answers import MAX_TEXT, Given, check_answers
from .enums import ANSWERED, CHOICE_KINDS, OTHER, Audience, Kind
from .inputs import FormSpec, Invalid

MAX_XLSFORM_BYTES = 5 * 1024 * 1024


class XlsFormUploadForm(forms.Form):
    file = forms.FileField(
        label=_("XLSForm workbook"),
        help_text=_(
            "An .xlsx file with the sheets survey, choices and settings, texts in columns such "
            "as label::Deutsch (de) and label::Arabic (ar)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
    audience = forms.ChoiceField(
        label=_("Audience"),
        choices=Audience.choices,
        help_text=_("Whom the questionnaire asks, unless its settings sheet says so."),
    )

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload is None or "audience" not in data:
            return data
        if upload.size > MAX_XLSFORM_BYTES:
            self.add_error("file", _("The file is larger than 5 MB."))
            return data
        try:
            data["spec"] = xlsform.read(upload, audience=data["audience"])
        except Invalid as invalid:
            for problem in invalid.problems:
                self.add_error("file", problem)
        return data

    def to_input(self) -> FormSpec:
        return self.cleaned_data["spec"]


class InvitationForm(forms.Form):
    emails = forms.CharField(
        label=_("Email addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line: each gets a personal link that works once."),
    )
    count = forms.IntegerField(
        label=_("Links without an address"),
        min_value=0,
        max_value=1000,
        initial=0,
        help_text=_("To print or send by SMS."),
    )
    language = forms.ChoiceField(label=_("Language of the link"), choices=settings.LANGUAGES)

    def clean_emails(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["emails"].splitlines()]
        emails = [line for line in lines if line]
        for email in emails:
            try:
                validate_email(email)
            except ValidationError:
                raise ValidationError(
                    _("“%(value)s” is not an email address.") % {"value": email}
                ) from None
        return list(dict.fromkeys(emails))


class AnswerForm(forms.Form):
    """The questions of a launched version in the respondent's language. The fields only
    collect what was sent; `answers.check_answers` decides (skip logic, constraints, filters)."""

    def __init__(self, rows, language: str, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        self.items = []
        conditional = []  # per open group: whether it has skip logic of its own or above
        for question in rows:
            if question.kind == Kind.GROUP_END:
                conditional = conditional[:-1]
                continue
            skippable = bool(question.relevant) or any(conditional)
            if question.kind == Kind.GROUP_BEGIN:
                conditional.append(skippable)
            wording = question.wording
            label = content.text(wording, "label", language) if wording else ""
            hint = content.text(wording, "hint", language) if wording and wording.hint else ""
            name = other = ""
            if question.kind in ANSWERED:
                name = f"q_{question.item.code}"
                self.fields[name] = self._field(question, label, hint, language)
                # Marked required (and asked by Django) only where no skip logic can spare it.
                self.fields[name].required = question.required and not skippable
                if question.or_other:
                    other = f"{name}__other"
                    self.fields[other] = forms.CharField(
                        label=_("Other, namely"), required=False, max_length=MAX_TEXT
                    )
            self.items.append(
                {
                    "question": question,
                    "label": label,
                    "hint": hint,
                    "field": self[name] if name else None,
                    "other": self[other] if other else None,
                }
            )

    def _field(self, question, label: str, hint: str, language: str):
        options = {"label": label, "help_text": hint, "required": False}
        kind = question.kind
        if kind in CHOICE_KINDS or kind == Kind.SCALE:
            if kind == Kind.SCALE:
                values = range(question.scale_min, question.scale_max + 1)
                choices = [(str(v), str(v)) for v in values]
            else:
                choices = [
                    (c.value, content.text(c, "label", language)) for c in question.choices.all()
                ]
            if question.or_other:
                choices.append((OTHER, _("Other")))
            if kind == Kind.SELECT_MULTIPLE:
                return forms.MultipleChoiceField(
                    choices=choices, widget=forms.CheckboxSelectMultiple, **options
                )
            return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **options)
        if kind in (Kind.INTEGER, Kind.DECIMAL):
            step = "1" if kind == Kind.INTEGER else "any"
            widget = forms.NumberInput(attrs={"step": step, "inputmode": "decimal"})
            return forms.CharField(widget=widget, max_length=40, **options)
        if kind == Kind.DATE:
            return forms.CharField(widget=forms.DateInput(attrs={"type": "date"}), **options)
        return forms.CharField(
            widget=forms.Textarea(attrs={"rows": 3}), max_length=MAX_TEXT, **options
        )

    def clean(self):
        data = super().clean()
        raw, others = {}, {}
        for item in self.items:
            if item["field"] is not None:
                code = item["question"].item.code
                raw[code] = data.get(item["field"].name)
                if item["other"] is not None:
                    others[code] = data.get(item["other"].name, "")
        clean, problems = check_answers(self.rows, raw, others)
        for code, problem in problems.items():
            if f"q_{code}" not in self.errors:
                self.add_error(f"q_{code}", problem)
        data["answers"] = clean
        return data

    def to_input(self) -> dict[str, Given]:
        return self.cleaned_data["answers"]
