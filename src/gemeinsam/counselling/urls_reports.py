"""Counselling URL patterns: reports part (namespace "counselling").

Patterns still pointing at `pending` are placeholders until their views exist.
"""

from django.urls import path

from .views._pending import pending

urlpatterns = [
    path("manage/<slug:agency>/report/", pending, name="report"),
    path("manage/<slug:agency>/report.<str:fmt>", pending, name="report-export"),
]
