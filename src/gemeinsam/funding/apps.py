from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "gemeinsam.funding"
    verbose_name = _("Funding")

    def ready(self) -> None:
        # Registers the permissions and declares the morning deadline reminders with
        # core.schedule; imported in apps.ready because the rules read the organizations' rules
        # and roles, and the reminders the models, which need the app registry.
        from gemeinsam.accounts.rules import is_platform_admin
        from gemeinsam.core import content

        # The programme model, imported here because it needs the app registry.
        from . import rules, tasks  # noqa: F401
        from .models import Programme

        # The catalogue's texts are translated by whoever keeps the catalogue (platform admins).
        content.register(
            Programme,
            permission="funding.change_programme",
            visible=lambda user: (
                Programme.objects.all() if is_platform_admin(user) else Programme.objects.none()
            ),
        )
