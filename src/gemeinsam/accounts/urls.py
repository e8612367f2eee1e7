from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("two-factor/confirm/", views.two_factor_confirm, name="two-factor-confirm"),
]
