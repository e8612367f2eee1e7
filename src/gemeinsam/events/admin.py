from django.contrib import admin

from gemeinsam.core.admin import LocalizedNameAdmin

from .models import Event, Profession, Topic

for model in (Topic, Profession):
    admin.site.register(model, LocalizedNameAdmin)


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "agency", "kind", "starts_at", "status", "capacity", "seats_taken"]
    list_filter = ["status", "kind", "format", "agency"]
    search_fields = ["title", "city"]
    date_hierarchy = "starts_at"
    # Registrations hold personal data and are managed on the agency's pages, not here.
    exclude = ["online_url"]
    readonly_fields = ["seats_taken"]
    autocomplete_fields = ["host_organization"]
