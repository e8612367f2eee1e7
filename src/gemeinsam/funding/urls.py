"""/funding/…: the programme catalogue (with matching for one's organization) and the
readiness checks."""

from django.urls import path

from . import views, views_programmes

app_name = "funding"
urlpatterns = [
    path("programmes/", views_programmes.programme_list, name="programme-list"),
    path("programmes/<slug:code>/", views_programmes.programme_detail, name="programme-detail"),
    path("checks/", views.check_list, name="check-list"),
    path("checks/<slug:code>/", views.check_detail, name="check-detail"),
    path("checks/<slug:code>/save/", views.check_save, name="check-save"),
    path("checks/<slug:code>/result.pdf", views.check_pdf, name="check-pdf"),
]
