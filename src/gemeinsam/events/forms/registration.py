"""Registration forms: one person, a group (a formset of people) and the self-service change.

Each event has its own questions, so the forms are built per event: every question becomes one
field named `question_<id>`. The forms only shape the input; `inputs.validate_answers` has the
last word on answers (the API checks through it too), and its errors land on the question's field.
"""

from __future__ import annotations

import dataclasses

from django import forms
from django.db.models import QuerySet
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from gemeinsam.core import content
from gemeinsam.organizations.models import Organization

from .. import inputs, texts
from ..enums import MAX_GROUP_SIZE, QuestionKind
from ..models import Event, Question, Registration

# How many organization names the suggestion list offers; a longer list helps nobody choosing
# without a search, and the typed name is matched against the whole directory anyway.
SUGGESTIONS = 1000


def own_organizations(user) -> QuerySet[Organization]:
    """The organizations a logged-in person acts for (active memberships only)."""
    if user is None or not user.is_authenticated:
        return Organization.objects.none()
    return Organization.objects.acted_for_by(user).order_by("name")


def organization_suggestions() -> list[str]:
    """Names of public organizations, for the free-text field's <datalist>."""
    return list(
        Organization.objects.filter(is_public=True)
        .order_by("name")
        .values_list("name", flat=True)
        .distinct()[:SUGGESTIONS]
    )


def _directory_match(name: str) -> Organization | None:
    """The one public organization with exactly this name, if there is exactly one."""
    if not name:
        return None
    found = list(Organization.objects.filter(is_public=True, name__iexact=name)[:2])
    return found[0] if len(found) == 1 else None


def question_field_name(question: Question) -> str:
    return f"question_{question.pk}"


def question_field(question: Question) -> forms.Field:
    """The question in the page's language; a choice's value stays the German choice, which
    is what the answer stores."""
    labels = texts.choice_labels(question)
    choices = [(choice, labels.get(choice.strip(), choice)) for choice in question.choices or []]
    common = {
        "label": content.shown(question, "label").html(),
        "required": question.required,
        "help_text": content.shown(question, "help_text").html(),
    }
    if question.kind == QuestionKind.SINGLE:
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if question.kind == QuestionKind.MULTIPLE:
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **common
        )
    if question.kind == QuestionKind.CHECKBOX:
        return forms.BooleanField(**common)
    return forms.CharField(
        max_length=2000, widget=forms.Textarea(attrs={"rows": 2, "cols": 40}), **common
    )


class QuestionsMixin:
    """Adds the event's questions as fields and checks the answers through the service."""

    def add_questions(self, questions: list[Question], initial: dict[int, object] | None = None):
        self.questions = questions
        initial = initial or {}
        for question in questions:
            field = question_field(question)
            if question.pk in initial:
                field.initial = initial[question.pk]
            self.fields[question_field_name(question)] = field

    def clean_answers(self) -> dict[int, object]:
        raw = {
            q.pk: self.cleaned_data.get(question_field_name(q))
            for q in self.questions
            if question_field_name(q) not in self.errors
        }
        answers, errors = inputs.validate_answers(self.questions, raw)
        for question in self.questions:
            name = question_field_name(question)
            if question.pk in errors and name not in self.errors:
                self.add_error(name, errors[question.pk])
        return answers

    def question_fields(self):
        return [self[question_field_name(q)] for q in self.questions]


class OrganizationFieldsMixin:
    """Organization from the directory: the person's own (a select) or any public one by name."""

    def add_organization_fields(self, user, *, organization=None, organization_name=""):
        own = own_organizations(user)
        self.has_own_organizations = own.exists()
        if self.has_own_organizations:
            self.fields["organization"] = forms.ModelChoiceField(
                queryset=own,
                required=False,
                label=_("Your organization"),
                empty_label=_("– none of these –"),
                initial=organization.pk if organization else own.first().pk,
            )
        self.fields["organization_name"] = forms.CharField(
            label=_("Organization (if not in the list)")
            if self.has_own_organizations
            else _("Organization"),
            max_length=200,
            required=False,
            initial=organization_name or (organization.name if organization else ""),
            help_text=_(
                "Optional. Names from the directory are suggested while you type; "
                "any other name is fine too."
            ),
            widget=forms.TextInput(attrs={"list": "organization-suggestions"}),
        )

    def clean_organization_choice(self) -> tuple[int | None, str]:
        """(organization id, free-text name) from the select or the typed name."""
        chosen = self.cleaned_data.get("organization")
        typed = (self.cleaned_data.get("organization_name") or "").strip()
        if typed and (not chosen or typed.casefold() != chosen.name.casefold()):
            match = _directory_match(typed)
            return (match.pk, "") if match else (None, typed)
        if chosen:
            return chosen.pk, ""
        return None, ""


