"""Counselling URL patterns: staff part (namespace "counselling"): the intake queue per agency,
requests, the case list and the case actions apart from the timeline."""

from django.urls import path

from .views import cases, intake

C = "manage/cases/<int:pk>/"
R = "manage/requests/<int:pk>/"

urlpatterns = [
    path("manage/", intake.staff_home, name="staff-home"),
    path("manage/<slug:agency>/intake/", intake.intake, name="intake"),
    path(R, intake.request_detail, name="request-detail"),
    path(f"{R}accept/", intake.request_accept, name="request-accept"),
    path(f"{R}forward/", intake.request_forward, name="request-forward"),
    path(f"{R}decline/", intake.request_decline, name="request-decline"),
    path(f"{R}merge/", intake.request_merge, name="request-merge"),
    path("manage/cases/", cases.case_list, name="case-list"),
    path("manage/<slug:agency>/cases/new/", cases.case_create, name="case-create"),
    path(f"{C}edit/", cases.case_edit, name="case-edit"),
    path(f"{C}advisors/", cases.case_advisors, name="case-advisors"),
    path(f"{C}forward/", cases.case_forward, name="case-forward"),
    path(f"{C}close/", cases.case_close, name="case-close"),
    path(f"{C}reopen/", cases.case_reopen, name="case-reopen"),
]
