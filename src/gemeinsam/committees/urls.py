"""/committees/…: the register, its agencies' forms, mandates, and the OParl 1.1 export.

The fixed prefixes (`new/`, `mandates/`, `oparl/`) come before `<body>/<slug>/`.
"""

from django.urls import path

from . import views

app_name = "committees"

urlpatterns = [
    path("", views.committee_list, name="committee-list"),
    path("new/<slug:agency>/", views.committee_create, name="committee-create"),
    path("paths/<slug:organization>/", views.seat_paths, name="seat-paths"),
    path("mandates/<int:pk>/step/", views.mandate_step, name="mandate-step"),
    path("oparl/", views.oparl_system, name="oparl-system"),
    path("oparl/bodies/", views.oparl_bodies, name="oparl-bodies"),
    path("oparl/<slug:body>/", views.oparl_body, name="oparl-body"),
    path("oparl/<slug:body>/<slug:kind>/", views.oparl_list, name="oparl-list"),
    path("<slug:body>/<slug:slug>/", views.committee_detail, name="committee-detail"),
    path("<slug:body>/<slug:slug>/edit/", views.committee_update, name="committee-update"),
    path(
        "<slug:body>/<slug:slug>/meetings.ics",
        views.committee_calendar,
        name="committee-calendar",
    ),
    path("<slug:body>/<slug:slug>/meetings/new/", views.meeting_create, name="meeting-create"),
    path("<slug:body>/<slug:slug>/seats/new/", views.seat_create, name="seat-create"),
    path("<slug:body>/<slug:slug>/mandates/", views.mandate_list, name="mandate-list"),
    path("<slug:body>/<slug:slug>/mandates/new/", views.mandate_create, name="mandate-create"),
]
