"""The public request form: anyone asks for counselling, logged in or not.

Logged-in people are answered through their account; everybody else leaves an email address or a
phone number. The form parses into the `RequestInput` the API parses into too, and asks the same
`request_problems()` (inputs.py); the consent text and its version live there as well.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gemeinsam.core.enums import FederalState
from gemeinsam.organizations.models import WorkingLanguage, postcode_validator

from ..enums import Channel
from ..inputs import (
    CONSENT_TEXT,
    CONSENT_VERSION,
    DESCRIPTION_MAX,
    RequestInput,
    phone_validator,
    request_problems,
)
from ..models import Topic
from ..queries import own_organizations

# Bots fill every field they find; people never see this one (see the template).
HONEYPOT = "website"


class TopicChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.label


class LanguageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.label


class RequestForm(forms.Form):
    """What a request for counselling needs; `submission()` gives the service's arguments."""

    topics = TopicChoiceField(
        queryset=Topic.objects.order_by("position", "code"),
        widget=forms.CheckboxSelectMultiple,
        label=_("What would you like counselling on?"),
        error_messages={"required": _("Please choose at least one topic.")},
    )
    description = forms.CharField(
        label=_("What is it about?"),
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 6, "cols": 60, "dir": "auto"}),
        help_text=_("A few sentences are enough, at most 4000 characters."),
    )
    language = LanguageChoiceField(
        queryset=WorkingLanguage.objects.order_by("position", "code"),
        required=False,
        label=_("Preferred language for the counselling"),
        empty_label=_("– no preference –"),
    )
    channel = forms.ChoiceField(
        choices=Channel.choices,
        widget=forms.RadioSelect,
        label=_("How would you like to be counselled?"),
        initial=Channel.PHONE,
    )
    preferred_times = forms.CharField(
        label=_("Preferred times"),
        max_length=300,
        required=False,
        help_text=_("For example: weekdays after 4 pm, or Saturday mornings."),
    )
    organization_name = forms.CharField(
        label=_("Name of the organization"),
        max_length=200,
        required=False,
        help_text=_("Optional: the association or group you ask for."),
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=5,
        required=False,
        validators=[postcode_validator],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
        help_text=_("So that your request reaches the agency for your region."),
    )
    federal_state = forms.ChoiceField(
        label=_("or federal state"),
        choices=[("", _("– choose –")), *FederalState.choices],
        required=False,
    )
    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("Optional: how should we address you?"),
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        validators=[phone_validator],
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    consent = forms.BooleanField(
        label=_("I agree."),
        widget=forms.CheckboxInput(attrs={"aria-describedby": "consent-text"}),
        error_messages={"required": _("Please agree, so that we may store your request.")},
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    consent_text = CONSENT_TEXT
    consent_version = CONSENT_VERSION

    def __init__(self, *args, user=None, **kwargs):
        # A colon after a checkbox's label (which follows the box) reads oddly.
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.user = user if user is not None and user.is_authenticated else None
        self.organizations = list(own_organizations(self.user)) if self.user else []
        if self.user is not None:
            # The answer goes to the account; a phone number is welcome for calls.
            del self.fields["name"], self.fields["email"]
            self.fields["phone"].help_text = _("Optional: if you would like us to call you.")
        else:
            self.fields["email"].help_text = _(
                "Give an email address or a phone number (or both), so that we can answer you."
            )
        if self.organizations:
            first = self.organizations[0]
            self.fields["organization"] = forms.ModelChoiceField(
                queryset=own_organizations(self.user),
                required=False,
                label=_("Your organization"),
                empty_label=_("– none of these –"),
                initial=first.pk,
            )
            self.fields["organization_name"].label = _("Organization (if not in the list)")
            self.fields["postcode"].initial = first.postcode
            self.fields["federal_state"].initial = first.federal_state

    @property
    def is_spam(self) -> bool:
        """The honeypot was filled: pretend success and store nothing."""
        return bool(self.data.get(HONEYPOT, "").strip())

    @property
    def honeypot(self):
        return self[HONEYPOT]

    def clean(self):
        cleaned = super().clean()
        problems = request_problems(
            self._input(cleaned, mail_language=""), answered_by_account=self.user is not None
        )
        # A field with an error of its own (required, an invalid address) keeps only that one.
        for field, message in problems.items():
            if field in self.fields and field not in self.errors:
                self.add_error(field, message)
        return cleaned

    def _input(self, data: dict, *, mail_language: str) -> RequestInput:
        organization = data.get("organization")
        return RequestInput(
            name=data.get("name", ""),
            email=data.get("email", ""),
            phone=data.get("phone", ""),
            organization=organization,
            organization_name="" if organization else data.get("organization_name", "").strip(),
            topics=tuple(data.get("topics", ())),
            language=data.get("language"),
            channel=data.get("channel", ""),
            preferred_times=data.get("preferred_times", "").strip(),
            description=data.get("description", "").strip(),
            postcode=data.get("postcode", ""),
            federal_state=data.get("federal_state", ""),
            consent=bool(data.get("consent")),
            mail_language=mail_language,
        )

    def to_input(self, *, mail_language: str) -> RequestInput:
        """The parsed request, for `services.public.submit_request`."""
        return self._input(self.cleaned_data, mail_language=mail_language)
