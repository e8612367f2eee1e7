"""Counselling URL patterns: case timeline part (namespace "counselling").

Patterns still pointing at `pending` are placeholders until their views exist.
"""

from django.urls import path

from .views._pending import pending

urlpatterns = [
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
