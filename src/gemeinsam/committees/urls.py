from django.urls import path

app_name = "committees"

urlpatterns: list[path] = []
