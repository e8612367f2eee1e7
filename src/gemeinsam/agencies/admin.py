from django.contrib import admin

from .models import Agency, Project, ProjectMeasure, StaffMembership


class StaffInline(admin.TabularInline):
    model = StaffMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "federal_state", "is_active"]
    search_fields = ["name", "short_name", "city"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [StaffInline]


class MeasureInline(admin.TabularInline):
    model = ProjectMeasure
    extra = 0


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "agency", "funder", "starts_on", "ends_on"]
    list_filter = ["agency"]
    search_fields = ["title", "funder"]
    inlines = [MeasureInline]
