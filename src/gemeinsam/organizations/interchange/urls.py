# Import and export routes, mounted under /<language>/organizations/ by organizations.urls,
# before the `<slug>` routes so that "import" and "export" are never read as slugs.
from django.urls import path

from . import views

urlpatterns = [
    path("import/", views.import_upload, name="import-upload"),
    path("import/<int:pk>/", views.import_preview, name="import-preview"),
    path("import/<int:pk>/apply/", views.import_apply, name="import-apply"),
    path("export/<str:fmt>/", views.organization_export, name="organization-export"),
]
