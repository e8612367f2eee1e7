from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TandemsConfig(AppConfig):
    name = "gemeinsam.tandems"
    label = "tandems"
    verbose_name = _("tandems")

    def ready(self) -> None:
        # Registers the permissions and the call's texts with the translation registry;
        # imported in apps.ready because the rules read roles and the registry names the
        # model, which need the app registry.
        from gemeinsam.core import content

        # The rules, the model and the staff's calls, imported here for the app registry.
        from . import queries, rules  # noqa: F401
        from .models import TandemCall

        # A call's texts are translated by the staff who may change it, among their calls.
        content.register(
            TandemCall, permission="tandems.change_call", visible=queries.calls_managed_by
        )
