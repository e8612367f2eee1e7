"""Forms for the agency staff's event pages: the event itself, its questions, speakers and
downloads, the series, the participant filters, decisions and the mail to participants.

A valid form hands the services typed input (`EventForm.to_input`, `DocumentForm.to_input`);
the checks it shares with them live in `inputs`."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.forms import inlineformset_factory
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from gemeinsam.core import form_parts, inline
from gemeinsam.core.form_parts import FormPart
from gemeinsam.core.forms import DateTimeInput
from gemeinsam.organizations.models import Organization

from ..enums import (
    DOCUMENT_EXTENSIONS,
    DOCUMENT_MAX_BYTES,
    MAX_GROUP_SIZE,
    DocumentKind,
    QuestionKind,
)
from ..inputs import (
    EVENT_COLUMNS,
    EVENT_LISTS,
    DocumentInput,
    EventInput,
    QuestionInput,
    SpeakerInput,
    event_problems,
    upload_problem,
)
from ..models import Event, EventDocument, Question, Speaker

MAX_SERIES_DATES = 24


def _checkboxes(field: forms.Field) -> None:
    field.widget = forms.CheckboxSelectMultiple(choices=field.widget.choices)


class HostOrganizationField(forms.CharField):
    """An organization of the directory, named by its exact name or its address (slug).

    The directory holds many thousands of organizations, too many for a select.
    """

    def __init__(self, **kwargs):
        super().__init__(max_length=200, required=False, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, int):
            org = Organization.objects.filter(pk=value).only("name").first()
            return org.name if org else ""
        if isinstance(value, Organization):
            return value.name
        return value

    def clean(self, value):
        text = (super().clean(value) or "").strip()
        if not text:
            return None
        text = text.rstrip("/").rsplit("/", 1)[-1] if "/" in text else text
        matches = list(Organization.objects.filter(Q(slug=text) | Q(name__iexact=text))[:2])
        if not matches:
            raise forms.ValidationError(
                _("There is no organization of that name in the directory.")
            )
        if len(matches) > 1:
            raise forms.ValidationError(
                _("Several organizations have this name; please paste the address of its page.")
            )
        return matches[0]


# The edit form in parts: slug, title, its fields, and the fields whose values sum the part up
# while it is folded (the questions and speakers follow as parts of their own).
EVENT_PARTS = [
    (
        "event",
        _("The event"),
        ["title", "kind", "format", "status", "summary", "description", "agenda"],
        ["title", "kind", "format", "status"],
    ),
    (
        "when",
        _("Date and place"),
        [
            "starts_at",
            "ends_at",
            "venue_name",
            "street",
            "postcode",
            "city",
            "federal_state",
            "accessibility",
            "online_url",
        ],
        ["starts_at", "venue_name", "city"],
    ),
    (
        "audience",
        _("Who it is for"),
        [
            "languages",
            "interpretation",
            "topics",
            "fields",
            "professions",
            "target_groups",
            "project",
            "host_organization",
        ],
        ["professions", "target_groups", "languages", "project"],
    ),
    (
        "registration",
        _("Registration"),
        [
            "registration_required",
            "registration_opens_at",
            "registration_closes_at",
            "capacity",
            "waitlist_enabled",
            "requires_approval",
            "max_group_size",
            "consent_text",
            "reminder_days",
        ],
        ["capacity", "registration_closes_at"],
    ),
]
# What a new event needs first; the other parts come folded.
OPEN_WHEN_NEW = {"event", "when", "registration"}


class EventForm(forms.ModelForm):
    # Only when changing an event: a typo fixed keeps the translations up to date.
    minor_edit = forms.BooleanField(
        label=_("Minor edit (a typo): the translations stay up to date"),
        required=False,
        help_text=_(
            "Tick this only when the meaning stays the same. Otherwise the paragraphs you "
            "changed are marked as outdated in the other languages."
        ),
    )
    host_organization = HostOrganizationField(
        label=_("host organization"),
        help_text=_(
            "For a labour-market talk: the organization from the directory, by its name "
            "or the address of its page."
        ),
    )

    class Meta:
        model = Event
        fields = [name for _slug, _title, names, _summed in EVENT_PARTS for name in names]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "registration_opens_at": DateTimeInput(),
            "registration_closes_at": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 6}),
            "agenda": forms.Textarea(attrs={"rows": 4}),
            "accessibility": forms.Textarea(attrs={"rows": 2}),
            "consent_text": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        for name in ("languages", "interpretation", "topics", "fields", "professions"):
            _checkboxes(self.fields[name])
        _checkboxes(self.fields["target_groups"])
        self.fields["project"].queryset = agency.projects.all()
        self.fields["max_group_size"].widget.attrs.update(min=1, max=MAX_GROUP_SIZE)
        if self.instance.pk is None:
            del self.fields["minor_edit"]

    def clean(self):
        cleaned = super().clean()
        seats_taken = self.instance.seats_taken if self.instance.pk else 0
        for name, message in event_problems(cleaned, seats_taken=seats_taken):
            self.add_error(name, message)
        return cleaned

    def to_input(self, questions=None, speakers=None) -> EventInput:
        """What the valid form (and its valid question and speaker formsets) hand the
        services."""
        data = self.cleaned_data
        project, host = data["project"], data["host_organization"]
        return EventInput(
            **{name: data[name] for name in EVENT_COLUMNS if name not in BY_ID},
            project_id=project.pk if project else None,
            host_organization_id=host.pk if host else None,
            **{name: tuple(sorted(row.pk for row in data[name])) for name in EVENT_LISTS},
            questions=inline.changed_rows(questions, QuestionInput),
            speakers=inline.changed_rows(speakers, SpeakerInput),
        )


# The input's fields that name a row by its id, where the form has the row.
BY_ID = ("project_id", "host_organization_id")


class SeriesForm(forms.Form):
    """Optional on creation: more dates of the same event, one event per date."""

    NONE, WEEKLY, BIWEEKLY, MONTHLY = "", "weekly", "biweekly", "monthly"
    repeat = forms.ChoiceField(
        label=_("Repeat"),
        required=False,
        choices=[
            (NONE, _("Only once")),
            (WEEKLY, _("Every week")),
            (BIWEEKLY, _("Every 2 weeks")),
            (MONTHLY, _("Every month (same weekday of the month)")),
        ],
        widget=forms.RadioSelect,
    )
    count = forms.IntegerField(
        label=_("Number of dates"),
        required=False,
        min_value=2,
        max_value=MAX_SERIES_DATES,
        help_text=_("Including the first date; at most 24."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("repeat") and not cleaned.get("count"):
            self.add_error("count", _("Please say how many dates the series has."))
        return cleaned


class QuestionForm(forms.ModelForm):
    choices_text = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One choice per line (for single and multiple choice)."),
    )

    class Meta:
        model = Question
        fields = ["label", "kind", "choices_text", "required", "help_text", "position"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["choices_text"].initial = "\n".join(self.instance.choices or [])

    def clean(self):
        cleaned = super().clean()
        lines = [line.strip() for line in cleaned.get("choices_text", "").splitlines()]
        choices = list(dict.fromkeys(line for line in lines if line))
        if cleaned.get("kind") in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            if len(choices) < 2:
                self.add_error("choices_text", _("Please give at least two choices."))
        else:
            choices = []
        cleaned["choices"] = tuple(choices)
        return cleaned


QuestionFormSet = inlineformset_factory(
    Event, Question, form=QuestionForm, extra=1, can_delete=True
)


class SpeakerForm(forms.ModelForm):
    class Meta:
        model = Speaker
        fields = ["name", "role", "organization_name", "position"]


SpeakerFormSet = inlineformset_factory(Event, Speaker, form=SpeakerForm, extra=1, can_delete=True)


class DocumentForm(forms.ModelForm):
    class Meta:
        model = EventDocument
        fields = ["title", "kind", "file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].initial = DocumentKind.OTHER
        self.fields["file"].help_text = _("%(types)s, at most %(size)s.") % {
            "types": ", ".join(ext.upper() for ext in DOCUMENT_EXTENSIONS),
            "size": filesizeformat(DOCUMENT_MAX_BYTES),
        }
        self.fields["file"].widget.attrs["accept"] = ",".join(
            f".{ext}" for ext in DOCUMENT_EXTENSIONS
        )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            return upload
        problem = upload_problem(upload.name, upload.size)
        if problem:
            raise forms.ValidationError(problem)
        return upload

    def to_input(self) -> DocumentInput:
        data = self.cleaned_data
        return DocumentInput(title=data["title"], kind=data["kind"], file=data["file"])


# --- The event form in parts (core.form_parts) --------------------------------------------------


def event_parts(form, questions, speakers, series=None, *, new: bool) -> list[FormPart]:
    """The event form's parts in order, each with the line it shows while folded; the series
    (more dates, only when creating) belongs to the date and place."""
    parts = [
        form_parts.fields_part(form, slug, title, names, summed)
        for slug, title, names, summed in EVENT_PARTS
    ]
    when = next(part for part in parts if part.slug == "when")
    if series is not None:
        when.summary = form_parts.summary([when.summary, *form_parts.shown(series["repeat"])])
        when.errors += form_parts.errors_of(series)
        when.after = "events/manage/_more_dates.html"
    parts.append(
        form_parts.formset_part(
            questions,
            "questions",
            _("Questions at registration"),
            lambda row: str(row["label"].value() or ""),
            row_title=lambda n: _("Question %(number)s") % {"number": n},
        )
    )
    parts.append(
        form_parts.formset_part(
            speakers,
            "speakers",
            _("Speakers"),
            lambda row: str(row["name"].value() or ""),
            row_title=lambda n: _("Speaker %(number)s") % {"number": n},
        )
    )
    return form_parts.open_parts(parts, sent=form.is_bound, new=new, open_when_new=OPEN_WHEN_NEW)
