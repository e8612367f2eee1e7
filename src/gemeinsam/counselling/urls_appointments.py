"""Counselling URL patterns: appointments part. (namespace "counselling")."""

urlpatterns: list = []
