from django.urls import path

from . import views

app_name = "knowledge"

urlpatterns = [
    path("", views.guide_list, name="guide-list"),
    path("manage/", views.manage_list, name="manage-list"),
    path("manage/<slug:agency>/new/", views.guide_create, name="guide-create"),
    path("<slug:slug>/", views.guide_detail, name="guide-detail"),
    path("<slug:slug>/pdf/", views.guide_pdf, name="guide-pdf"),
    path("<slug:slug>/edit/", views.guide_update, name="guide-update"),
    path("<slug:slug>/publish/", views.guide_publish, name="guide-publish"),
    path("<slug:slug>/steps/<int:step>/ask/", views.step_ask, name="step-ask"),
]
