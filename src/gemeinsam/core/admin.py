from django import forms
from django.conf import settings
from django.contrib import admin
from django.utils.functional import lazy
from django.utils.translation import gettext

from .models import AuditLogEntry


class _LocalizedNamesBase(forms.ModelForm):
    """Edits the JSON `names` of reference data as one text field per language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = self.instance.names or {}
        for code, _language in settings.LANGUAGES:
            self.fields[f"name_{code}"].initial = names.get(code, "")

    def save(self, commit=True):
        self.instance.names = {
            code: self.cleaned_data[f"name_{code}"]
            for code, _language in settings.LANGUAGES
            if self.cleaned_data.get(f"name_{code}")
        }
        return super().save(commit)


# Translated when the form is shown, not when the module is imported.
_name_label = lazy(lambda language: gettext("Name (%(language)s)") % {"language": language}, str)

# The name fields are declared on the class (not added per instance), so the admin accepts
# them in its field list; one per language in LANGUAGES, German required.
LocalizedNamesForm = type(
    "LocalizedNamesForm",
    (_LocalizedNamesBase,),
    {
        f"name_{code}": forms.CharField(
            label=_name_label(language),
            required=code == settings.LANGUAGE_CODE,
            max_length=200,
        )
        for code, language in settings.LANGUAGES
    },
)


class LocalizedNameAdmin(admin.ModelAdmin):
    form = LocalizedNamesForm
    exclude = ["names"]
    list_display = ["code", "label", "position"]
    list_editable = ["position"]
    search_fields = ["code", "names"]

    def get_fields(self, request, obj=None):
        names = [f"name_{code}" for code, _language in settings.LANGUAGES]
        own = [
            f.name
            for f in self.model._meta.fields
            if f.editable and f.name not in {"id", "code", "names", "position"}
        ]
        return ["code", *names, "position", *own]


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "object_type", "object_repr"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_repr", "actor__email"]
    readonly_fields = [f.name for f in AuditLogEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
