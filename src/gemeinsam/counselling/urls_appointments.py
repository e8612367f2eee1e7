"""Counselling URL patterns: appointments part (namespace "counselling").

Patterns still pointing at `pending` are placeholders until their views exist.
"""

from django.urls import path

from .views._pending import pending

urlpatterns = [
    path("manage/appointments/", pending, name="appointment-week"),
    path("manage/appointments/new/", pending, name="appointment-create"),
    path("manage/appointments/<int:pk>/edit/", pending, name="appointment-edit"),
    path("manage/appointments/<int:pk>/cancel/", pending, name="appointment-cancel"),
    path("appointments/<int:pk>.ics", pending, name="appointment-ics"),
]
