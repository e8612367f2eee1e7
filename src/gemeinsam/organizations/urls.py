from django.urls import path

from . import views
from .interchange import urls as interchange_urls

app_name = "organizations"

urlpatterns = [
    path("", views.organization_list, name="organization-list"),
    path("new/", views.organization_create, name="organization-create"),
    path("claims/", views.claim_list, name="claim-list"),
    path("claims/<int:pk>/decide/", views.claim_decide, name="claim-decide"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation-accept"),
    *interchange_urls.urlpatterns,
    path("<slug:slug>/", views.organization_detail, name="organization-detail"),
    path("<slug:slug>/edit/", views.organization_update, name="organization-update"),
    path("<slug:slug>/confirm/", views.organization_confirm, name="organization-confirm"),
    path("<slug:slug>/claim/", views.organization_claim, name="organization-claim"),
    path("<slug:slug>/members/", views.member_list, name="member-list"),
    path("<slug:slug>/members/<int:pk>/", views.member_change, name="member-change"),
]
