from django.urls import path

app_name = "tandems"

urlpatterns: list[path] = []
