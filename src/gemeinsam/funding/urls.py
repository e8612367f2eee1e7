"""/funding/…: readiness checks (the programme catalogue and matching follow)."""

from django.urls import path

from . import views

app_name = "funding"
urlpatterns = [
    path("checks/", views.check_list, name="check-list"),
    path("checks/<slug:code>/", views.check_detail, name="check-detail"),
    path("checks/<slug:code>/save/", views.check_save, name="check-save"),
]
