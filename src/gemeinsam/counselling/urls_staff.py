"""Counselling URL patterns: staff part (namespace "counselling").

Patterns still pointing at `pending` are placeholders until their views exist.
"""

from django.urls import path

from .views._pending import pending

urlpatterns = [
    path("manage/", pending, name="staff-home"),
    path("manage/<slug:agency>/intake/", pending, name="intake"),
    path("manage/requests/<int:pk>/", pending, name="request-detail"),
    path("manage/requests/<int:pk>/accept/", pending, name="request-accept"),
    path("manage/requests/<int:pk>/forward/", pending, name="request-forward"),
    path("manage/requests/<int:pk>/decline/", pending, name="request-decline"),
    path("manage/cases/", pending, name="case-list"),
    path("manage/<slug:agency>/cases/new/", pending, name="case-create"),
    path("manage/cases/<int:pk>/edit/", pending, name="case-edit"),
    path("manage/cases/<int:pk>/advisors/", pending, name="case-advisors"),
    path("manage/cases/<int:pk>/forward/", pending, name="case-forward"),
    path("manage/cases/<int:pk>/close/", pending, name="case-close"),
    path("manage/cases/<int:pk>/reopen/", pending, name="case-reopen"),
    path("manage/cases/<int:pk>/", pending, name="case-detail"),
    path("manage/cases/<int:pk>/sessions/new/", pending, name="session-add"),
    path("manage/cases/<int:pk>/notes/new/", pending, name="note-add"),
    path("manage/cases/<int:pk>/tasks/new/", pending, name="task-add"),
    path("manage/cases/<int:pk>/outcomes/new/", pending, name="outcome-add"),
    path("manage/cases/<int:pk>/documents/new/", pending, name="document-upload"),
    path("manage/cases/<int:pk>/tasks/<int:task>/done/", pending, name="task-done"),
    path("manage/cases/<int:pk>/documents/<int:doc>/", pending, name="document-download"),
    path("manage/cases/<int:pk>/break-glass/", pending, name="case-break-glass"),
    path("manage/cases/<int:pk>/access/", pending, name="access-log"),
]
