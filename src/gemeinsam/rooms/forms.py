import datetime

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gemeinsam.core.forms import DateInput
from gemeinsam.core.slugs import unique_slug

from .enums import MAX_WEEKS, Repeat, RoomKind
from .models import Closure, Room
from .services import Request


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class RoomFilterForm(forms.Form):
    """The room list's filters (GET); only used to render the fields with labels."""

    agency = forms.ChoiceField(label=_("Agency"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("all kinds")), *RoomKind.choices]
    )
    capacity = forms.IntegerField(label=_("At least this many people"), required=False, min_value=1)

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [("", _("all agencies"))] + [
            (a.slug, a.name) for a in agencies
        ]

    @classmethod
    def kept(cls, filters, *, agencies) -> "RoomFilterForm":
        """Bound to the filters the list kept, so a value it dropped is not drawn as chosen."""
        data = QueryDict(mutable=True)
        for name in ("agency", "kind", "capacity"):
            value = getattr(filters, name)
            if value:
                data[name] = str(value)
        return cls(data, agencies=agencies, label_suffix="")


class RoomForm(forms.ModelForm):
    class Meta:
        model = Room
        fields = [
            "name",
            "slug",
            "kind",
            "capacity",
            "equipment",
            "accessibility",
            "description",
            "location",
            "is_active",
        ]
        widgets = {
            "equipment": forms.Textarea(attrs={"rows": 4}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"slug": _("Part of the web address; made from the name when left empty.")}

    # Only when changing a room: a typo fixed keeps the translations up to date.
    minor_edit = forms.BooleanField(
        label=_("Minor edit (a typo): the translations stay up to date"),
        required=False,
        help_text=_(
            "Tick this only when the meaning stays the same. Otherwise the paragraphs you "
            "changed are marked as outdated in the other languages."
        ),
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.fields["slug"].required = False
        self.fields["capacity"].min_value = 1
        if self.instance.pk is None:
            del self.fields["minor_edit"]

    def german_before(self) -> dict | None:
        """The room's texts as they were, when the change is a minor edit (else None)."""
        if not self.cleaned_data.get("minor_edit"):
            return None
        return {name: self.initial.get(name, "") for name in Room.translated_fields}

    def clean_slug(self):
        slug = self.cleaned_data.get("slug")
        others = Room.objects.filter(agency=self.agency).exclude(pk=self.instance.pk)
        if not slug:
            return unique_slug(
                self.cleaned_data.get("name") or "", taken=others, fallback="room", max_length=80
            )
        if others.filter(slug=slug).exists():
            raise forms.ValidationError(_("Another room of this agency has this address."))
        return slug


class SkippedDates(forms.Field):
    """The dates of a weekly request left out, sent along unseen by the offer to book the rest."""

    widget = forms.MultipleHiddenInput
    hidden_widget = forms.MultipleHiddenInput

    def to_python(self, value) -> tuple[datetime.date, ...]:
        dates = []
        for item in value or ():
            try:
                dates.append(datetime.date.fromisoformat(item))
            except (TypeError, ValueError):
                raise forms.ValidationError(_("Enter a valid date."), code="invalid") from None
        return tuple(sorted(set(dates)))


class BookingRequestForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    start = forms.TimeField(label=_("From"), widget=TimeInput())
    end = forms.TimeField(label=_("Until"), widget=TimeInput())
    repeat = forms.ChoiceField(
        label=_("Repeat"), choices=Repeat.choices, initial=Repeat.ONCE, widget=forms.RadioSelect
    )
    weeks = forms.IntegerField(
        label=_("Number of weeks"),
        required=False,
        min_value=1,
        max_value=MAX_WEEKS,
        help_text=_("For weekly bookings: how many weeks, or a last date below."),
    )
    until = forms.DateField(label=_("Last date"), required=False, widget=DateInput())
    title = forms.CharField(label=_("Purpose"), max_length=200)
    attendees = forms.IntegerField(label=_("Number of people"), min_value=1)
    organization = forms.ModelChoiceField(label=_("Organization"), queryset=None)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    skip = SkippedDates(required=False)

    def __init__(self, *args, organizations, organization_required=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["organization"].required = organization_required
        if not organization_required:
            self.fields["organization"].empty_label = pgettext_lazy(
                "organization", "none (agency use)"
            )
        elif not self.is_bound:
            # A member of one organization asks for it: chosen already, and no empty choice.
            only = list(organizations[:2])
            if len(only) == 1:
                self.fields["organization"].initial = only[0].pk
                self.fields["organization"].empty_label = None

    def without(self, dates) -> "BookingRequestForm":
        """The same request, bound to what was sent, leaving out `dates` as well."""
        data = self.data.copy()
        skipped = {*data.getlist("skip"), *(day.isoformat() for day in dates)}
        data.setlist("skip", sorted(skipped))
        field = self.fields["organization"]
        return type(self)(
            data,
            organizations=field.queryset,
            organization_required=field.required,
            auto_id="rest-%s",  # drawn on the same page as this form: ids of its own
        )

    def clean(self):
        data = super().clean()
        if data.get("repeat") == Repeat.WEEKLY and not (data.get("weeks") or data.get("until")):
            self.add_error("weeks", _("Please give the number of weeks or a last date."))
        return data

    def request(self) -> Request:
        data = self.cleaned_data
        return Request(
            date=data["date"],
            start=data["start"],
            end=data["end"],
            title=data["title"],
            attendees=data["attendees"],
            repeat=data["repeat"],
            weeks=data.get("weeks"),
            until=data.get("until"),
            organization_id=data["organization"].pk if data.get("organization") else None,
            note=data.get("note") or "",
            skip=data.get("skip") or (),
        )


SCOPE_CHOICES = [("one", _("only this date")), ("series", _("all open dates of the series"))]


class DecisionForm(forms.Form):
    # The decision comes from the button pressed; the page draws only the scope and the reason.
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("decline", _("Decline"))], widget=forms.HiddenInput
    )
    scope = forms.ChoiceField(
        label=_("Which dates"), choices=SCOPE_CHOICES, required=False, widget=forms.RadioSelect
    )
    reason = forms.CharField(label=_("Reason (needed to decline)"), required=False, max_length=1000)

    @classmethod
    def for_booking(cls, booking) -> "DecisionForm":
        """The decision on one request of the queue, with ids of its own on the page."""
        return cls(initial={"scope": "one"}, auto_id=f"booking-{booking.pk}-%s")

    def clean(self):
        data = super().clean()
        if data.get("decision") == "decline" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Please give a reason for declining."))
        return data


class CancelForm(forms.Form):
    scope = forms.ChoiceField(choices=SCOPE_CHOICES, required=False)


class ClosureForm(forms.ModelForm):
    class Meta:
        model = Closure
        fields = ["room", "starts_on", "ends_on", "reason"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = agency.rooms.order_by("name")
        self.fields["room"].empty_label = _("the whole agency")

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The last day must not be before the first."))
        return data


class EventChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, event) -> str:
        start = timezone.localtime(event.starts_at)
        return f"{date_format(start, 'SHORT_DATETIME_FORMAT')} · {event.title}"


class EventReserveForm(forms.Form):
    event = EventChoiceField(label=_("Event"), queryset=None)
    room = forms.ModelChoiceField(label=_("Room"), queryset=None)

    def __init__(self, *args, events, rooms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = events
        self.fields["room"].queryset = rooms
