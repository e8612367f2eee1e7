"""URL patterns (public part of the events app)."""

urlpatterns: list = []
