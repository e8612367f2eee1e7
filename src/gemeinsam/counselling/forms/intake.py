"""Forms of the intake queue: its filter, and accepting, forwarding, declining a request or
merging its sender's record into one the agency already keeps."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gemeinsam.agencies.models import Agency, Project, StaffMembership

from ..enums import CaseType, RequestStatus
from ..models import CaseTemplate, Request

QUEUE_STATUSES = [RequestStatus.NEW, RequestStatus.ACCEPTED, RequestStatus.DECLINED]


def staff_users(agencies) -> QuerySet:
    """The active people working for these agencies: who may be a case's advisor."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            staff_memberships__agency__in=agencies,
            staff_memberships__is_active=True,
        )
        .distinct()
        .order_by("name", "email")
    )


def default_title(request: Request) -> str:
    """A case title to start from: who asked and about what."""
    who = request.organization.name if request.organization else request.organization_name
    topics = ", ".join(t.label for t in list(request.topics.all())[:2])
    return (f"{who}: {topics}" if who else topics)[:200] or f"#{request.pk}"


class IntakeFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(s.value, s.label) for s in QUEUE_STATUSES],
        required=False,
    )
    mine = forms.BooleanField(label=_("Suggested for me"), required=False)

    def status_value(self) -> str:
        if self.is_valid() and self.cleaned_data["status"]:
            return self.cleaned_data["status"]
        return RequestStatus.NEW


class _AgencyLabelled(forms.ModelMultipleChoiceField):
    def __init__(self, *args, agency_of=None, **kwargs):
        self.agency_of = agency_of or {}
        self.suggested: set[int] = set()
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        notes = [self.agency_of[obj.pk]] if obj.pk in self.agency_of else []
        if obj.pk in self.suggested:
            notes.append(str(_("suggested")))
        return f"{obj} ({', '.join(notes)})" if notes else str(obj)


class AcceptForm(forms.Form):
    """Accept a request into a new case.

    `agencies` are those that may take it: the request's own, or for a request no agency
    covers, the agencies the advisor works for (a choice when there are several).
    """

    agency = forms.ModelChoiceField(
        label=_("Agency that takes the request"), queryset=Agency.objects.none()
    )
    advisors = _AgencyLabelled(
        label=_("Advisors"),
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Assign at least one advisor.")},
        help_text=_(
            "Every advisor you tick can read the case's confidential notes and documents. "
            "Suggested advisors are marked; tick only those who will work on the case."
        ),
    )
    case_type = forms.ChoiceField(label=_("Case type"), choices=CaseType.choices)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    project = forms.ModelChoiceField(
        label=_("Counts for project"), queryset=Project.objects.none(), required=False
    )
    template = forms.ModelChoiceField(
        label=_("Case template"),
        queryset=CaseTemplate.objects.all(),
        required=False,
        help_text=_("The template's standard steps become the case's tasks, with due dates."),
    )

    def __init__(self, *args, request: Request, agencies: list[Agency], by=None, **kwargs):
        kwargs.setdefault("prefix", "accept")
        super().__init__(*args, **kwargs)
        self.agencies = agencies
        several = len(agencies) > 1
        if several:
            self.fields["agency"].queryset = Agency.objects.filter(
                pk__in=[a.pk for a in agencies]
            ).order_by("name")
            self.fields["agency"].initial = agencies[0].pk
        else:
            del self.fields["agency"]
        advisors = self.fields["advisors"]
        advisors.queryset = staff_users(agencies)
        if several:
            names: dict[int, list[str]] = {}
            for membership in StaffMembership.objects.filter(
                agency__in=agencies, is_active=True
            ).select_related("agency"):
                names.setdefault(membership.user_id, []).append(str(membership.agency))
            advisors.agency_of = {pk: ", ".join(sorted(n)) for pk, n in names.items()}
        # Who becomes an advisor is a choice: suggested advisors are marked, not ticked (each
        # of them could read the confidential notes); the person accepting is ticked when they
        # may advise.
        advisors.suggested = {u.pk for u in request.suggested_advisors.all()}
        if by is not None and advisors.queryset.filter(pk=by.pk).exists():
            advisors.initial = [by.pk]
        project = self.fields["project"]
        project.queryset = (
            Project.objects.filter(agency__in=agencies)
            .select_related("agency")
            .order_by("-starts_on", "title")
        )
        if several:
            project.label_from_instance = lambda p: f"{p.title} ({p.agency})"
        self.fields["title"].initial = default_title(request)
        self.fields["case_type"].initial = CaseType.SINGLE

    def clean(self):
        cleaned = super().clean()
        if "agency" not in self.fields:
            cleaned["agency"] = self.agencies[0] if self.agencies else None
        return cleaned


class ForwardForm(forms.Form):
    to_agency = forms.ModelChoiceField(label=_("Forward to"), queryset=Agency.objects.none())
    reason = forms.CharField(
        label=pgettext_lazy("forwarding", "Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Please give a reason for forwarding.")},
    )

    def __init__(self, *args, exclude: Agency | None = None, **kwargs):
        kwargs.setdefault("prefix", "forward")
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.filter(is_active=True).order_by("name")
        if exclude is not None:
            agencies = agencies.exclude(pk=exclude.pk)
        self.fields["to_agency"].queryset = agencies


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=pgettext_lazy("declining", "Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("The person gets this reason by mail, so say where else they could turn."),
        error_messages={
            "required": _("Please give a reason, so the person knows where else to turn.")
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "decline")
        super().__init__(*args, **kwargs)


class ContactChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, contact) -> str:
        details = ", ".join(d for d in (contact.email, contact.phone) if d)
        return f"{contact.name or '–'} ({details})" if details else contact.name or "–"


class MergeForm(forms.Form):
    """Staff confirm that the request's sender is a person their agency already counsels."""

    into = ContactChoiceField(
        label=_("This is the same person as"),
        queryset=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the person this request comes from."),
            "invalid_choice": _(
                "Choose one of the people your agency counsels with the same address or phone."
            ),
        },
    )

    def __init__(self, *args, matches, **kwargs):
        kwargs.setdefault("prefix", "merge")
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = matches


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """A service's ValidationError shown on the form: on its field where the form has one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
