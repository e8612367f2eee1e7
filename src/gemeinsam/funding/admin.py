"""Platform admins keep the catalogue and the checks. Rules are edited as a JSON document: a
broken one is refused with every problem named, and a changed one becomes a new version."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from gemeinsam.core import content
from gemeinsam.core.admin import LocalizedNameAdmin, LocalizedNamesForm

from . import ruledoc, services
from .models import Programme, ReadinessCheck, RuleVersion, WatchedProgramme


class _RulesField(forms.JSONField):
    widget = forms.Textarea(attrs={"rows": 24, "cols": 100, "dir": "ltr"})


class _WithRules:
    """Form mixin: a `rules` field holding the owner's current rule document."""

    def _init_rules(self):
        current = self.instance.current_rules if self.instance.pk else None
        self.fields["rules"].initial = current.document if current else {"requirements": []}

    def clean_rules(self):
        document = self.cleaned_data["rules"]
        try:
            ruledoc.validate(document)
        except ruledoc.RuleError as error:
            raise forms.ValidationError(
                [f"{where}: {what}" if where else str(what) for where, what in error.problems]
            ) from error
        return document


class ProgrammeForm(_WithRules, forms.ModelForm):
    rules = _RulesField(label=_("rules"), help_text=_("See the rule format in the documentation."))
    # A typo fixed in the name or the summary keeps their translations up to date.
    minor_edit = forms.BooleanField(
        label=_("Minor edit (a typo): the translations stay up to date"),
        required=False,
        help_text=_(
            "Tick this only when the meaning stays the same. Otherwise the paragraphs you "
            "changed are marked as outdated in the other languages."
        ),
    )

    class Meta:
        model = Programme
        exclude: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._init_rules()


class CheckForm(_WithRules, LocalizedNamesForm):
    rules = _RulesField(label=_("rules"), help_text=_("See the rule format in the documentation."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._init_rules()


class RuleVersionInline(admin.TabularInline):
    model = RuleVersion
    fk_name = "programme"
    fields = ["number", "created_at", "created_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False


class _SavesRules:
    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.store_rules(form.instance, form.cleaned_data["rules"], by=request.user)


@admin.register(Programme)
class ProgrammeAdmin(_SavesRules, admin.ModelAdmin):
    form = ProgrammeForm
    list_display = ["name", "funder", "kind", "level", "checked_on", "is_active"]
    list_filter = ["kind", "level", "is_active"]
    search_fields = ["name", "funder", "code"]
    filter_horizontal = ["fields"]
    inlines = [RuleVersionInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and form.cleaned_data.get("minor_edit"):
            before = {name: form.initial.get(name, "") for name in Programme.translated_fields}
            changed = {name: old for name, old in before.items() if getattr(obj, name) != old}
            if changed:
                content.minor_edit(obj, changed)


class CheckRuleVersionInline(RuleVersionInline):
    fk_name = "readiness_check"


@admin.register(ReadinessCheck)
class ReadinessCheckAdmin(_SavesRules, LocalizedNameAdmin):
    form = CheckForm
    inlines = [CheckRuleVersionInline]

    def get_fields(self, request, obj=None):
        return [*super().get_fields(request, obj), "rules"]


@admin.register(WatchedProgramme)
class WatchedProgrammeAdmin(admin.ModelAdmin):
    """Who watches which programme: to look at, not to edit (people manage their own list)."""

    list_display = ["programme", "user", "organization", "created_at"]
    list_filter = ["programme"]
    search_fields = ["programme__name", "user__email", "organization__name"]
    list_select_related = ["programme", "user", "organization"]
    readonly_fields = ["user", "programme", "organization", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
