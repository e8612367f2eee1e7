from django.conf import settings
from django.urls import path, register_converter

from .views import editor, glossary, overview


class TargetLanguage:
    """A language content is translated into (not German): /translations/ar/ …"""

    regex = "|".join(code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class ModelLabel:
    regex = r"[a-z_]+\.[a-z_]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(TargetLanguage, "target")
register_converter(ModelLabel, "label")

app_name = "translations"

ITEM = "translations/<label:label>/<int:pk>/<target:language>/"

urlpatterns = [
    path("glossary/", glossary.glossary, name="glossary"),
    path("translations/glossary/", glossary.glossary_manage, name="glossary-manage"),
    path("translations/glossary/<int:pk>/", glossary.glossary_update, name="glossary-update"),
    path(
        "translations/glossary/<int:pk>/delete/", glossary.glossary_delete, name="glossary-delete"
    ),
    path("translations/import/", overview.xliff_import, name="import"),
    path("translations/<target:language>/", overview.overview, name="overview"),
    path("translations/<target:language>/export/", overview.export, name="export"),
    path(ITEM, editor.item_edit, name="item-edit"),
    path(f"{ITEM}machine/", editor.item_machine, name="item-machine"),
    path(f"{ITEM}comments/", editor.comment_create, name="comment-create"),
    path(f"{ITEM}comments/<int:comment>/resolve/", editor.comment_resolve, name="comment-resolve"),
]
