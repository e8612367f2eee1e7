from django.contrib import admin

from gemeinsam.core.admin import LocalizedNameAdmin

from . import search
from .models import (
    FieldOfActivity,
    ImportBatch,
    LegalForm,
    Organization,
    OrganizationMembership,
    Recognition,
    RecognitionType,
    TargetGroup,
    WorkingLanguage,
)

for model in (FieldOfActivity, TargetGroup, WorkingLanguage, LegalForm, RecognitionType):
    admin.site.register(model, LocalizedNameAdmin)


class RecognitionInline(admin.TabularInline):
    model = Recognition
    extra = 0


class MembershipInline(admin.TabularInline):
    model = OrganizationMembership
    fk_name = "organization"
    extra = 0
    autocomplete_fields = ["user"]
    exclude = ["decided_by"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "city", "federal_state", "is_public", "last_confirmed_on"]
    list_filter = ["kind", "federal_state", "is_public"]
    search_fields = ["name", "short_name", "city", "register_number"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["fields", "target_groups", "languages"]
    inlines = [RecognitionInline, MembershipInline]

    def save_related(self, request, form, formsets, change):
        # The search document needs the saved many-to-many rows, so it is written last.
        super().save_related(request, form, formsets, change)
        search.reindex([form.instance])


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    """Read-only: imports are made and applied by staff in the import pages."""

    list_display = ["original_name", "uploaded_by", "status", "created_at", "applied_at"]
    list_filter = ["status"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
