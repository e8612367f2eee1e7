"""The public request form: anyone asks for counselling, logged in or not.

Logged-in people are answered through their account; everybody else leaves an email address or a
phone number. The consent text shown is the one stored with the request (`CONSENT_TEXT`, in the
language of the page, with `CONSENT_VERSION`); change the version whenever the wording changes.
"""

from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gemeinsam.core.enums import FederalState
from gemeinsam.organizations.enums import MembershipStatus
from gemeinsam.organizations.models import Organization, WorkingLanguage, postcode_validator

from .enums import Channel
from .models import Topic

CONSENT_VERSION = "2026-01"
CONSENT_TEXT = _(
    "I agree that the details I give here are stored and passed on to the agency that takes on "
    "my request, so that it can answer and counsel me. Only the agency's staff see them. They "
    "are deleted or anonymised when the counselling has ended and the retention period is over. "
    "I can withdraw my consent at any time by writing to the agency."
)
# Bots fill every field they find; people never see this one (see the template).
HONEYPOT = "website"
DESCRIPTION_MAX = 4000

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ()/.\-]{3,38}$",
    _("Enter a phone number with digits, spaces and + ( ) / - only."),
)


def own_organizations(user) -> QuerySet[Organization]:
    """The organizations a logged-in person acts for (active memberships only)."""
    if user is None or not user.is_authenticated:
        return Organization.objects.none()
    return Organization.objects.filter(
        memberships__user=user, memberships__status=MembershipStatus.ACTIVE
    ).order_by("name", "id")


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
        missing = not (cleaned.get("email") or cleaned.get("phone"))
        # An invalid address or number has its own error already.
        if self.user is None and missing and not {"email", "phone"} & set(self.errors):
            self.add_error(
                "email", _("Please give an email address or a phone number for the answer.")
            )
        return cleaned

    def submission(self, *, mail_language: str) -> dict:
        """Keyword arguments for `services.public.submit_request`."""
        data = self.cleaned_data
        organization = data.get("organization")
        return {
            "user": self.user,
            "name": data.get("name", ""),
            "email": data.get("email", ""),
            "phone": data.get("phone", ""),
            "organization": organization,
            "organization_name": "" if organization else data["organization_name"].strip(),
            "topics": list(data["topics"]),
            "language": data.get("language"),
            "channel": data["channel"],
            "preferred_times": data["preferred_times"].strip(),
            "description": data["description"].strip(),
            "postcode": data["postcode"],
            "federal_state": data["federal_state"],
            "consent_version": CONSENT_VERSION,
            "consent_text": str(CONSENT_TEXT),
            "mail_language": mail_language,
        }
