from django import forms
from django.conf import settings
from django.contrib import admin
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import audit
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
    """Read-only. Entries about confidential apps (counselling) show ids and which fields
    changed, never their values: platform admins do not read counselling, not even here."""

    list_display = ["created_at", "actor", "action", "object_type", "shown_object"]
    list_filter = ["action", "object_type"]
    # Not the entries' text: a search would reveal confidential entries one guess at a time.
    search_fields = ["actor__email", "object_id"]
    fields = ["created_at", "actor", "action", "object_type", "object_id", "shown_object"]
    fields += ["shown_changes"]
    readonly_fields = fields

    @admin.display(description=_("object"))
    def shown_object(self, entry: AuditLogEntry) -> str:
        if audit.is_confidential(entry.object_type):
            return f"{entry.object_type.partition('.')[2]} #{entry.object_id}"
        return entry.object_repr

    @admin.display(description=_("changes"))
    def shown_changes(self, entry: AuditLogEntry):
        if audit.is_confidential(entry.object_type):
            return ", ".join(sorted(entry.changes or {}))
        return entry.changes

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
