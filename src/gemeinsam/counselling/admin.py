"""Platform admins keep the counselling reference data: topics, case templates, coverage areas.

Cases, notes and documents are deliberately not in the admin: they are confidential and only
reachable through the views that check and log access.
"""

from django.contrib import admin

from gemeinsam.core.admin import LocalizedNameAdmin

from .models import AdvisorProfile, CaseTemplate, CoverageArea, TemplateStep, Topic


@admin.register(Topic)
class TopicAdmin(LocalizedNameAdmin):
    pass


class TemplateStepInline(admin.TabularInline):
    model = TemplateStep
    extra = 1
    fields = ["position", "offset_days", "names"]


@admin.register(CaseTemplate)
class CaseTemplateAdmin(LocalizedNameAdmin):
    inlines = [TemplateStepInline]


@admin.register(CoverageArea)
class CoverageAreaAdmin(admin.ModelAdmin):
    list_display = ["agency", "postcode_prefix", "federal_state"]
    list_filter = ["agency", "federal_state"]
    search_fields = ["postcode_prefix", "agency__name"]


@admin.register(AdvisorProfile)
class AdvisorProfileAdmin(admin.ModelAdmin):
    list_display = ["membership", "accepts_requests"]
    filter_horizontal = ["topics"]
