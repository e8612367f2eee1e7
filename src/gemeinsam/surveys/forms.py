"""The surveys' forms: uploading an XLSForm. They hand the services typed input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import xlsform
from .enums import Audience
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
