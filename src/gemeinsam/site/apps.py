from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The top floor: pages that combine apps (the home page, the agency page)."""

    name = "gemeinsam.site"
    label = "site"
