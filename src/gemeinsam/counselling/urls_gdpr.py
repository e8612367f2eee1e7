"""Counselling URL patterns: gdpr part (namespace "counselling")."""

from django.urls import path

from .views import gdpr

urlpatterns = [
    path("manage/<slug:agency>/people/", gdpr.contact_list, name="contact-list"),
    path("manage/people/<int:pk>/", gdpr.contact_detail, name="contact-detail"),
    path("manage/people/<int:pk>/export.json", gdpr.contact_export, name="contact-export"),
    path("manage/people/<int:pk>/erase/", gdpr.contact_erase, name="contact-erase"),
    path(
        "manage/organizations/<slug:slug>/data/",
        gdpr.organization_data,
        name="organization-data",
    ),
    path(
        "manage/organizations/<slug:slug>/data.json",
        gdpr.organization_export,
        name="organization-export",
    ),
    path("my/data/", gdpr.my_data, name="my-data"),
    path("my/data.json", gdpr.my_data_export, name="my-data-export"),
]
