"""Counselling URL patterns: gdpr part. (namespace "counselling")."""

urlpatterns: list = []
