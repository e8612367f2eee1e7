from django.contrib import admin

from .models import Body, Committee, LegislativeTerm


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "federal_state"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(LegislativeTerm)
class LegislativeTermAdmin(admin.ModelAdmin):
    list_display = ["name", "body", "committee", "start_date", "end_date"]
    list_filter = ["body"]


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "body", "agency", "kind", "is_active"]
    list_filter = ["kind", "body"]
