"""URL patterns (staff part of the events app)."""

urlpatterns: list = []
