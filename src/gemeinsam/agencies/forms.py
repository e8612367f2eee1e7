from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from gemeinsam.core.forms import DateInput

from .enums import StaffRole
from .inputs import MeasureInput, ProjectInput, StaffChange
from .models import Project, ProjectMeasure, StaffMembership


class StaffAddForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("The person needs an account on gemeinsam with this address."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=StaffRole.choices, initial=StaffRole.ADVISOR)


class StaffChangeForm(forms.ModelForm):
    class Meta:
        model = StaffMembership
        fields = StaffChange.fields()

    def change(self) -> StaffChange:
        """The valid answers, for `services.change_staff`."""
        return StaffChange(**{name: self.cleaned_data[name] for name in StaffChange.fields()})


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = ["title", "funder", "starts_on", "ends_on", "goals", "is_public"]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "goals": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {"goals": _("One goal per line.")}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("starts_on"), cleaned.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The end must not be before the start."))
        return cleaned


MeasureFormSet = inlineformset_factory(
    Project,
    ProjectMeasure,
    fields=["title", "description"],
    extra=2,
    can_delete=True,
    widgets={"description": forms.Textarea(attrs={"rows": 2})},
)


def project_input(form: ProjectForm, measures) -> ProjectInput:
    """The valid project form and its measures formset, for `services.save_project`. Empty extra
    rows are left out, as the formset's own saving would."""
    rows = []
    for measure in measures.forms:
        data = measure.cleaned_data
        if not data or (measure.instance.pk is None and not measure.has_changed()):
            continue
        rows.append(
            MeasureInput(
                title=data.get("title", ""),
                description=data.get("description", ""),
                id=measure.instance.pk,
                delete=bool(data.get("DELETE")),
            )
        )
    values = {name: form.cleaned_data[name] for name in ProjectInput.fields()}
    return ProjectInput(**values, measures=tuple(rows))
