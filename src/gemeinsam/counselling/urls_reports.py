"""Counselling URL patterns: reports part. (namespace "counselling")."""

urlpatterns: list = []
