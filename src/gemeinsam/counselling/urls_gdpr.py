"""Counselling URL patterns: gdpr part (namespace "counselling").

Patterns still pointing at `pending` are placeholders until their views exist.
"""

from django.urls import path

from .views._pending import pending

urlpatterns = [
    path("manage/<slug:agency>/people/", pending, name="contact-list"),
    path("manage/people/<int:pk>/", pending, name="contact-detail"),
    path("manage/people/<int:pk>/export.json", pending, name="contact-export"),
    path("manage/people/<int:pk>/erase/", pending, name="contact-erase"),
    path("manage/organizations/<slug:slug>/data/", pending, name="organization-data"),
    path("manage/organizations/<slug:slug>/data.json", pending, name="organization-export"),
    path("my/data/", pending, name="my-data"),
    path("my/data.json", pending, name="my-data-export"),
]