class RegistrationForm(QuestionsMixin, OrganizationFieldsMixin, forms.Form):
    """One person registering themselves, with or without an account."""

    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("We send the confirmation and your personal link to this address."),
    )

    def __init__(self, *args, event: Event, user=None, **kwargs):
        # A colon after a checkbox's label (which follows the box) reads oddly.
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.event = event
        self.user = user
        if user is not None and user.is_authenticated:
            self.fields["name"].initial = user.name
            self.fields["email"].initial = user.email
        self.add_organization_fields(user)
        self.add_questions(list(event.questions.all()))
        if event.consent_text:
            self.fields["consent"] = forms.BooleanField(
                label=_("I agree."),
                required=True,
                error_messages={"required": _("Please agree to the consent text.")},
                # The text agreed to stands above the box, in the page's language or marked German.
                widget=forms.CheckboxInput(attrs={"aria-describedby": "consent-text"}),
            )

    def clean(self):
        """The shared check of a registration (`inputs.registration`, as the API's), its
        problems shown at their fields unless a field's own check already found one."""
        cleaned = super().clean()
        organization_id, organization_name = self.clean_organization_choice()
        answers = {
            q.pk: cleaned.get(question_field_name(q))
            for q in self.questions
            if question_field_name(q) not in self.errors
        }
        try:
            self.registrant = inputs.registration(
                self.event,
                self.questions,
                name=cleaned.get("name", ""),
                email=cleaned.get("email", ""),
                answers=answers,
                consent=cleaned.get("consent", False),
                organization_id=organization_id,
                organization_name=organization_name,
                user_id=self.user.pk if self.user and self.user.is_authenticated else None,
            )
        except inputs.Invalid as invalid:
            for key, message in invalid.errors.items():
                name = key
                if key.startswith("answers."):
                    name = f"question_{key.removeprefix('answers.')}"
                if name in self.fields and name not in self.errors:
                    self.add_error(name, message)
                elif name not in self.fields:
                    self.add_error(None, message)
        return cleaned

    def person(self, language: str) -> inputs.Person:
        return dataclasses.replace(self.registrant, language=language)


class RegistrationChangeForm(QuestionsMixin, OrganizationFieldsMixin, forms.Form):
    """A participant changing their own name, organization and answers (not the email)."""

    name = forms.CharField(label=_("Name"), max_length=200)

    def __init__(self, *args, registration: Registration, **kwargs):
        # A colon after a checkbox's label (which follows the box) reads oddly.
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.registration = registration
        self.fields["name"].initial = registration.name
        self.add_organization_fields(
            registration.user,
            organization=registration.organization,
            organization_name=registration.organization_name,
        )
        answers = {a.question_id: a.value for a in registration.answers.all()}
        self.add_questions(list(registration.event.questions.all()), initial=answers)

    def clean(self):
        cleaned = super().clean()
        self.answers = self.clean_answers()
        self.organization_id, self.organization_name = self.clean_organization_choice()
        return cleaned


class ParticipantForm(QuestionsMixin, forms.Form):
    """One row of a group registration: a person and their answers."""

    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("Email"), max_length=254)

    def __init__(self, *args, event: Event, questions: list[Question], **kwargs):
        # A colon after a checkbox's label (which follows the box) reads oddly.
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.event = event
        self.add_questions(questions)

    def clean(self):
        cleaned = super().clean()
        # An untouched row is skipped by the formset; only a started one is checked.
        if self.has_changed():
            self.answers = self.clean_answers()
        return cleaned


class BaseParticipantFormSet(forms.BaseFormSet):
    def initial_form_count(self):
        # Every row is a new person: rows handed back as typed (`initial`, after "add rows") stay
        # optional like the empty ones, and the form sends them as new rows.
        return super().initial_form_count() if self.is_bound else 0

    def typed_rows(self) -> list[dict]:
        """What was typed into the rows that were started, as sent, without checking it."""
        return [
            {name: form[name].value() for name in form.fields}
            for form in self.forms
            if form.has_changed()
        ]

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        emails = [
            form.cleaned_data["email"].strip().lower()
            for form in self.forms
            if form.has_changed() and form.cleaned_data.get("email")
        ]
        if not emails:
            raise forms.ValidationError(_("Please enter at least one participant."))
        if len(set(emails)) != len(emails):
            raise forms.ValidationError(_("Each participant needs their own email address."))

    def people(self, *, language: str, organization_id: int | None) -> list[inputs.Person]:
        return [
            inputs.Person(
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                organization_id=organization_id,
                language=language,
                answers=form.answers,
            )
            for form in self.forms
            if form.has_changed()
        ]


def participant_formset(event: Event, *, rows: int, data=None, initial=None):
    """`rows` rows (at most the event's largest group), the first filled with `initial`;
    questions read once for all."""
    size = max(1, min(event.max_group_size, MAX_GROUP_SIZE))
    formset_class = formset_factory(
        ParticipantForm,
        formset=BaseParticipantFormSet,
        extra=max(1, min(rows, size)),
        max_num=size,
        absolute_max=size,
        validate_max=True,
    )
    return formset_class(
        data,
        initial=initial,
        prefix="people",
        form_kwargs={"event": event, "questions": list(event.questions.all())},
    )


class GroupForm(forms.Form):
    """Who books: the organization (one of the booker's own) and consent for everyone."""

    def __init__(self, *args, event: Event, user, **kwargs):
        # A colon after a checkbox's label (which follows the box) reads oddly.
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        own = own_organizations(user)
        if own.exists():
            self.fields["organization"] = forms.ModelChoiceField(
                queryset=own,
                label=_("Organization"),
                initial=own.first().pk,
                help_text=_("The group is registered for this organization."),
            )
        if event.consent_text:
            self.fields["consent"] = forms.BooleanField(
                label=_("Every participant agrees to the consent text."),
                required=True,
                error_messages={"required": _("Please agree to the consent text.")},
                widget=forms.CheckboxInput(attrs={"aria-describedby": "consent-text"}),
            )

    def typed(self) -> dict:
        """What was chosen, as sent, to fill the form again."""
        return {name: self[name].value() for name in self.fields}
