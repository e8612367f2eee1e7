"""Counselling URL patterns: public part. (namespace "counselling")."""

urlpatterns: list = []
