"""Counselling URL patterns: the case page and its timeline (namespace "counselling")."""

from django.urls import path

from .views import timeline, timeline_forms

urlpatterns = [
    path("manage/cases/<int:pk>/", timeline.case_detail, name="case-detail"),
    path("manage/cases/<int:pk>/sessions/new/", timeline_forms.session_add, name="session-add"),
    path("manage/cases/<int:pk>/notes/new/", timeline_forms.note_add, name="note-add"),
    path("manage/cases/<int:pk>/tasks/new/", timeline_forms.task_add, name="task-add"),
    path("manage/cases/<int:pk>/outcomes/new/", timeline_forms.outcome_add, name="outcome-add"),
    path(
        "manage/cases/<int:pk>/documents/new/",
        timeline_forms.document_upload,
        name="document-upload",
    ),
    path(
        "manage/cases/<int:pk>/tasks/<int:task>/done/",
        timeline_forms.task_done,
        name="task-done",
    ),
    path(
        "manage/cases/<int:pk>/documents/<int:doc>/",
        timeline_forms.document_download,
        name="document-download",
    ),
    path("manage/cases/<int:pk>/break-glass/", timeline.break_glass, name="case-break-glass"),
    path("manage/cases/<int:pk>/access/", timeline.access_log, name="access-log"),
]
