"""Forms of the advisors' case pages: the list's filters, opening and editing a case, its
advisors, and handing it to another agency."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gemeinsam.agencies.models import Agency, Project
from gemeinsam.organizations.models import Organization, WorkingLanguage

from ..enums import CaseStatus, CaseType
from ..models import CaseTemplate, Topic
from .intake import staff_users

MAX_ORGANIZATIONS = 20
ALL = "all"


class CaseFilterForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=_("Agency"),
        queryset=Agency.objects.none(),
        required=False,
        empty_label=_("All my agencies"),
        to_field_name="slug",
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[*CaseStatus.choices, (ALL, pgettext_lazy("cases", "all"))],
        required=False,
    )
    mine = forms.BooleanField(label=_("Only my cases"), required=False)
    q = forms.CharField(label=_("Search"), max_length=100, required=False)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies

    def query(self) -> dict:
        """The arguments for `queries.case_list`; anything invalid falls back to the default."""
        data = self.cleaned_data if self.is_valid() else {}
        status = data.get("status") or CaseStatus.OPEN
        return {
            "agency": data.get("agency"),
            "status": "" if status == ALL else status,
            "mine": bool(data.get("mine")),
            "q": (data.get("q") or "").strip(),
        }


class OrganizationsField(forms.CharField):
    """Organizations of the directory, one per line, by exact name or by the address of their
    page (or its last part). The directory holds many thousands: too many for a select."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text",
            _(
                "One organization per line: its exact name as in the directory, or the "
                "address of its page."
            ),
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, str) or value is None:
            return value or ""
        lines = []
        for organization in value:
            # A name several organizations share would not find its way back: use the address.
            shared = Organization.objects.filter(name__iexact=organization.name)[:2].count() > 1
            lines.append(organization.slug if shared else organization.name)
        return "\n".join(lines)

    def clean(self, value):
        lines = []
        for line in (super().clean(value) or "").splitlines():
            text = line.strip().rstrip("/")
            if text:
                lines.append(text.rsplit("/", 1)[-1] if "/" in text else text)
        if len(lines) > MAX_ORGANIZATIONS:
            raise forms.ValidationError(
                _("At most %(count)d organizations per case.") % {"count": MAX_ORGANIZATIONS}
            )
        found, errors = [], []
        for text in dict.fromkeys(lines):
            matches = list(Organization.objects.filter(Q(slug=text) | Q(name__iexact=text))[:2])
            if not matches:
                errors.append(
                    _("“%(name)s” is not an organization in the directory.") % {"name": text}
                )
            elif len(matches) > 1:
                errors.append(
                    _(
                        "Several organizations are called “%(name)s”; please paste the address "
                        "of its page."
                    )
                    % {"name": text}
                )
            elif matches[0] not in found:
                found.append(matches[0])
        if errors:
            raise forms.ValidationError(errors)
        return found


class CaseEditForm(forms.Form):
    """What a case is about: title, type, organizations, topics, language and project."""

    title = forms.CharField(label=_("Title"), max_length=200)
    case_type = forms.ChoiceField(label=_("Case type"), choices=CaseType.choices)
    organizations = OrganizationsField(label=_("Organizations"))
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    language = forms.ModelChoiceField(
        label=_("Language of the counselling"),
        queryset=WorkingLanguage.objects.all(),
        required=False,
    )
    project = forms.ModelChoiceField(
        label=_("Counts for project"), queryset=Project.objects.none(), required=False
    )

    def __init__(self, *args, agency: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.fields["project"].queryset = agency.projects.order_by("-starts_on", "title")


class CaseCreateForm(CaseEditForm):
    """A case that starts without a request, e.g. after a phone call."""

    advisors = forms.ModelMultipleChoiceField(
        label=_("Advisors"),
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Assign at least one advisor.")},
    )
    template = forms.ModelChoiceField(
        label=_("Case template"),
        queryset=CaseTemplate.objects.all(),
        required=False,
        help_text=_("The template's standard steps become the case's tasks, with due dates."),
    )

    def __init__(self, *args, agency: Agency, **kwargs):
        super().__init__(*args, agency=agency, **kwargs)
        self.fields["advisors"].queryset = staff_users([agency])


class AdvisorsForm(forms.Form):
    advisors = forms.ModelMultipleChoiceField(
        label=_("Advisors"),
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Assign at least one advisor.")},
    )

    def __init__(self, *args, agency: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["advisors"].queryset = staff_users([agency])


class CaseForwardForm(forms.Form):
    to_agency = forms.ModelChoiceField(label=_("Forward to"), queryset=Agency.objects.none())
    reason = forms.CharField(
        label=pgettext_lazy("forwarding", "Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Please give a reason for forwarding.")},
    )

    def __init__(self, *args, exclude: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_agency"].queryset = (
            Agency.objects.filter(is_active=True).exclude(pk=exclude.pk).order_by("name")
        )
