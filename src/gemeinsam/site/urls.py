from django.urls import path

from . import views

app_name = "site"

urlpatterns = [
    path("", views.home, name="home"),
    path("agencies/<slug:slug>/", views.agency_detail, name="agency-detail"),
    path("my/", views.dashboard, name="dashboard"),
    path("design-system/", views.design_system, name="design-system"),
]
