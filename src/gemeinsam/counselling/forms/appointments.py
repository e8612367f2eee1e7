"""The appointment form: details, advisor (among the agency's staff) and whom to invite."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeinsam.core.forms import DateTimeInput

from ..enums import Channel
from ..models import Appointment, Case, Contact
from ..services.appointments import AppointmentData

# Far enough for any real appointment, near enough that no date arithmetic overflows.
EARLIEST, LATEST = datetime.date(2000, 1, 1), datetime.date(2100, 12, 31)


class AttendeeField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, contact: Contact) -> str:
        if contact.email:
            return f"{contact} – {contact.email}"
        # Not inside the f-string: makemessages would not see the text there.
        note = _("no email address: not invited by mail")
        return f"{contact} ({note})"


class VideoLinkField(forms.URLField):
    default_validators = [URLValidator(schemes=["https", "http"])]


class AppointmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DateTimeInput())
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    location = forms.CharField(
        label=_("Place"),
        max_length=300,
        required=False,
        help_text=_("An address or a room, for appointments in person."),
    )
    video_link = VideoLinkField(
        label=_("Video link"),
        max_length=200,
        required=False,
        assume_scheme="https",
        help_text=_("Sent to the invited people with the invitation."),
    )
    advisor = forms.ModelChoiceField(label=_("Advisor"), queryset=None)
    attendees = AttendeeField(
        label=_("Invite"),
        queryset=Contact.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each invited person gets a mail with a calendar file."),
    )

    def __init__(self, *args, agency, case: Case | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["advisor"].queryset = (
            get_user_model()
            .objects.filter(staff_memberships__agency=agency, staff_memberships__is_active=True)
            .distinct()
            .order_by("name", "email")
        )
        if case is None:
            del self.fields["attendees"]
        else:
            self.fields["attendees"].queryset = case.contacts.filter(
                anonymised_at__isnull=True
            ).order_by("name", "id")

    @classmethod
    def initial_for(cls, appointment: Appointment) -> dict:
        tz = timezone.get_current_timezone()
        return {
            "title": appointment.title,
            "starts_at": appointment.starts_at.astimezone(tz),
            "ends_at": appointment.ends_at.astimezone(tz),
            "channel": appointment.channel,
            "location": appointment.location,
            "video_link": appointment.video_link,
            "advisor": appointment.advisor_id,
            "attendees": [c.pk for c in appointment.attendees.all()],
        }

    def _clean_moment(self, name: str):
        value = self.cleaned_data[name]
        if value is not None and not (EARLIEST <= value.date() <= LATEST):
            raise forms.ValidationError(
                _("Please give a date between %(first)s and %(last)s.")
                % {"first": EARLIEST.year, "last": LATEST.year}
            )
        return value

    def clean_starts_at(self):
        return self._clean_moment("starts_at")

    def clean_ends_at(self):
        return self._clean_moment("ends_at")

    def clean(self):
        data = super().clean()
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The appointment must end after it starts."))
        return data

    def appointment_data(self) -> AppointmentData:
        data = self.cleaned_data
        return AppointmentData(
            title=data["title"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            channel=data["channel"],
            advisor=data["advisor"],
            location=data["location"],
            video_link=data["video_link"],
            attendees=list(data.get("attendees") or []),
        )


class WeekForm(forms.Form):
    """Whose week, and which: drawn by the field component. The page reads the address itself
    (an advisor who is no colleague is not found, a wrong week gives the current one), so this
    form only shows what is chosen."""

    advisor = forms.ChoiceField(label=_("Advisor"))
    week = forms.CharField(label=_("Week"), widget=forms.TextInput(attrs={"type": "week"}))

    def __init__(self, *, colleagues, advisor, week: str):
        super().__init__(initial={"advisor": advisor.pk, "week": week})
        self.fields["advisor"].choices = [(person.pk, str(person)) for person in colleagues]
