from django import forms
from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import AuditLogEntry


class LocalizedNamesForm(forms.ModelForm):
    """Edits the JSON `names` of reference data as one text field per language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = self.instance.names or {}
        for code, language in settings.LANGUAGES:
            self.fields[f"name_{code}"] = forms.CharField(
                label=_("Name (%(language)s)") % {"language": language},
                required=code == settings.LANGUAGE_CODE,
                initial=names.get(code, ""),
                max_length=200,
            )
        self.fields.pop("names", None)

    def save(self, commit=True):
        self.instance.names = {
            code: self.cleaned_data[f"name_{code}"]
            for code, _language in settings.LANGUAGES
            if self.cleaned_data.get(f"name_{code}")
        }
        return super().save(commit)


class LocalizedNameAdmin(admin.ModelAdmin):
    form = LocalizedNamesForm
    list_display = ["code", "label", "position"]
    list_editable = ["position"]
    search_fields = ["code", "names"]

    def get_fields(self, request, obj=None):
        extra = [f for f in self.form.base_fields if f not in {"code", "names", "position"}]
        names = [f"name_{code}" for code, _language in settings.LANGUAGES]
        return ["code", *names, "position", *extra]


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
