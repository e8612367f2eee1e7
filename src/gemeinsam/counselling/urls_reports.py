"""Counselling URL patterns: the figures for funders (namespace "counselling")."""

from django.urls import path

from .views import reports

urlpatterns = [
    path("manage/<slug:agency>/report/", reports.report, name="report"),
    path("manage/<slug:agency>/report.<str:fmt>", reports.report_export_view, name="report-export"),
]
