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
]
