from django.contrib import admin

from .models import Closure, Room


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["name", "agency", "kind", "capacity", "is_active"]
    list_filter = ["kind", "agency", "is_active"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Closure)
class ClosureAdmin(admin.ModelAdmin):
    list_display = ["agency", "room", "starts_on", "ends_on", "reason"]
    list_filter = ["agency"]
