"""/funding/…: the programme catalogue (with matching for one's organization), the watch list,
the readiness checks and their history, the staff overview and the gap dashboard."""

from django.urls import path

from .views import checks, gap, history, overview, programmes, watch

app_name = "funding"
urlpatterns = [
    path("programmes/", programmes.programme_list, name="programme-list"),
    path("programmes/<slug:code>/", programmes.programme_detail, name="programme-detail"),
    path("programmes/<slug:code>/watch/", watch.watch_toggle, name="programme-watch"),
    path("watch-list/", watch.watch_list, name="watch-list"),
    path("checks/", checks.check_list, name="check-list"),
    path("checks/<slug:code>/", checks.check_detail, name="check-detail"),
    path("checks/<slug:code>/save/", checks.check_save, name="check-save"),
    path("checks/<slug:code>/result.pdf", checks.check_pdf, name="check-pdf"),
    path("results/<slug:organization>/", history.result_history, name="result-history"),
    path("readiness/", overview.readiness_overview, name="readiness-overview"),
    path("readiness/export.<str:fmt>", overview.readiness_export, name="readiness-export"),
    path("gap/", gap.gap_dashboard, name="gap"),
    path("gap/organizations/", gap.gap_organizations, name="gap-organizations"),
    path("gap/export.<str:fmt>", gap.gap_export, name="gap-export"),
]
