"""URL patterns (registration part of the events app)."""

urlpatterns: list = []
