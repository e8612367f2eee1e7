"""Counselling URL patterns: staff part. (namespace "counselling")."""

urlpatterns: list = []
