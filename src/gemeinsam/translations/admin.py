from django.contrib import admin

from .models import GlossaryEntry, TranslationComment


@admin.register(GlossaryEntry)
class GlossaryEntryAdmin(admin.ModelAdmin):
    list_display = ["source_term", "language", "target_term"]
    list_filter = ["language"]
    search_fields = ["source_term", "target_term"]


@admin.register(TranslationComment)
class TranslationCommentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "author", "created_at", "resolved_at"]
    list_filter = ["language"]
    raw_id_fields = ["author", "resolved_by"]
