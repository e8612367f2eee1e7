"""Counselling URL patterns: appointments part (namespace "counselling")."""

from django.urls import path

from .views import appointments

urlpatterns = [
    path("manage/appointments/", appointments.appointment_week, name="appointment-week"),
    path("manage/appointments/new/", appointments.appointment_create, name="appointment-create"),
    path(
        "manage/appointments/<int:pk>/edit/",
        appointments.appointment_edit,
        name="appointment-edit",
    ),
    path(
        "manage/appointments/<int:pk>/cancel/",
        appointments.appointment_cancel,
        name="appointment-cancel",
    ),
    path("appointments/<int:pk>.ics", appointments.appointment_ics_file, name="appointment-ics"),
]
