"""The translation pages' forms. They hand the services typed input (`inputs.py`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from gemeinsam.core import content

from .enums import OverviewFilter, ParagraphState, target_languages
from .inputs import CommentInput, FieldTexts, GlossaryInput
from .queries import Block, Editor

FORM_ID = "translation-form"
# The paragraphs a person may confirm as they stand, with what the box says.
CONFIRMABLE = {
    ParagraphState.OUTDATED: _("The translation is still correct"),
    ParagraphState.MACHINE: _("Checked: the machine's translation is correct"),
}


def language_name(code: str) -> str:
    return get_language_info(code)["name_translated"]


class EditorForm(forms.Form):
    """One textarea per paragraph of the editor (named with a fingerprint of its German), and a
    box to confirm each outdated ("still correct") or machine-translated ("checked") one as it
    stands. A changed text is the person's own; an unchanged one without the box stays as it
    was, so saving the page never approves what nobody looked at."""

    def __init__(self, editor: Editor, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.editor = editor
        language = editor.language
        for block in editor.blocks:
            for paragraph in block.paragraphs:
                self.fields[paragraph.name] = forms.CharField(
                    label=_("Translation"),
                    required=False,
                    initial=paragraph.text,
                    strip=True,
                    widget=forms.Textarea(
                        attrs={
                            "rows": 2 if block.split != content.PARAGRAPHS else 5,
                            "lang": language,
                            "dir": content.direction(language),
                            # The textareas stand beside the German and the comments' own
                            # forms, outside the one <form> they belong to.
                            "form": FORM_ID,
                        }
                    ),
                )
                paragraph.bound = self[paragraph.name]
                if paragraph.state in CONFIRMABLE:
                    self.fields[f"{paragraph.name}:ok"] = forms.BooleanField(
                        label=CONFIRMABLE[paragraph.state],
                        required=False,
                        widget=forms.CheckboxInput(attrs={"form": FORM_ID}),
                    )
                    paragraph.ok = self[f"{paragraph.name}:ok"]

    def clean(self):
        data = super().clean()
        if self.is_bound and any(p.name not in self.data for p in self.editor.paragraphs):
            raise forms.ValidationError(
                _(
                    "The German text has changed since you opened this page. Nothing was "
                    "saved: check the paragraphs again."
                ),
                code="stale",
            )
        return data

    def to_input(self) -> list[FieldTexts]:
        """The fields where something changed or was confirmed."""
        changed = []
        for block in self.editor.blocks:
            texts, confirmed, touched = [], [], False
            for paragraph in block.paragraphs:
                text = self.cleaned_data.get(paragraph.name) or ""
                texts.append(text)
                if text != paragraph.text:
                    touched = True
                if text and self.cleaned_data.get(f"{paragraph.name}:ok"):
                    confirmed.append(paragraph.index)
                    touched = True
            if touched:
                changed.append(FieldTexts(block.unit, block.field, tuple(texts), tuple(confirmed)))
        return changed


class CommentForm(forms.Form):
    block = forms.CharField(widget=forms.HiddenInput)
    paragraph = forms.TypedChoiceField(
        label=_("About"), required=False, coerce=int, empty_value=None
    )
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, block: Block, *args, **kwargs):
        kwargs.setdefault("prefix", block.key.replace(":", "-").replace(".", "-"))
        kwargs.setdefault("initial", {"block": block.key})
        super().__init__(*args, **kwargs)
        self.block = block
        self.fields["paragraph"].choices = [("", _("the whole field"))] + [
            (p.index, _("paragraph %(number)s") % {"number": p.index + 1}) for p in block.paragraphs
        ]

    def to_input(self) -> CommentInput:
        data = self.cleaned_data
        return CommentInput(self.block.unit, self.block.field, data["paragraph"], data["text"])


class OverviewFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Show"), choices=OverviewFilter.choices, required=False)
    kind = forms.ChoiceField(label=_("Kind of content"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = sorted(
            (entry.label, str(entry.model._meta.verbose_name_plural))
            for entry in content.registered()
        )
        self.fields["kind"].choices = [("", _("all")), *kinds]


class XliffUploadForm(forms.Form):
    file = forms.FileField(
        label=_("XLIFF file"),
        help_text=_("An XLIFF 2.0 file exported here and translated by the agency."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlf,.xliff,.xml"}),
    )


class GlossaryEntryForm(forms.Form):
    source_term = forms.CharField(label=_("German term"), max_length=200)
    language = forms.ChoiceField(label=_("Language"))
    target_term = forms.CharField(label=_("Term in that language"), max_length=200)
    note = forms.CharField(
        label=_("Explanation"),
        help_text=_("For readers, in that language."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            (code, language_name(code)) for code, _name in target_languages()
        ]

    def to_input(self) -> GlossaryInput:
        data = self.cleaned_data
        return GlossaryInput(
            data["source_term"], data["language"], data["target_term"], data.get("note", "")
        )
