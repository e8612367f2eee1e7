from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from . import fields as f
from .enums import Decision
from .parsing import ImportFileError, Table, read_table
from .validation import Preview


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (CSV or Excel .xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.table: Table | None = None
        self.fields["file"].help_text = _(
            "At most %(size)s. The first row holds the column names."
        ) % {"size": filesizeformat(settings.GEMEINSAM_MAX_IMPORT_BYTES)}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.GEMEINSAM_MAX_IMPORT_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _(
                    "The file is %(size)s, but at most %(limit)s can be imported at once. "
                    "Please split it into smaller files."
                ),
                code="too_big",
                params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            )
        # Read it now, so that a file nobody can read is refused before it is stored.
        try:
            self.table = read_table(upload, upload.name)
        except ImportFileError as error:
            raise forms.ValidationError(error.message, code="unreadable") from error
        finally:
            upload.seek(0)
        return upload


class MappingForm(forms.Form):
    """One choice per column of the file: which field it fills, or none."""

    def __init__(self, *args, table: Table, mapping: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.table = table
        options = [("", _("— do not import —")), *f.choices()]
        for index, header in enumerate(table.headers):
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=header,
                choices=options,
                required=False,
                initial=mapping[index] if index < len(mapping) else "",
                # Named by its row's heading, the column's name in the file.
                widget=forms.Select(attrs={"aria-labelledby": f"column-{index}"}),
            )

    def rows(self):
        """(header, example value, bound field) per column, for the mapping table."""
        return [
            (header, self.table.sample(index), self[f"column_{index}"])
            for index, header in enumerate(self.table.headers)
        ]

    def mapping(self) -> list[str]:
        return [self.cleaned_data[f"column_{i}"] for i in range(len(self.table.headers))]


class DecisionsForm(forms.Form):
    """What to do with each likely duplicate; skipping is the safe default."""

    def __init__(self, *args, preview: Preview, **kwargs):
        super().__init__(*args, **kwargs)
        self.duplicates = preview.duplicates
        for row in self.duplicates:
            self.fields[f"row_{row.number}"] = forms.ChoiceField(
                label=_("Row %(row)s") % {"row": row.number},
                choices=[(d.value, d.label) for d in row.decisions],
                initial=Decision.SKIP,
                required=False,
                widget=forms.Select(
                    attrs={
                        "aria-label": _("What to do with row %(number)s") % {"number": row.number}
                    }
                ),
            )

    def rows(self):
        return [(row, self[f"row_{row.number}"]) for row in self.duplicates]

    def decisions(self) -> dict[int, Decision]:
        # A row without an answer is skipped, the choice that changes nothing.
        return {
            row.number: Decision(self.cleaned_data[f"row_{row.number}"] or Decision.SKIP)
            for row in self.duplicates
        }
