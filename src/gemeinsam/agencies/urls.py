from django.urls import path

from . import views

app_name = "agencies"

urlpatterns = [
    path("", views.agency_list, name="agency-list"),
    path("<slug:slug>/staff/", views.staff_list, name="staff-list"),
    path("<slug:slug>/staff/<int:pk>/", views.staff_update, name="staff-update"),
    path("<slug:slug>/projects/", views.project_list, name="project-list"),
    path("<slug:slug>/projects/new/", views.project_form, name="project-create"),
    path("<slug:slug>/projects/<slug:project_slug>/", views.project_form, name="project-update"),
]
