from django.urls import path

from .views import guides, portraits, recommendations

app_name = "knowledge"

urlpatterns = [
    path("", guides.guide_list, name="guide-list"),
    path("manage/", guides.manage_list, name="manage-list"),
    path("manage/<slug:agency>/new/", guides.guide_create, name="guide-create"),
    path("manage/<slug:agency>/portraits/new/", portraits.portrait_create, name="portrait-create"),
    path("portraits/<int:pk>/", portraits.portrait_detail, name="portrait-detail"),
    path("portraits/<int:pk>/edit/", portraits.portrait_update, name="portrait-update"),
    path("portraits/<int:pk>/publish/", portraits.portrait_publish, name="portrait-publish"),
    path("portraits/<int:pk>/withdraw/", portraits.portrait_withdraw, name="portrait-withdraw"),
    path("recommendations/", recommendations.recommendation_list, name="recommendation-list"),
    path(
        "manage/<slug:agency>/recommendations/new/",
        recommendations.recommendation_create,
        name="recommendation-create",
    ),
    path(
        "recommendations/<int:pk>/",
        recommendations.recommendation_detail,
        name="recommendation-detail",
    ),
    path(
        "recommendations/<int:pk>/edit/",
        recommendations.recommendation_update,
        name="recommendation-update",
    ),
    path(
        "recommendations/<int:pk>/publish/",
        recommendations.recommendation_publish,
        name="recommendation-publish",
    ),
    path("recommendations/<int:pk>/updates/", recommendations.update_add, name="update-add"),
    path("<slug:slug>/", guides.guide_detail, name="guide-detail"),
    path("<slug:slug>/pdf/", guides.guide_pdf, name="guide-pdf"),
    path("<slug:slug>/edit/", guides.guide_update, name="guide-update"),
    path("<slug:slug>/publish/", guides.guide_publish, name="guide-publish"),
    path("<slug:slug>/steps/<int:step>/ask/", guides.step_ask, name="step-ask"),
]
