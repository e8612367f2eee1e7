"""/funding/…: the programme catalogue (with matching for one's organization), the watch list,
the readiness checks and their history, the staff overview and the gap dashboard."""

from django.urls import path

from . import views, views_gap, views_history, views_programmes, views_staff, views_watch

app_name = "funding"
urlpatterns = [
    path("programmes/", views_programmes.programme_list, name="programme-list"),
    path("programmes/<slug:code>/", views_programmes.programme_detail, name="programme-detail"),
    path("programmes/<slug:code>/watch/", views_watch.watch_toggle, name="programme-watch"),
    path("watch-list/", views_watch.watch_list, name="watch-list"),
    path("checks/", views.check_list, name="check-list"),
    path("checks/<slug:code>/", views.check_detail, name="check-detail"),
    path("checks/<slug:code>/save/", views.check_save, name="check-save"),
    path("checks/<slug:code>/result.pdf", views.check_pdf, name="check-pdf"),
    path("results/<slug:organization>/", views_history.result_history, name="result-history"),
    path("readiness/", views_staff.readiness_overview, name="readiness-overview"),
    path("readiness/export.<str:fmt>", views_staff.readiness_export, name="readiness-export"),
    path("gap/", views_gap.gap_dashboard, name="gap"),
    path("gap/organizations/", views_gap.gap_organizations, name="gap-organizations"),
    path("gap/export.<str:fmt>", views_gap.gap_export, name="gap-export"),
]
