"""URL patterns (registration part of the events app): registering, and the personal links."""

from django.urls import path

from .views import registration as views

urlpatterns: list = [
    path("<slug:slug>/register/", views.registration_create, name="registration-create"),
    path("<slug:slug>/register/group/", views.group_create, name="group-create"),
    path("groups/<str:token>/", views.group_detail, name="group-detail"),
    path("groups/<str:token>/cancel/", views.group_cancel, name="group-cancel"),
    path("registrations/<str:token>/", views.registration_detail, name="registration-detail"),
    path("registrations/<str:token>/event.ics", views.registration_ics, name="registration-ics"),
    path(
        "registrations/<str:token>/change/", views.registration_update, name="registration-update"
    ),
    path(
        "registrations/<str:token>/cancel/", views.registration_cancel, name="registration-cancel"
    ),
]
